// parseJson (gate.md §3): strict RFC 8259 with our own error positions and problem texts.
import assert from "node:assert/strict";
import test from "node:test";
import { parseJson, positionOf, type JsonParseResult } from "../src/index.ts";

function failure(result: JsonParseResult): { line: number; column: number; problem: string } {
  if (result.ok) throw new Error(`expected a parse failure, got ${JSON.stringify(result.value)}`);
  return { line: result.line, column: result.column, problem: result.problem };
}

/** Texts of the runtime's JSON.parse errors (V8 old/new, SpiderMonkey-like, Deno): never ours to promise. */
const RUNTIME_WORDING = /Unexpected token|Unexpected end of JSON|JSON\.parse|in JSON at position|SyntaxError|is not valid JSON/;

test("valid JSON parses to its value", () => {
  assert.deepEqual(parseJson('{"a":[1,2.5,-3e2,"x",true,false,null],"b":{}}'), {
    ok: true,
    value: { a: [1, 2.5, -300, "x", true, false, null], b: {} },
  });
  assert.deepEqual(parseJson(" \t\r\n 42 \n"), { ok: true, value: 42 });
  assert.deepEqual(parseJson('"\\u00e9\\n"'), { ok: true, value: "é\n" });
});

test("an input that ends early points one past its last character: {\"a\": is line 1 column 6", () => {
  assert.deepEqual(failure(parseJson('{"a":')), { line: 1, column: 6, problem: "unexpected end of input" });
});

test("[} points at the brace: line 1 column 2", () => {
  const f = failure(parseJson("[}"));
  assert.equal(f.line, 1);
  assert.equal(f.column, 2);
  assert.equal(f.problem, "unexpected character '}'");
});

test("multi-line input: lines split at LF, columns restart at 1", () => {
  assert.deepEqual(failure(parseJson('{\n  "a": 1,\n  "b": x\n}')), {
    line: 3,
    column: 8,
    problem: "unexpected character 'x'",
  });
  // Ends early after a trailing newline: one past the last character is the start of line 2.
  assert.deepEqual(failure(parseJson('{"a":\n')), { line: 2, column: 1, problem: "unexpected end of input" });
});

test("lines split at LF only: CR is a column like any other character", () => {
  // CRLF: the CR ends line 1's columns, the LF starts line 2.
  assert.deepEqual(failure(parseJson('{\r\n  "b": x}')), { line: 2, column: 8, problem: "unexpected character 'x'" });
  // A lone CR does not start a new line.
  assert.deepEqual(failure(parseJson('{\r"b": x}')), { line: 1, column: 8, problem: "unexpected character 'x'" });
});

test("columns count code points: an emoji before the error counts as 1", () => {
  // [ " 😀 " , space x  → x is the 7th code point (the 8th UTF-16 unit).
  assert.deepEqual(failure(parseJson('["😀", x]')), { line: 1, column: 7, problem: "unexpected character 'x'" });
  assert.deepEqual(failure(parseJson('"😀😀" x')), {
    line: 1,
    column: 6,
    problem: "unexpected character 'x' after the JSON value",
  });
  // An astral character is itself reported whole.
  assert.deepEqual(failure(parseJson("[😀]")), { line: 1, column: 2, problem: "unexpected character '😀'" });
});

test("a leading BOM is skipped and not counted", () => {
  assert.deepEqual(parseJson('\uFEFF{"a":1}'), { ok: true, value: { a: 1 } });
  assert.deepEqual(failure(parseJson('\uFEFF{"a":')), { line: 1, column: 6, problem: "unexpected end of input" });
  assert.deepEqual(failure(parseJson("\uFEFF[}")), { line: 1, column: 2, problem: "unexpected character '}'" });
  assert.deepEqual(failure(parseJson("\uFEFF")), { line: 1, column: 1, problem: "unexpected end of input" });
});

test("a BOM that is not leading is an error at its position", () => {
  assert.deepEqual(failure(parseJson("[\uFEFF1]")), { line: 1, column: 2, problem: "unexpected character '\uFEFF'" });
});

