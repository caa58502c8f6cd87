// JUnit XML result files (detector.md §7.1), streamed through sax in strict mode.
//
// sax decides well-formedness and positions; we never hand-parse XML. In front of it sits a
// pre-filter that fast-forwards, with indexOf, through content sax would only accumulate and we
// would throw away: the body of every CDATA section and the character data between tags inside
// the root (system-out, system-err, failure bodies), including the five predefined entity
// references and character references sax would accept. It looks only where sax's own state
// says such content starts, hands everything else (tags, comments, any reference it does not
// vouch for) to sax, and moves sax's line and column over what it skipped, so results and
// error positions are the same as with sax alone (tested) while large bodies cost an indexOf
// instead of sax's per-character loop. Memory stays bounded: each chunk is decoded, scanned and
// dropped, and sax flushes or refuses anything longer than its 64 KiB token limit.
//
// The pre-filter works on the decoded chunk text rather than raw bytes: decoding is one fast
// native pass, and columns then come out in sax's own unit (UTF-16 code units) with invalid
// UTF-8 already replaced by U+FFFD exactly as sax will see it.
import sax from "sax";
import type { SAXOptions, SAXParser, Tag, QualifiedTag } from "sax";
import type { CaseStatus, ParsedResult, TestCase } from "@flakewarden/core";
import { addDecimalTexts, floorDecimalMsSum, secondsTextToExactMs } from "./decimal-duration.ts";
import { IdNumbering } from "./number-ids.ts";
import { readChunks } from "./read-chunks.ts";
import type { ReadChunksOptions } from "./read-chunks.ts";

/** sax's parser fields the pre-filter needs; they are plain public properties, absent from @types/sax. */
interface SaxInternals {
  state: number;
  line: number;
  column: number;
}

const SAX_STATES = (sax as unknown as { STATE: Record<string, number | undefined> }).STATE;

function saxState(name: string): number {
  const value = SAX_STATES[name];
  if (value === undefined) throw new Error(`sax has no parser state ${name}: the pre-filter needs sax 1.6.x`);
  return value;
}

const STATE_TEXT = saxState("TEXT");
const STATE_CDATA = saxState("CDATA");
const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";
/** `&` plus the longest predefined entity name and `;` (`&quot;`, `&apos;`). */
const LONGEST_ENTITY = 6;
const ROOT_NAMES = new Set(["testsuites", "testsuite"]);
const ALLOWED_ENCODINGS = new Set(["utf-8", "us-ascii"]);

/** What a direct child element of `<testcase>` says about the case; other children are ignored. */
const CHILD_EFFECT: Record<string, "fail" | "flaky" | "skip" | undefined> = {
  failure: "fail",
  error: "fail",
  // Surefire/Gradle write these next to a final <failure>; on their own they still mean every
  // rerun failed, so both ways the case fails.
  rerunFailure: "fail",
  rerunError: "fail",
  // Failed attempts before a final pass (Surefire, Gradle mergeReruns).
  flakyFailure: "flaky",
  flakyError: "flaky",
  skipped: "skip",
};

type Frame =
  | { kind: "suite"; name: string }
  | { kind: "case"; index: number; fail: boolean; flaky: boolean; skip: boolean }
  | { kind: "other" };

interface Invalid {
  line: number;
  column: number;
  problem: string;
}

export interface JunitParserOptions {
  /**
   * Off only in tests, to check that the pre-filter changes nothing but speed: results and
   * error positions must equal what sax alone gives.
   */
  prefilter?: boolean;
}

/** Incremental JUnit parser: `write` raw bytes as they arrive, then `end`. */
export interface JunitParser {
  /** Returns false once the input is known to be invalid (nothing more needs reading). */
  write(bytes: Uint8Array): boolean;
  end(): ParsedResult;
}

export function createJunitParser(options: JunitParserOptions = {}): JunitParser {
  return new JunitStream(options.prefilter ?? true);
}

/** Parse a JUnit XML file in 64 KiB chunks with bounded memory. Rejects only when the file cannot be read. */
export async function parseJunitFile(path: string, options: ReadChunksOptions & JunitParserOptions = {}): Promise<ParsedResult> {
  const parser = createJunitParser(options);
  await readChunks(path, (chunk) => parser.write(chunk), options);
  return parser.end();
}

