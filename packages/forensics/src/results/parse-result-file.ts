// One entry point for the detector and ingest: a result file path and its format in, the
// parsed result out (detector.md §7.1, §7.5).
import type { ParsedResult } from "@flakewarden/core";
import { parseJunitFile } from "./parse-junit.ts";
import { parseTapFile } from "./parse-tap.ts";
import type { ReadChunksOptions } from "./read-chunks.ts";

export type ResultFormat = "junit" | "tap";

/**
 * Parse a JUnit XML or TAP file with bounded memory. Malformed content is a `kind: "invalid"`
 * result with line:column; the promise rejects only when the file cannot be read (ENOENT,
 * EISDIR, EACCES), which callers report as a missing or unreadable input.
 */
export function parseResultFile(path: string, format: ResultFormat, options: ReadChunksOptions = {}): Promise<ParsedResult> {
  return format === "junit" ? parseJunitFile(path, options) : parseTapFile(path, options);
}

/** Format by extension, any case: `.xml` → junit, `.tap` → tap, anything else null. */
export function inferResultFormat(path: string): ResultFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith(".xml")) return "junit";
  if (lower.endsWith(".tap")) return "tap";
  return null;
}
