// Character rules shared by the HTML and the Markdown renderers (reports.md §4.11). Inputs are arbitrary JSON
// strings: a raw control character can corrupt a terminal or a Markdown line, a lone surrogate (possible through a
// JSON `\uD800` escape) is not valid UTF-8, and bidirectional controls can make a command read differently from
// what a shell runs ("Trojan Source"), so those are made visible wherever a command is shown.
// Character classes are explicit code-point ranges: `\p{…}` matches different sets on Node and Deno (§4.15).

// C0 except TAB (U+0009) and LF (U+000A), DEL, C1; lone high or low surrogates.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const MAYBE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff]/;
// Anything commandText could change or flag: the characters above, LF/TAB (conservatively) and bidi controls.
// eslint-disable-next-line no-control-regex
const MAYBE_COMMAND_WORK = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\u202a-\u202e\u2066-\u2069]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const BIDI_TEST = /[\u202a-\u202e\u2066-\u2069]/;

/** The note shown next to a command that contained bidirectional controls. */
export const BIDI_NOTE = "contains invisible bidirectional characters";

/**
 * Control characters (other than TAB and LF) and lone surrogates become U+FFFD. A CRLF pair is a line break
 * written on Windows, not a stray control: it becomes LF first so it is not shown as U+FFFD.
 */
export function replaceControls(text: string): string {
  // One test instead of two replace passes for the usual text without any such character (a CR is in the range).
  if (!MAYBE_CONTROL.test(text)) return text;
  return text.replace(/\r\n/g, "\n").replace(CONTROLS, "\uFFFD");
}

/** True when the text holds a bidirectional control (U+202A–202E, U+2066–2069). */
export function hasBidi(text: string): boolean {
  return BIDI_TEST.test(text);
}

/** Bidirectional controls become visible text such as `<U+202E>`. */
export function revealBidi(text: string): string {
  return text.replace(BIDI, (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}>`);
}

/** Any value as display text: null/undefined become "", other non-strings their String() form. */
export function displayString(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : String(value);
}

/** The form of a command for display: control rule, then visible bidi controls. */
export function commandText(value: unknown): { text: string; bidi: boolean } {
  const raw = displayString(value);
  // The scale scenario (reports.md §4.16) shows 30,000 commands; nearly all are plain text, unchanged here.
  if (!MAYBE_COMMAND_WORK.test(raw)) return { text: raw, bidi: false };
  const clean = replaceControls(raw);
  return { text: revealBidi(clean), bidi: hasBidi(clean) };
}