class JunitStream implements JunitParser {
  private readonly parser: SAXParser;
  private readonly internals: SaxInternals;
  private readonly prefilter: boolean;
  private readonly decoder = new TextDecoder("utf-8");
  private carry = "";
  private invalid: Invalid | null = null;
  private ended = false;
  private depth = 0;
  private sawRoot = false;
  private readonly frames: Frame[] = [];
  private readonly cases: TestCase[] = [];
  private readonly ids = new IdNumbering();
  /** The root's `time` attribute; undefined when it has none. */
  private rootTime: string | undefined = undefined;
  /** `time` of each `<testsuite>` directly under the root; undefined for one without. */
  private readonly topLevelTimes: (string | undefined)[] = [];
  // Next occurrence (≥ the scan position) of each character the pre-filter looks for in the
  // text being pumped; -1 = not searched yet in this text. Searching from the cached hit keeps
  // every character of a chunk scanned at most once per needle.
  private nextLt = -1;
  private nextAmp = -1;
  private nextGt = -1;
  private nextSemi = -1;
  private nextNewline = -1;

  constructor(prefilter: boolean) {
    this.prefilter = prefilter;
    // strictEntities: only XML's five predefined entities (sax would otherwise accept HTML's).
    const saxOptions: SAXOptions & { strictEntities: boolean } = { position: true, strictEntities: true };
    this.parser = sax.parser(true, saxOptions);
    this.internals = this.parser as unknown as SaxInternals;
    this.parser.onerror = (error: Error) => this.fail(error.message.split("\n")[0] ?? error.message);
    this.parser.onopentagstart = (tag: Tag | QualifiedTag) => this.onOpenTagStart(tag.name);
    this.parser.onopentag = (tag: Tag | QualifiedTag) => this.onOpenTag(tag as Tag);
    this.parser.onclosetag = () => this.onCloseTag();
    this.parser.ondoctype = (doctype: string) => {
      // Entity declarations are how XML bombs and external fetches start; a test report has no use for them.
      if (/<!ENTITY/i.test(doctype)) this.fail("entity declarations (<!ENTITY) are not allowed");
    };
    this.parser.onsgmldeclaration = (declaration: string) => {
      // sax passes `<!…>` markup it does not know (such as <!ENTITY outside a DOCTYPE) as an event, not an error.
      this.fail(/^ENTITY/i.test(declaration) ? "entity declarations (<!ENTITY) are not allowed" : `unexpected markup <!${declaration.slice(0, 40)}>`);
    };
    this.parser.onprocessinginstruction = (pi: { name: string; body: string }) => {
      if (pi.name !== "xml") return;
      const declared = /(?:^|\s)encoding\s*=\s*(["'])([^"']*)\1/.exec(pi.body)?.[2];
      if (declared !== undefined && !ALLOWED_ENCODINGS.has(declared.toLowerCase())) {
        this.fail(`declared encoding ${declared} is not supported (UTF-8 or US-ASCII only)`);
      }
    };
    this.parser.onopencdata = () => {
      // sax lets a CDATA section stand outside the root; it is character data after (or before) the document.
      if (this.depth === 0) this.fail("CDATA section outside the root element");
    };
  }

  write(bytes: Uint8Array): boolean {
    if (this.invalid !== null || this.ended) return false;
    const text = this.decoder.decode(bytes, { stream: true });
    this.pump(this.carry === "" ? text : this.carry + text, false);
    return this.invalid === null;
  }

  end(): ParsedResult {
    if (!this.ended) {
      this.ended = true;
      if (this.invalid === null) this.pump(this.carry + this.decoder.decode(), true);
      if (this.invalid === null) {
        // close() resets sax's position, so the end of input is read first.
        const endLine = this.internals.line + 1;
        const endColumn = this.internals.column;
        this.parser.close();
        if (this.invalid === null && !this.sawRoot) this.invalid = { line: endLine, column: endColumn, problem: "no root element" };
      }
    }
    if (this.invalid !== null) return { kind: "invalid", format: "junit", ...this.invalid };
    const exact = this.durationMsExact();
    const durationMs = exact === null ? null : floorDecimalMsSum([exact]);
    return exact === null
      ? { kind: "junit", cases: this.cases, bailOut: null, durationMs }
      : { kind: "junit", cases: this.cases, bailOut: null, durationMs, durationMsExact: exact };
  }

  private fail(problem: string): void {
    if (this.invalid !== null) return;
    this.invalid = { line: this.internals.line + 1, column: this.internals.column, problem };
  }

  private durationMsExact(): string | null {
    if (this.rootTime !== undefined) return secondsTextToExactMs(this.rootTime);
    if (this.topLevelTimes.length === 0) return null;
    const parts: string[] = [];
    for (const time of this.topLevelTimes) {
      const ms = time === undefined ? null : secondsTextToExactMs(time);
      if (ms === null) return null;
      parts.push(ms);
    }
    return addDecimalTexts(parts);
  }

  private onOpenTagStart(name: string): void {
    if (this.invalid !== null || this.depth !== 0) return;
    // sax accepts a second top-level element without complaint; a report has exactly one root.
    if (this.sawRoot) this.fail(`content after the root element: <${name}>`);
    else if (!ROOT_NAMES.has(name)) this.fail(`root element <${name}> is not <testsuites> or <testsuite>`);
  }

  private onOpenTag(tag: Tag): void {
    if (this.invalid !== null) return;
    const parent = this.frames[this.frames.length - 1];
    if (parent?.kind === "case") {
      const effect = CHILD_EFFECT[tag.name];
      if (effect !== undefined) parent[effect] = true;
    }
    const attributes = tag.attributes;
    if (this.depth === 0) this.rootTime = attributes.time;
    if (tag.name === "testsuite") {
      if (this.depth === 1) this.topLevelTimes.push(attributes.time);
      this.frames.push({ kind: "suite", name: attributes.name ?? "" });
    } else if (tag.name === "testcase") {
      const classname = attributes.classname !== undefined && attributes.classname !== "" ? attributes.classname : this.enclosingSuiteName();
      // sax builds attribute values one character at a time, as ropes of about 30 bytes per
      // character; join() copies them into one flat string, so the ids kept for the whole file
      // cost their length, not ten times it.
      const id = this.ids.next([classname, "::", attributes.name ?? ""].join(""));
      this.frames.push({ kind: "case", index: this.cases.length, fail: false, flaky: false, skip: false });
      this.cases.push({ id, status: "pass" });
    } else {
      this.frames.push({ kind: "other" });
    }
    this.depth += 1;
    this.sawRoot = true;
  }

  private onCloseTag(): void {
    if (this.invalid !== null) return;
    const frame = this.frames.pop();
    this.depth -= 1;
    if (frame?.kind !== "case") return;
    const status: CaseStatus = frame.fail ? "fail" : frame.flaky ? "flaky" : frame.skip ? "skip" : "pass";
    const entry = this.cases[frame.index];
    if (entry !== undefined) entry.status = status;
  }

  /** Name of the nearest enclosing `<testsuite>` that has a non-empty one ("" when none does). */
  private enclosingSuiteName(): string {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i];
      if (frame?.kind === "suite" && frame.name !== "") return frame.name;
    }
    return "";
  }

