// Recognition of discovered files (reports.md §3.1): strict UTF-8 and RFC 8259 JSON, kind by schema_version
// through core's registry, validation with core's read-side schemas, item-by-item validation of the
// arrays whose items may be bad on their own.
import {
  compareCodePoints, parseJson, parseTimestamp, SITE_IGNORED_IDS, SITE_KINDS, siteKindByFileName, siteKindOf,
  type SiteKindSpec,
} from "@flakewarden/core";
import type { ArtifactKind } from "./page-contract.ts";
import { keepBigIntegers } from "./lossless-values.ts";
import { sha256Hex } from "./sha256.ts";

export interface SiteInput {
  readonly path: string;
  readonly bytes: Uint8Array | null;
  readonly skipped: string | null;
}

export type InputStatus = "valid" | "invalid" | "ignored";

/** One inspected file as listed on the index and in report_manifest.json. */
export interface InputRecord {
  readonly path: string;
  readonly kind: ArtifactKind | null;
  readonly schemaVersion: string | null;
  readonly status: InputStatus;
  readonly sha256: string | null;
  readonly bytes: number | null;
  /** Invalid: `<JSON path>: <message>` problems. Ignored: the one reason. */
  readonly problems: readonly string[];
}

/** A recognised document that renders (valid, or invalid only in some items). */
export interface RecognisedDoc {
  readonly kind: ArtifactKind;
  readonly path: string;
  readonly data: Record<string, unknown> | Record<string, unknown>[];
  readonly invalidItems: readonly string[];
}

export interface Recognition {
  readonly record: InputRecord;
  readonly doc: RecognisedDoc | null;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function baseName(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? path : path.slice(i + 1);
}

/** zod issue path → `entries[3].opened_at_utc`. */
export function jsonPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

function issueMessage(issue: ZodIssueLike): string {
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) return "required field missing";
  return issue.message;
}

