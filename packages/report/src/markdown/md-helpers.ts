// The Markdown escaping helpers of reports.md §4.11. Markdown has no escaping function of its own, so every input
// value reaches a .md page through exactly one of these; each one makes the value inert in its position (running
// text, table cell, inline code, fenced block, link) so user data can never become Markdown or HTML structure.
import type { PointerView } from "../site/page-contract.ts";
import { BIDI_NOTE, commandText, displayString, replaceControls } from "../text/sanitize.ts";

// Characters with a meaning somewhere in CommonMark/GFM inline syntax, plus `&` (entities) and `<`/`>` (raw HTML).
const INLINE_SPECIAL = /[\\`*_[\]<>|~&#]/g;
const ALNUM = /^[A-Za-z0-9]$/;

// A value with none of these characters, and no whitespace, digit or block marker first, comes out of mdText
// unchanged: the scale scenario (reports.md §4.16) shows ~100,000 such values (ids, owners, suite names), so
// they skip the six replace passes. Conservative on purpose: TAB, any surrogate and any C0/C1 character take
// the full path, which gives the same bytes for them.
// eslint-disable-next-line no-control-regex
const MAY_CHANGE = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\\`*_[\]<>|~&#]/;
const MAY_MARK_START = /^[\s\d+=-]/;

/** Running text: one line, every special character backslash-escaped, a leading block marker neutralised. */
export function mdText(value: unknown): string {
  const raw = displayString(value);
  if (!MAY_CHANGE.test(raw) && !MAY_MARK_START.test(raw)) return raw;
  const text = replaceControls(raw).replace(/\n/g, " ");
  return (
    text
      // An underscore between two ASCII letters/digits can neither open nor close emphasis (CommonMark's flanking
      // rules), so field names such as root_cause.summary stay readable in the Markdown source.
      .replace(INLINE_SPECIAL, (ch, at: number, all: string) => (ch === "_" && ALNUM.test(all[at - 1] ?? "") && ALNUM.test(all[at + 1] ?? "") ? ch : `\\${ch}`))
      // At the start of a line these make a list item, a setext underline or a thematic break. A number is an
      // ordered-list marker only when whitespace or the end follows, so a version such as 1.2.3 stays as written.
      .replace(/^(\s*)([-+=])/, "$1\\$2")
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, "$1\\$2")
  );
}

/** A table cell: each line as mdText, joined with `<br>` (the only line break a GFM cell can hold). */
export function mdCell(value: unknown): string {
  const raw = displayString(value);
  // No line break, CR or control character: the one line is the whole cell.
  if (!MAY_CHANGE.test(raw)) return mdText(raw);
  return replaceControls(raw).split("\n").map(mdText).join("<br>");
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** Inline code whose fence no backtick run in the value can close; bidi controls made visible. */
export function mdCode(value: unknown): string {
  const { text: raw, bidi } = commandText(value);
  const text = raw.replace(/\n/g, " ");
  if (text === "") return "` `";
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  // CommonMark strips one space from each side when both are present, and a value starting or ending with a
  // backtick would merge with the fence: pad in both cases so the value shows as written.
  const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "") ? " " : "";
  const span = `${fence}${pad}${text}${pad}${fence}`;
  return bidi ? `${span} (${BIDI_NOTE})` : span;
}

/**
 * Inline code inside a table cell. GFM splits cells before it parses code spans, so a `|` must be escaped even
 * there; GFM removes that one backslash again inside the span. A pipe already preceded by backslashes gets one
 * more only when needed to make their number odd, so the cell splitter never sees an unescaped pipe.
 */
export function mdCellCode(value: unknown): string {
  return mdCode(value).replace(/(\\*)\|/g, (_m, slashes: string) => `${slashes}${slashes.length % 2 === 0 ? "\\" : "\\\\"}|`);
}

/** A fenced `sh` block: content verbatim apart from the control rule and visible bidi controls. */
export function mdFence(value: unknown): string {
  const lines = Array.isArray(value) ? value.map(displayString) : [displayString(value)];
  const { text, bidi } = commandText(lines.join("\n"));
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  const block = `${fence}sh\n${text}\n${fence}`;
  return bidi ? `${block}\n\nNote: this block ${BIDI_NOTE}.` : block;
}

/** Escapes for a link destination in angle brackets (`<` `>` and line breaks are not allowed there). */
function destination(href: string): string {
  // `|` too: the same link may sit in a table cell, where an unescaped pipe would split the row.
  return href.replace(/[<>\\\n\r|]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/**
 * A link per reports.md §4.10: a resolved pointer becomes `[text](<href>)`; a dangling or removed one becomes
 * code text with its badge. Also accepts `(text, href)` for links between the site's own pages, and
 * `(pointer, "cell")` inside a table cell.
 */
export function mdLink(target: unknown, hrefOrCell?: unknown): string {
  if (typeof target === "string" && typeof hrefOrCell === "string" && hrefOrCell !== "cell") return `[${mdText(target)}](<${destination(hrefOrCell)}>)`;
  // `{{mdLink pointer "cell"}}`: the same inside a table cell, where a pipe in the code text must be escaped.
  const code = hrefOrCell === "cell" ? mdCellCode : mdCode;
  const view = target as PointerView | null | undefined;
  if (view === null || view === undefined || typeof view !== "object" || typeof view.kind !== "string") return mdText(target);
  if (view.kind === "link") return `[${mdText(view.text)}](<${destination(view.href)}>)`;
  return `${code(view.text)} (${view.kind === "dangling" ? "not found under --in" : "link removed"})`;
}
