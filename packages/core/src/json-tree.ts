// The container walk shared by the lossless reader (lossless-json.ts) and the pilot reader
// (pilot/pilot-json.ts): strings, arrays, prototype-free objects, last duplicate key wins, a depth
// limit, no recursion. What a bare scalar (number, literal) becomes is the reader's choice, so it
// comes in as a callback; so does the wording of errors, which differs between the readers.
import { readString, scanString, skipWhitespace } from "./json-tokens.ts";

/** A scalar read at some index: its value and end, or where and why it cannot be read. */
export type ScalarRead<T> = { value: T; end: number } | { failAt: number; problem: string };

/**
 * A failure names two places: `index`, where the reader stood (the start of the token it could not
 * read), and `at`, the first character that cannot continue the JSON text.
 */
export type JsonTreeParse<T> = { ok: true; value: T } | { ok: false; index: number; at: number; problem: string };

export interface JsonTreeOptions<T> {
  /** Containers may nest this deep; one more is refused (a hostile payload must not exhaust the stack). */
  maxDepth: number;
  /** Reads the value at `i`, which is not a string or a container (and may be past the end). */
  scalar: (text: string, i: number) => ScalarRead<T>;
}

/** What the walk builds: the reader's scalars, strings, arrays and prototype-free objects. */
export type JsonTree<T> = T | string | JsonTree<T>[] | { [key: string]: JsonTree<T> };
type Frame<T> =
  | { kind: "array"; value: JsonTree<T>[] }
  | { kind: "object"; value: { [key: string]: JsonTree<T> }; key: string };

/** Parse one JSON text (without its BOM): the whole text must be one value. */
export function parseJsonTree<T>(text: string, options: JsonTreeOptions<T>): JsonTreeParse<JsonTree<T>> {
  type Value = JsonTree<T>;
  let i = 0;
  const stack: Frame<T>[] = [];
  const skipWs = (): void => {
    i = skipWhitespace(text, i);
  };
  const fail = (problem: string, at = i): JsonTreeParse<Value> => ({ ok: false, index: i, at, problem });
  const stringFailureAt = (): number => {
    const scanned = scanString(text, i);
    // A string the regex refused always has a failure point; its end is unreachable here.
    return "failAt" in scanned ? scanned.failAt : scanned.end - 1;
  };
  // Reads `"key":` at i; a string on success, else the failure.
  const readKey = (): string | JsonTreeParse<Value> => {
    if (text[i] !== '"') return fail("expected a string key");
    const key = readString(text, i);
    if (key === null) return fail("expected a string key", stringFailureAt());
    i = key.end;
    skipWs();
    if (text[i] !== ":") return fail("expected ':'");
    i++;
    return key.value;
  };

  let result: { value: Value } | null = null;
  // Each iteration reads one value (opening containers push a frame), then closes what it can.
  while (result === null) {
    skipWs();
    let value: Value;
    const c = text[i];
    if (c === "{" || c === "[") {
      if (stack.length >= options.maxDepth) return fail("nesting too deep");
      i++;
      skipWs();
      if (c === "[") {
        if (text[i] !== "]") {
          stack.push({ kind: "array", value: [] });
          continue;
        }
        i++;
        value = [];
      } else {
        if (text[i] !== "}") {
          const key = readKey();
          if (typeof key !== "string") return key;
          stack.push({ kind: "object", value: newObject(), key });
          continue;
        }
        i++;
        value = newObject();
      }
    } else if (c === '"') {
      const s = readString(text, i);
      if (s === null) return fail("invalid string", stringFailureAt());
      i = s.end;
      value = s.value;
    } else {
      const scalar = options.scalar(text, i);
      if ("problem" in scalar) return fail(scalar.problem, scalar.failAt);
      i = scalar.end;
      value = scalar.value;
    }

    // Attach the value to its container; close containers whose end follows.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        result = { value };
        break;
      }
      if (top.kind === "array") top.value.push(value);
      else defineKey(top.value, top.key, value);
      skipWs();
      const next = text[i];
      if (next === ",") {
        i++;
        if (top.kind === "object") {
          skipWs();
          const key = readKey();
          if (typeof key !== "string") return key;
          top.key = key;
        }
        break;
      }
      if ((top.kind === "array" && next === "]") || (top.kind === "object" && next === "}")) {
        i++;
        stack.pop();
        value = top.value;
        continue;
      }
      return fail(`expected ',' or '${top.kind === "array" ? "]" : "}"}'`);
    }
  }
  skipWs();
  if (i < text.length) return fail("unexpected text after the JSON value");
  return { ok: true, value: result.value };
}

/** Objects have no prototype, so `__proto__` or `toString` as a key is ordinary data. */
export function newObject<V>(): { [key: string]: V } {
  return Object.create(null) as { [key: string]: V };
}

/** Deleting first moves a repeated key to its last position, like JSON.parse. */
export function defineKey<V>(target: { [key: string]: V }, key: string, value: V): void {
  delete target[key];
  target[key] = value;
}