function issues(prefix: string, error: { issues: readonly ZodIssueLike[] }): string[] {
  return error.issues.map((i) => `${jsonPath(prefix, i.path)}: ${issueMessage(i)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Validate a document and, where the kind has one, its items one by one. */
function validate(spec: SiteKindSpec, value: Record<string, unknown>): { ok: boolean; data: Record<string, unknown>; problems: string[]; invalidItems: string[] } {
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) return { ok: false, data: value, problems: issues("", parsed.error), invalidItems: [] };
  const data = parsed.data as Record<string, unknown>;
  if (spec.items === null) return { ok: true, data, problems: [], invalidItems: [] };
  const raw = data[spec.items.key];
  if (!Array.isArray(raw)) return { ok: true, data, problems: [], invalidItems: [] };
  const good: unknown[] = [];
  const indexes: number[] = [];
  const invalidItems: string[] = [];
  raw.forEach((item, i) => {
    const r = spec.items!.schema.safeParse(item);
    if (r.success) {
      good.push(r.data);
      indexes.push(i);
    } else {
      invalidItems.push(...issues(`${spec.items!.key}[${i}]`, r.error));
    }
  });
  // The source index of each valid item is kept: anchors and tie-breaks use manifest order.
  return { ok: true, data: { ...data, [spec.items.key]: good, [`${spec.items.key}__index`]: indexes }, problems: [], invalidItems };
}

function decode(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

const MAX_IGNORED_REASON = "no recognised schema_version";

/** Parse NDJSON: every non-empty line one JSON object. */
function parseNdjson(text: string): { ok: true; lines: Record<string, unknown>[] } | { ok: false; problem: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: Record<string, unknown>[] = [];
  const raw = body.split("\n");
  for (let n = 0; n < raw.length; n++) {
    const line = raw[n] as string;
    if (line.trim() === "") continue;
    const parsed = parseJson(line);
    if (!parsed.ok) return { ok: false, problem: `line ${n + 1}: invalid JSON at column ${parsed.column}: ${parsed.problem}` };
    if (!isObject(parsed.value)) return { ok: false, problem: `line ${n + 1}: not a JSON object` };
    lines.push(keepBigIntegers(line, parsed.value) as Record<string, unknown>);
  }
  return { ok: true, lines };
}

export interface RecogniseOptions {
  /** Paths of .ndjson files named as test tables by the current dashboard. */
  readonly currentTables: ReadonlySet<string>;
  /** Paths named as test tables by history dashboards only. */
  readonly historyTables: ReadonlySet<string>;
}

export function recognise(input: SiteInput, options: RecogniseOptions): Recognition {
  const named = siteKindByFileName(baseName(input.path));
  const isNdjson = input.path.endsWith(".ndjson");
  const base = { path: input.path, sha256: null as string | null, bytes: null as number | null };
  const ignored = (reason: string, kind: ArtifactKind | null = null, id: string | null = null): Recognition => ({
    record: { ...base, kind, schemaVersion: id, status: "ignored", problems: [reason] },
    doc: null,
  });
  if (input.skipped !== null || input.bytes === null) {
    const reason = input.skipped ?? "not read";
    if (named !== null && reason !== "symlink not followed") {
      return { record: { ...base, kind: named.kind, schemaVersion: named.id, status: "invalid", problems: [reason] }, doc: null };
    }
    return ignored(reason);
  }
  const withBytes = { path: input.path, sha256: sha256Hex(input.bytes), bytes: input.bytes.length };
  const invalid = (kind: ArtifactKind, id: string | null, problems: string[]): Recognition => ({
    record: { ...withBytes, kind, schemaVersion: id, status: "invalid", problems },
    doc: null,
  });
  const ign = (reason: string, id: string | null = null): Recognition => ({
    record: { ...withBytes, kind: null, schemaVersion: id, status: "ignored", problems: [reason] },
    doc: null,
  });
  const text = decode(input.bytes);
  if (text === null) return named !== null ? invalid(named.kind, named.id, ["(file): not valid UTF-8"]) : ign("not valid UTF-8");

  if (isNdjson) {
    const parsed = parseNdjson(text);
    const isTable = options.currentTables.has(input.path);
    if (!parsed.ok) {
      if (isTable) return invalid("test_table", null, [parsed.problem]);
      return named !== null ? invalid(named.kind, named.id, [parsed.problem]) : ign(`not valid NDJSON (${parsed.problem})`);
    }
    if (isTable) return ndjsonDoc(withBytes, siteKindTestTable(), null, parsed.lines);
    if (options.historyTables.has(input.path)) return ign("table of a history dashboard");
    const first = parsed.lines[0];
    const id = first !== undefined && typeof first.schema_version === "string" ? first.schema_version : null;
    if (id === null) return named !== null ? invalid(named.kind, named.id, ["[0].schema_version: required field missing"]) : ign(MAX_IGNORED_REASON);
    const spec = siteKindOf(id, "ndjson");
    if (spec === null) return ign(ignoredReason(id), id);
    return ndjsonDoc(withBytes, spec, id, parsed.lines);
  }

  const parsed = parseJson(text);
  if (!parsed.ok) {
    const problem = `(file): invalid JSON at line ${parsed.line} column ${parsed.column}: ${parsed.problem}`;
    return named !== null ? invalid(named.kind, named.id, [problem]) : ign("not valid JSON");
  }
  if (!isObject(parsed.value)) {
    return named !== null ? invalid(named.kind, named.id, ["(root): root object required"]) : ign("not a JSON object");
  }
  const id = typeof parsed.value.schema_version === "string" ? parsed.value.schema_version : null;
  if (id === null) return ign(MAX_IGNORED_REASON);
  const spec = siteKindOf(id, "json");
  if (spec === null) return ign(ignoredReason(id), id);
  const v = validate(spec, keepBigIntegers(text, parsed.value) as Record<string, unknown>);
  if (!v.ok) return invalid(spec.kind, id, v.problems);
  return {
    record: { ...withBytes, kind: spec.kind, schemaVersion: id, status: v.invalidItems.length > 0 ? "invalid" : "valid", problems: v.invalidItems },
    doc: { kind: spec.kind, path: input.path, data: v.data, invalidItems: v.invalidItems },
  };
}

/** Test tables have no id and no file name: they are found through the current dashboard. */
function siteKindTestTable(): SiteKindSpec {
  const found = SITE_KINDS.find((k) => k.kind === "test_table");
  if (found === undefined) throw new Error("registry has no test_table kind");
  return found;
}

function ignoredReason(id: string): string {
  const known = SITE_IGNORED_IDS[id];
  if (known !== undefined) return known;
  if (id === "asupersync-pilot-observability-v1") return "pilot alerts are not rendered";
  return `unrecognised schema_version ${id}`;
}

function ndjsonDoc(
  withBytes: { path: string; sha256: string | null; bytes: number | null },
  spec: SiteKindSpec,
  id: string | null,
  lines: Record<string, unknown>[],
): Recognition {
  const good: Record<string, unknown>[] = [];
  const invalidItems: string[] = [];
  lines.forEach((line, i) => {
    const r = spec.schema.safeParse(line);
    if (r.success) good.push(r.data as Record<string, unknown>);
    else invalidItems.push(...issues(`[${i}]`, r.error));
  });
  return {
    record: { ...withBytes, kind: spec.kind, schemaVersion: id, status: invalidItems.length > 0 ? "invalid" : "valid", problems: invalidItems },
    doc: { kind: spec.kind, path: withBytes.path, data: good, invalidItems },
  };
}

/** The "current" timestamp of a document (reports.md §3.1 table), as written. */
export function currentTimestamp(kind: ArtifactKind, data: unknown): string | null {
  const pick = (v: unknown): string | null => (typeof v === "string" && parseTimestamp(v) !== null ? v : null);
  if (Array.isArray(data)) {
    if (kind === "governance_events") return pick((data[0] as Record<string, unknown> | undefined)?.generated_at_utc);
    return null;
  }
  const d = data as Record<string, unknown>;
  switch (kind) {
    case "detect":
    case "signal_quality":
    case "pilot":
      return pick(d.generated_at);
    case "governance":
    case "burndown":
    case "playbook":
    case "rollback_safety":
    case "postmortem":
    case "artifact_index":
    case "npm_rollback":
      return pick(d.generated_at_utc);
    case "drill":
      return pick(d.ended_ts) ?? pick(d.started_ts);
    case "incident": {
      const inc = d.incident as Record<string, unknown> | null | undefined;
      return pick(inc?.declared_at_utc) ?? pick(d.generated_at_utc);
    }
    default:
      return null;
  }
}

/** Current first: greatest instant (missing lowest), ties to the greatest path in code-point order. */
export function newestFirst<T extends { instantMs: number | null; path: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const x = a.instantMs ?? Number.NEGATIVE_INFINITY;
    const y = b.instantMs ?? Number.NEGATIVE_INFINITY;
    if (x !== y) return y > x ? 1 : -1;
    return compareCodePoints(b.path, a.path);
  });
}
