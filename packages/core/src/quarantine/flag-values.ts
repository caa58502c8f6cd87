// Values that quarantine commands store verbatim in the manifest must be safe to show on one
// line and to diff (gate.md §4.10 "Flag values"); numeric flags are parsed strictly.

/** Suite names and owners longer than this are refused: they end up in tables and messages. */
export const NAME_LIMIT = 200;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a stored text value is refused, or null when it is fine. */
export function textValueProblem(value: string, limit?: number): string | null {
  if (value.trim() === "") return "must not be blank";
  if (CONTROL.test(value)) return "must not contain control characters";
  if (limit !== undefined && Array.from(value).length > limit) return `must be at most ${limit} characters`;
  return null;
}

/** `--lock-timeout`: seconds as a plain decimal number >= 0 (no sign, exponent or hex). */
export function parseSeconds(text: string): number | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** `--sla-hours`: a positive integer written in decimal digits. */
export function parsePositiveInteger(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