  /**
   * Feed `text` to sax, fast-forwarding where the pre-filter may. What cannot be decided yet (a
   * possible `]]>`, `<![CDATA[` or entity cut by the chunk end) stays in `carry` for the next call.
   */
  private pump(text: string, final: boolean): void {
    const n = text.length;
    this.nextLt = this.nextAmp = this.nextGt = this.nextSemi = this.nextNewline = -1;
    let i = 0;
    while (i < n && this.invalid === null) {
      if (this.prefilter) {
        const state = this.internals.state;
        if (state === STATE_CDATA) {
          const close = text.indexOf(CDATA_CLOSE, i);
          if (close < 0 && !final) {
            // Keep two characters: they may be the start of a `]]>` split by the chunk end.
            const keep = Math.max(i, n - (CDATA_CLOSE.length - 1));
            this.skip(text, i, keep);
            i = keep;
            break;
          }
          if (close >= 0) {
            this.skip(text, i, close);
            i = close; // `]]>` itself goes to sax below, which ends the section
          }
        } else if (state === STATE_TEXT && this.depth > 0) {
          this.nextLt = this.find(text, "<", this.nextLt, i);
          this.nextAmp = this.find(text, "&", this.nextAmp, i);
          const stop = Math.min(this.nextLt, this.nextAmp);
          this.skip(text, i, stop);
          i = stop;
          if (i === n) break;
          if (stop === this.nextAmp) {
            const length = text.charCodeAt(i + 1) === 0x23 ? characterReferenceLength(text, i) : predefinedEntityLength(text, i);
            if (length > 0) {
              this.skip(text, i, i + length);
              i += length;
              continue;
            }
            if (length < 0 && !final) break;
          } else if (text.startsWith(CDATA_OPEN, i)) {
            this.parser.write(CDATA_OPEN);
            i += CDATA_OPEN.length;
            continue;
          } else if (!final && n - i < CDATA_OPEN.length && CDATA_OPEN.startsWith(text.slice(i))) {
            break;
          }
        }
      }
      // Everything else goes to sax up to the next `>` (or, for a character reference, `;`),
      // where its state may have changed back to one the pre-filter can skip in.
      this.nextGt = this.find(text, ">", this.nextGt, i);
      let stop = this.nextGt;
      if (text.charCodeAt(i) === 0x26) {
        this.nextSemi = this.find(text, ";", this.nextSemi, i);
        stop = Math.min(stop, this.nextSemi);
      }
      const end = Math.min(stop + 1, n);
      this.parser.write(text.slice(i, end));
      i = end;
    }
    this.carry = i < n && this.invalid === null ? text.slice(i) : "";
  }

