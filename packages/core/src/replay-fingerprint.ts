// Replay fingerprints (forensics.md §4.3): a replay's result with everything that legitimately
// varies between runs (its own directories, configured volatile keys and patterns) normalised
// away, then hashed. Shared by drills and reactivation; the hash function is passed in, as core
// has no crypto.
import type { Sha256 } from "./detector/types.ts";
import {
  canonicalNumber,
  canonicalText,
  certificateValue,
  isIntegerLiteral,
  isLosslessObject,
  lookupPath,
  type LosslessObject,
  type LosslessValue,
} from "./lossless-json.ts";

export const DEFAULT_IGNORE_KEYS: readonly string[] = [
  "generated_at",
  "generated_at_utc",
  "started_ts",
  "ended_ts",
  "timestamp",
  "duration_ms",
  "duration_ns",
  "elapsed_ms",
];

/** Fields certified by default, when present in the first run's payload, in this order. */
export const DEFAULT_CERTIFICATE_FIELDS: readonly string[] = ["event_hash", "schedule_hash", "steps", "trace_fingerprint"];

export interface ReplaceRule {
  pattern: string;
  with: string;
}

/** Text results also lose timestamps and durations, which no text payload can opt out of printing. */
const TEXT_DEFAULT_RULES: readonly ReplaceRule[] = [
  { pattern: String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?`, with: "<TS>" },
  { pattern: String.raw`\b\d+(\.\d+)?\s?(ms|s)\b`, with: "<DUR>" },
];

export interface ReplayPaths {
  /** Absolute project root. */
  root: string;
  /** The run's directory: absolute, and root-relative with `/` (null when outside the root). */
  runDirAbs: string;
  runDirRel: string | null;
  /** The artifact (attempt) directory, likewise. */
  artifactDirAbs: string;
  artifactDirRel: string | null;
}

export interface NormalizeOptions {
  paths: ReplayPaths;
  replace: readonly ReplaceRule[];
  ignoreKeys: readonly string[];
}

/** [literal, placeholder], longest literal first, so a run dir is never half-replaced as the root. */
export function pathPlaceholders(paths: ReplayPaths): [string, string][] {
  const pairs: [string, string][] = [
    [paths.runDirAbs, "<RUN_DIR>"],
    [paths.artifactDirAbs, "<ARTIFACT_DIR>"],
    [paths.root, "<ROOT>"],
  ];
  if (paths.runDirRel !== null) pairs.push([paths.runDirRel, "<RUN_DIR>"]);
  if (paths.artifactDirRel !== null) pairs.push([paths.artifactDirRel, "<ARTIFACT_DIR>"]);
  return pairs.filter(([literal]) => literal !== "" && literal !== ".").sort((a, b) => b[0].length - a[0].length);
}

function compileRules(rules: readonly ReplaceRule[]): [RegExp, string][] {
  return rules.map((r) => [new RegExp(r.pattern, "g"), r.with]);
}

function normalizeString(text: string, placeholders: readonly [string, string][], rules: readonly [RegExp, string][]): string {
  let out = text;
  for (const [literal, placeholder] of placeholders) out = out.split(literal).join(placeholder);
  for (const [re, replacement] of rules) out = out.replace(re, replacement);
  return out;
}

/** Steps 1–3 on a JSON result: paths and `replace` in string values, then `ignore_keys` dropped at any depth. */
export function normalizeJsonResult(value: LosslessValue, options: NormalizeOptions): LosslessValue {
  const placeholders = pathPlaceholders(options.paths);
  const rules = compileRules(options.replace);
  const ignored = new Set(options.ignoreKeys);
  const walk = (v: LosslessValue): LosslessValue => {
    if (typeof v === "string") return normalizeString(v, placeholders, rules);
    if (Array.isArray(v)) return v.map(walk);
    if (isLosslessObject(v)) {
      const out = Object.create(null) as LosslessObject;
      for (const key of Object.keys(v)) if (!ignored.has(key)) out[key] = walk(v[key] as LosslessValue);
      return out;
    }
    return v;
  };
  return walk(value);
}

/** Steps 1, 2 and 4 on a text result: paths, `replace` then the timestamp/duration defaults, CRLF → LF. */
export function normalizeTextResult(text: string, options: NormalizeOptions): string {
  const rules = compileRules([...options.replace, ...TEXT_DEFAULT_RULES]);
  return normalizeString(text, pathPlaceholders(options.paths), rules).replace(/\r\n/g, "\n");
}

export function fingerprintOfJson(normalized: LosslessValue, sha256: Sha256): string {
  return `sha256:${sha256(canonicalText(normalized))}`;
}

export function fingerprintOfText(normalized: string, sha256: Sha256): string {
  return `sha256:${sha256(normalized)}`;
}

/** The configured certificate fields, else the defaults present in the first run's payload. */
export function certificateFieldsFor(configured: readonly string[] | undefined, firstPayload: LosslessValue | null): string[] {
  if (configured !== undefined) return [...configured];
  if (firstPayload === null) return [];
  return DEFAULT_CERTIFICATE_FIELDS.filter((f) => lookupPath(firstPayload, f) !== undefined);
}

/** One run's certificate: each field's certificate value, in field order. */
export function certificateOf(payload: LosslessValue, fields: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const field of fields) out[field] = certificateValue(lookupPath(payload, field));
  return out;
}

/**
 * Does a payload satisfy `payload_match` (also `expect`)? Values compare by canonical text; the
 * string "{seed}" stands for the canonical seed, as an integer or as its decimal string.
 */
export function matchesPayload(payload: LosslessValue, match: Readonly<Record<string, LosslessValue>>, seed: string | null): boolean {
  for (const [path, expected] of Object.entries(match)) {
    const got = lookupPath(payload, path);
    if (got === undefined) return false;
    if (expected === "{seed}" && seed !== null) {
      const asInteger = isIntegerLiteral(got) && canonicalNumber(got.literal) === seed;
      if (!asInteger && got !== seed) return false;
      continue;
    }
    if (canonicalText(got) !== canonicalText(expected)) return false;
  }
  return true;
}