test("rejects what RFC 8259 rejects, with our position and problem (table)", () => {
  const cases: [string, string, number, number, string][] = [
    ["bare NaN", "NaN", 1, 1, "unexpected character 'N'"],
    ["NaN as a value", '{"a": NaN}', 1, 7, "unexpected character 'N'"],
    ["Infinity", "[Infinity]", 1, 2, "unexpected character 'I'"],
    ["-Infinity", "-Infinity", 1, 2, "invalid number: unexpected character 'I'"],
    ["trailing comma in an array", "[1,]", 1, 4, "unexpected character ']'"],
    ["trailing comma in an object", '{"a":1,}', 1, 8, "unexpected character '}', expected a string key"],
    ["line comment", "// c\n{}", 1, 1, "unexpected character '/'"],
    ["block comment", '{"a":1 /* c */}', 1, 8, "unexpected character '/', expected ',' or '}'"],
    ["single-quoted key", "{'a':1}", 1, 2, "unexpected character ''', expected a string key"],
    ["single-quoted string", "['a']", 1, 2, "unexpected character '''"],
    ["unquoted key", "{a:1}", 1, 2, "unexpected character 'a', expected a string key"],
    ["unterminated string", '"abc', 1, 5, "unterminated string"],
    ["unterminated string in an object", '{"a":"b', 1, 8, "unterminated string"],
    ["raw control character in a string", '"a\u0001b"', 1, 3, "unexpected control character U+0001 in string"],
    ["raw newline in a string", '"a\nb"', 1, 3, "unexpected control character U+000A in string"],
    ["bad escape", '"\\x"', 1, 3, "invalid escape: unexpected character 'x'"],
    ["bad unicode escape", '"\\u12g4"', 1, 6, "invalid \\u escape: unexpected character 'g'"],
    ["missing comma", "[1 2]", 1, 4, "unexpected character '2', expected ',' or ']'"],
    ["missing colon", '{"a" 1}', 1, 6, "unexpected character '1', expected ':'"],
    ["leading zero", "01", 1, 2, "unexpected character '1' after the JSON value"],
    ["number without fraction digits", "1.", 1, 3, "invalid number: unexpected end of input"],
    ["lone minus", "-", 1, 2, "invalid number: unexpected end of input"],
    ["plus sign", "+1", 1, 1, "unexpected character '+'"],
    ["truncated literal", "tru", 1, 4, "unexpected end of input"],
    ["misspelled literal", "nul1", 1, 4, "unexpected character '1'"],
    ["two values", '{"a":1}}', 1, 8, "unexpected character '}' after the JSON value"],
    ["empty input", "", 1, 1, "unexpected end of input"],
    ["whitespace only", "  \n ", 2, 2, "unexpected end of input"],
    ["unclosed array", "[", 1, 2, "unexpected end of input"],
  ];
  for (const [name, text, line, column, problem] of cases) {
    assert.deepEqual(failure(parseJson(text)), { line, column, problem }, name);
  }
});

test("problem texts are flakewarden's own, never the runtime's", () => {
  const inputs = ["NaN", "[1,]", "{'a':1}", '"abc', '"\\x"', "[}", '{"a":', "", "01", "// c\n{}", '"a\u0001b"'];
  for (const text of inputs) {
    const f = failure(parseJson(text));
    assert.ok(f.problem.length > 0, `empty problem for ${JSON.stringify(text)}`);
    assert.doesNotMatch(f.problem, RUNTIME_WORDING, `runtime wording for ${JSON.stringify(text)}: ${f.problem}`);
  }
});

test("100000 opening brackets fail with a position instead of throwing", () => {
  let result: JsonParseResult | undefined;
  assert.doesNotThrow(() => {
    result = parseJson("[".repeat(100_000));
  });
  assert.ok(result !== undefined);
  assert.deepEqual(failure(result), { line: 1, column: 100_001, problem: "unexpected end of input" });
});

test("deep nesting with an error at the bottom is located without recursion", () => {
  const text = `${"[".repeat(50_000)}x${"]".repeat(50_000)}`;
  let result: JsonParseResult | undefined;
  assert.doesNotThrow(() => {
    result = parseJson(text);
  });
  assert.ok(result !== undefined);
  assert.deepEqual(failure(result), { line: 1, column: 50_001, problem: "unexpected character 'x'" });
});

test("deeply nested valid JSON parses", () => {
  const result = parseJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  assert.equal(result.ok, true);
  if (result.ok) assert.ok(Array.isArray(result.value));
});

test("duplicate keys: the last one wins, at every level", () => {
  assert.deepEqual(parseJson('{"a":1,"a":2}'), { ok: true, value: { a: 2 } });
  assert.deepEqual(parseJson('{"x":{"b":"first","b":"second"},"x2":[{"k":1,"k":null}]}'), {
    ok: true,
    value: { x: { b: "second" }, x2: [{ k: null }] },
  });
  // Last wins even when the earlier value had another type.
  assert.deepEqual(parseJson('{"s":{"deep":true},"s":"flat"}'), { ok: true, value: { s: "flat" } });
});

test("positionOf: 1-based, LF-split, code points", () => {
  assert.deepEqual(positionOf("abc", 0), { line: 1, column: 1 });
  assert.deepEqual(positionOf("abc", 3), { line: 1, column: 4 });
  assert.deepEqual(positionOf("a\nbc", 3), { line: 2, column: 2 });
  assert.deepEqual(positionOf("😀x", 2), { line: 1, column: 2 });
});
