// TAP 13/14 as node:test writes it (detector.md §7.1), line by line: from a result file in
// 64 KiB chunks, or from a run log when `result_file` is "-", where TAP is mixed with whatever
// else the suite printed. Lines that are not TAP are ignored, so the log case needs nothing special.
//
// node:test nests subtests by four spaces, announces each with `# Subtest: <name>` and ends it
// with its test point; a describe() block is a test point too, after its children. Parents are
// not test cases, except a parent that failed while all its counted descendants passed: that
// failure (a hook, the suite body) would otherwise vanish.
import type { CaseStatus, ParsedResult, TestCase } from "@flakewarden/core";
import { msTextToExactMs } from "./decimal-duration.ts";
import { IdNumbering } from "./number-ids.ts";
import { readChunks } from "./read-chunks.ts";
import type { ReadChunksOptions } from "./read-chunks.ts";

/** Longer lines are cut: a stack trace or a minified bundle in a log must not cost memory. */
export const TAP_MAX_LINE = 64 * 1024;

const TEST_POINT_RE = /^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$/;
const PLAN_RE = /^1\.\.(\d+)(?:\s|$)/;
const SUBTEST_RE = /^# Subtest:(?: (.*))?$/;
const DURATION_RE = /^# duration_ms\s+(\S+)\s*$/;
const BAIL_OUT = "Bail out!";
const DIRECTIVE_RE = /^\s*(skip|todo)/i;
const SUITE_TYPE_RE = /^type:\s*(?:'suite'|"suite"|suite)\s*$/;

interface PendingPoint {
  depth: number;
  /** Line indentation, to tell the point's own YAML block from what follows. */
  indent: number;
  ok: boolean;
  directive: "skip" | "todo" | null;
  description: string;
  /** `# Subtest:` names of the enclosing levels, outermost first. */
  names: string[];
  /** A deeper test point came after the previous test point at this depth or shallower. */
  parent: boolean;
}

interface YamlBlock {
  /** Indentation of the `---` line; a non-blank line indented less ends the block. */
  indent: number;
}

/** Incremental TAP parser fed whole lines (without the newline). */
export class TapLineParser {
  private lineNumber = 0;
  private lastLineLength = 0;
  private readonly cases: TestCase[] = [];
  private readonly ids = new IdNumbering();
  /** Open `# Subtest:` names by depth, shallowest first (depths strictly increase). */
  private readonly subtests: { depth: number; name: string }[] = [];
  /**
   * Whether a counted failure happened below each open level, by depth (strictly increasing):
   * folded into the shallower entry when a test point closes the level, so every test point is
   * pushed and popped once however the depths jump.
   */
  private readonly failures: { depth: number; failed: boolean }[] = [];
  private pending: PendingPoint | null = null;
  private yaml: YamlBlock | null = null;
  private previousDepth = -1;
  private sawPlanOrPoint = false;
  private depthZeroPoints = 0;
  private plan: { count: number; line: number; column: number } | null = null;
  private bailOut: string | null = null;
  /** Last depth-0 `# duration_ms` value: undefined = none seen, null = not a plain decimal. */
  private duration: string | null | undefined = undefined;

