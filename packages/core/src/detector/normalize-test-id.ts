// Test-id normalisation for the replay fingerprint (detector.md §4.5): text that differs between
// machines or runs (paths, timestamps, durations, pids, ids, ports) is replaced by placeholders,
// so only a real change in the set of tests or their outcomes changes the fingerprint.
import type { NormalizeContext } from "./types.ts";

const PATH_TAIL = `[^\\s"'<>]*`;
const GENERIC_TMP = [/(?:\/private)?\/(?:tmp|var\/folders)\/[^\s"'<>]*/g, /[A-Za-z]:\\[^\s"'<>]*?\\(?:Temp|tmp)\\[^\s"'<>]*/g];
const GENERIC_TMP_START = /^(?:\/private)?\/(?:tmp|var\/folders)\//;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g;
const EPOCH = /\b1\d{9}(?:\d{3}|\d{6}|\d{9})?\b/g;
const DURATION = /\b\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|s|secs?|seconds?|m|mins?|minutes?|h)\b/g;
const PID = /\bpid\s*[:=#]?\s*\d+/gi;
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const ADDRESS = /\b0x[0-9a-fA-F]{6,}\b/g;
const PORT = /(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]):\d{2,5}/g;
const WHITESPACE = /\s+/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function isUnder(dir: string, parent: string): boolean {
  if (parent === "") return false;
  const base = parent.endsWith("/") || parent.endsWith("\\") ? parent.slice(0, -1) : parent;
  return dir === base || dir.startsWith(`${base}/`) || dir.startsWith(`${base}\\`);
}

/** Compiled once per context: a suite's runs share it. */
export interface TestIdNormalizer {
  (id: string): string;
}

export function testIdNormalizer(context: NormalizeContext): TestIdNormalizer {
  const tmpDirs = context.tmpDirs.filter((d) => d !== "");
  const underTmp = (dir: string): boolean => GENERIC_TMP_START.test(dir) || tmpDirs.some((t) => isUnder(dir, t));
  const literals: [string, string][] = [];
  const candidates: [string, string][] = [
    [context.runDir, "<run>"],
    [context.cwd, "<cwd>"],
  ];
  if (context.home !== "" && context.home !== "/") candidates.push([context.home, "<home>"]);
  for (const [dir, placeholder] of candidates) if (dir !== "" && !underTmp(dir)) literals.push([dir, placeholder]);
  // Longest first, so a run directory inside the cwd is not half-replaced by <cwd>.
  literals.sort((a, b) => b[0].length - a[0].length);
  const tmpPrefixes = [...new Set(tmpDirs)]
    .sort((a, b) => b.length - a.length)
    .map((dir) => new RegExp(`${escapeRegExp(dir)}${PATH_TAIL}`, "g"));

  return (id: string): string => {
    let text = id;
    for (const [dir, placeholder] of literals) text = text.split(dir).join(placeholder);
    for (const re of tmpPrefixes) text = text.replace(re, "<tmp>");
    for (const re of GENERIC_TMP) text = text.replace(re, "<tmp>");
    text = text.replace(TIMESTAMP, "<ts>").replace(EPOCH, "<epoch>");
    text = text.replace(DURATION, "<dur>");
    text = text.replace(PID, "pid <pid>");
    text = text.replace(UUID, "<uuid>").replace(ADDRESS, "<addr>").replace(PORT, "$1:<port>");
    return text.replace(WHITESPACE, " ").trim();
  };
}

export function normalizeTestId(id: string, context: NormalizeContext): string {
  return testIdNormalizer(context)(id);
}
