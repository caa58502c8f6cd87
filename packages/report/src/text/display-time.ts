// A recorded timestamp in the pages' UTC display form (reports.md §4.1), or null when it is absent or has no offset
// (the renderers then show a TODO instead of a guessed time).
import { parseTimestamp } from "@flakewarden/core";
import { showTime } from "../site/display.ts";

export function displayTime(value: unknown): string | null {
  const ms = parseTimestamp(value);
  return ms === null ? null : showTime(ms);
}