  /** Consume one line; false once `Bail out!` has ended the input. */
  line(raw: string): boolean {
    if (this.bailOut !== null) return false;
    this.lineNumber += 1;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    this.lastLineLength = text.length;
    let indent = 0;
    while (text.charCodeAt(indent) === 0x20) indent += 1;
    const content = text.slice(indent);

    if (this.yaml !== null) {
      if (content === "...") {
        this.yaml = null;
        this.settle();
        return true;
      }
      if (content === "" || indent >= this.yaml.indent) {
        if (indent === this.yaml.indent && this.pending !== null && SUITE_TYPE_RE.test(content)) this.pending.parent = true;
        return true;
      }
      // Indented less than the block: the block was never closed; treat this line as TAP again.
      this.yaml = null;
    } else if (this.pending !== null && content === "---" && indent > this.pending.indent) {
      // TAP indents a test point's YAML block past the point; an unindented `---` in a log is not one.
      this.yaml = { indent };
      return true;
    }
    this.settle();

    const depth = Math.floor(indent / 4);
    if (content.startsWith(BAIL_OUT)) {
      this.bailOut = content.slice(BAIL_OUT.length).trim();
      return false;
    }
    const point = TEST_POINT_RE.exec(content);
    if (point !== null) {
      this.testPoint(depth, indent, point[1] === "ok", point[3] ?? "");
      return true;
    }
    const subtest = SUBTEST_RE.exec(content);
    if (subtest !== null) {
      this.closeSubtests(depth);
      this.subtests.push({ depth, name: unescapeTap(subtest[1] ?? "").trim() });
      return true;
    }
    const plan = PLAN_RE.exec(content);
    if (plan !== null) {
      this.sawPlanOrPoint = true;
      if (depth === 0 && this.plan === null) this.plan = { count: Number(plan[1]), line: this.lineNumber, column: indent + 1 };
      return true;
    }
    if (depth === 0) {
      const duration = DURATION_RE.exec(content);
      if (duration !== null) this.duration = msTextToExactMs(duration[1] ?? "");
    }
    return true;
  }

  /** The result once all lines are in. */
  end(): ParsedResult {
    this.settle();
    if (this.bailOut === null) {
      if (this.plan !== null && this.plan.count !== this.depthZeroPoints) {
        const { line, column, count } = this.plan;
        return { kind: "invalid", format: "tap", line, column, problem: `plan 1..${count} does not match ${this.depthZeroPoints} top-level test point(s)`, planMismatch: true };
      }
      if (!this.sawPlanOrPoint) {
        // After a final newline the end of input is the start of the next (empty) line.
        return { kind: "invalid", format: "tap", line: Math.max(this.lineNumber, 1), column: this.lastLineLength + 1, problem: "no TAP plan or test point" };
      }
    }
    const exact = this.duration ?? null;
    const durationMs = exact === null ? null : Number(exact.split(".")[0]);
    return exact === null
      ? { kind: "tap", cases: this.cases, bailOut: this.bailOut, durationMs }
      : { kind: "tap", cases: this.cases, bailOut: this.bailOut, durationMs, durationMsExact: exact };
  }

  /** Count for the end-of-input position: lines seen so far, plus one when the input ended with a newline. */
  markTrailingNewline(): void {
    this.lineNumber += 1;
    this.lastLineLength = 0;
  }

  private testPoint(depth: number, indent: number, ok: boolean, rest: string): void {
    this.sawPlanOrPoint = true;
    if (depth === 0) this.depthZeroPoints += 1;
    const { description, directive } = splitDirective(rest);
    const names: string[] = [];
    for (const open of this.subtests) if (open.depth < depth) names.push(open.name);
    this.closeSubtests(depth);
    this.pending = { depth, indent, ok, directive, description, names, parent: this.previousDepth > depth };
    this.previousDepth = depth;
  }

  /** Decide the pending test point once its YAML block (which may say `type: 'suite'`) is past. */
  private settle(): void {
    const point = this.pending;
    if (point === null) return;
    this.pending = null;
    this.yaml = null;
    let descendantFailed = false;
    while ((this.failures.at(-1)?.depth ?? -1) > point.depth) {
      if (this.failures.pop()?.failed === true) descendantFailed = true;
    }
    let counted: CaseStatus | null;
    if (point.parent) {
      // A failing hook or suite body shows only as the parent's own `not ok`.
      counted = !point.ok && point.directive === null && !descendantFailed ? "fail" : null;
    } else if (point.directive === "skip") {
      counted = "skip";
    } else if (point.directive === "todo") {
      counted = point.ok ? "pass" : "skip";
    } else {
      counted = point.ok ? "pass" : "fail";
    }
    if (counted !== null) {
      const id = [...point.names, point.description].join(" > ");
      this.cases.push({ id: this.ids.next(id), status: counted });
    }
    const failed = descendantFailed || counted === "fail";
    const top = this.failures.at(-1);
    if (top !== undefined && top.depth === point.depth) top.failed ||= failed;
    else this.failures.push({ depth: point.depth, failed });
  }