  /** First index ≥ from of `ch` in text (text.length when none), reusing a cached hit. */
  private find(text: string, ch: string, cached: number, from: number): number {
    if (cached >= from) return cached;
    const at = text.indexOf(ch, from);
    return at < 0 ? text.length : at;
  }

  /** Move sax's position over text[from, to), which sax never sees. */
  private skip(text: string, from: number, to: number): void {
    if (to <= from) return;
    let newline = this.find(text, "\n", this.nextNewline, from);
    if (newline >= to) {
      this.nextNewline = newline;
      this.internals.column += to - from;
      return;
    }
    let lines = 0;
    let last = newline;
    while (newline < to) {
      lines += 1;
      last = newline;
      newline = text.indexOf("\n", newline + 1);
      if (newline < 0) newline = text.length;
    }
    this.nextNewline = newline;
    this.internals.line += lines;
    this.internals.column = to - last - 1;
  }
}

/** Whether a code point matches XML's Char production, as sax checks character references. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** More digits than this are left to sax (leading zeros are legal but never written in practice). */
const MAX_REFERENCE_DIGITS = 8;

/**
 * Length of the character reference at text[i] (`&#65;`, `&#x263A;`) when sax would accept it,
 * 0 when sax should judge it, -1 when the text ends too early to tell. Logs are full of these
 * (escaped control and non-ASCII characters), and each one handed to sax would also grow sax's
 * pending text until its next flush.
 */
function characterReferenceLength(text: string, i: number): number {
  const hex = text.charCodeAt(i + 2) === 0x78 || text.charCodeAt(i + 2) === 0x58; // x or X
  const first = i + (hex ? 3 : 2);
  let end = first;
  while (end < text.length && end - first <= MAX_REFERENCE_DIGITS) {
    const c = text.charCodeAt(end);
    const digit = (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)));
    if (!digit) break;
    end += 1;
  }
  if (end >= text.length) return end - first <= MAX_REFERENCE_DIGITS ? -1 : 0;
  if (text.charCodeAt(end) !== 0x3b || end === first || end - first > MAX_REFERENCE_DIGITS) return 0;
  return isXmlChar(Number.parseInt(text.slice(first, end), hex ? 16 : 10)) ? end + 1 - i : 0;
}

/**
 * Length of the predefined entity reference at text[i] (`&amp;` → 5), 0 when it is not one
 * (sax then judges it), -1 when the text ends too early to tell.
 */
function predefinedEntityLength(text: string, i: number): number {
  switch (text.charCodeAt(i + 1)) {
    case 0x61: // a
      if (text.startsWith("amp;", i + 1)) return 5;
      if (text.startsWith("apos;", i + 1)) return 6;
      break;
    case 0x6c: // l
      if (text.startsWith("lt;", i + 1)) return 4;
      break;
    case 0x67: // g
      if (text.startsWith("gt;", i + 1)) return 4;
      break;
    case 0x71: // q
      if (text.startsWith("quot;", i + 1)) return 6;
      break;
    default:
      break;
  }
  return text.length - i < LONGEST_ENTITY ? -1 : 0;
}