  private closeSubtests(depth: number): void {
    while ((this.subtests.at(-1)?.depth ?? -1) >= depth) this.subtests.pop();
  }
}

/**
 * Split a test point's text after the number into its description and directive: an unescaped
 * `#` followed by SKIP or TODO (any case) starts the directive; any other `#` is part of the
 * description (`issue # 42`). `\#` and `\\` unescape.
 */
export function splitDirective(rest: string): { description: string; directive: "skip" | "todo" | null } {
  // Copy whole runs between backslashes and hashes: a description can be a 64 KiB line.
  const parts: string[] = [];
  let from = 0;
  const special = /[\\#]/g;
  for (let match = special.exec(rest); match !== null; match = special.exec(rest)) {
    const i = match.index;
    if (rest[i] === "\\") {
      const next = rest[i + 1];
      if (next === "#" || next === "\\") {
        parts.push(rest.slice(from, i), next);
        from = i + 2;
      }
      // The character after a backslash is plain text either way.
      special.lastIndex = i + 2;
      continue;
    }
    const directive = DIRECTIVE_RE.exec(rest.slice(i + 1));
    if (directive !== null) {
      parts.push(rest.slice(from, i));
      return { description: parts.join("").trim(), directive: (directive[1] as string).toLowerCase() as "skip" | "todo" };
    }
  }
  parts.push(rest.slice(from));
  return { description: parts.join("").trim(), directive: null };
}

/** `\#` → `#`, `\\` → `\` (node:test escapes both in names). */
function unescapeTap(text: string): string {
  return text.replace(/\\([\\#])/g, "$1");
}

/** Parse TAP held in memory, such as a run log for `result_file: "-"`. Lines are cut to 64 Ki characters. */
export function parseTapText(text: string): ParsedResult {
  const parser = new TapLineParser();
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    let newline = text.indexOf("\n", start);
    if (newline < 0) newline = text.length;
    const more = parser.line(text.slice(start, Math.min(newline, start + TAP_MAX_LINE)));
    if (!more) return parser.end();
    start = newline + 1;
  }
  if (text.endsWith("\n") || text === "") parser.markTrailingNewline();
  return parser.end();
}

/** Parse a TAP file in 64 KiB chunks. Lines are cut to their first 64 KiB. Rejects only when the file cannot be read. */
export async function parseTapFile(path: string, options: ReadChunksOptions = {}): Promise<ParsedResult> {
  const parser = new TapLineParser();
  const decoder = new TextDecoder("utf-8");
  // The current line's bytes so far (at most TAP_MAX_LINE), copied out of the reused read buffer.
  const line = new Uint8Array(TAP_MAX_LINE);
  let length = 0;
  let endedWithNewline = true;
  let open = true;
  const flush = (): boolean => {
    const more = parser.line(decoder.decode(line.subarray(0, length)));
    length = 0;
    return more;
  };
  await readChunks(
    path,
    (chunk) => {
      let start = 0;
      while (start < chunk.length) {
        const newline = chunk.indexOf(0x0a, start);
        const end = newline < 0 ? chunk.length : newline;
        const room = TAP_MAX_LINE - length;
        if (room > 0) {
          const take = Math.min(room, end - start);
          line.set(chunk.subarray(start, start + take), length);
          length += take;
        }
        if (newline < 0) {
          endedWithNewline = false;
          return true;
        }
        endedWithNewline = true;
        if (!flush()) {
          open = false;
          return false;
        }
        start = newline + 1;
      }
      return true;
    },
    options,
  );
  if (open) {
    if (!endedWithNewline) flush();
    else parser.markTrailingNewline();
  }
  return parser.end();
}
