// The burndown's nightly run history (gate.md §3.7 run manifests, §4.11 history).
// The command lists the history directory and reads each run_manifest.json; this file decides
// which runs are kept. A run that cannot be read faithfully is skipped with a warning rather
// than shown with made-up numbers.
import { compareCodePoints } from "../canonical-json.ts";
import { show } from "../format.ts";
import { rootObjectRequired, unreadableReason, type LoadedJson } from "../loaded-input.ts";
import { isPlainObject, present } from "../schemas/common.ts";
import type { HistoryRow } from "../schemas/burndown-report.ts";
import { formatZulu, parseTimestamp } from "../timestamp.ts";

export const RUN_MANIFEST_NAME = "run_manifest.json";

export interface HistoryRunInput {
  /** The subdirectory's name: the default run_id and the listing order. */
  name: string;
  /** The subdirectory's display path, used in warnings. */
  dir: string;
  /** `<dir>/run_manifest.json` as read. */
  manifest: LoadedJson;
}

export type HistoryInput =
  | { kind: "missing"; path: string }
  | { kind: "unreadable"; path: string; cause: string }
  | { kind: "runs"; path: string; runs: HistoryRunInput[] };

export interface HistoryOutcome {
  rows: HistoryRow[];
  warnings: string[];
}

const COUNT_FIELDS = ["total_tests_run", "total_tests_passed", "total_tests_failed"] as const;

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

type Parsed = { ok: true; startedAt: number; row: HistoryRow } | { ok: false; reason: string };

function parseRun(run: HistoryRunInput): Parsed {
  const loaded = run.manifest;
  if (loaded.kind === "missing") return { ok: false, reason: `no ${RUN_MANIFEST_NAME}` };
  if (loaded.kind !== "json") return { ok: false, reason: unreadableReason(loaded) };
  const doc = loaded.value;
  if (!isPlainObject(doc)) return { ok: false, reason: rootObjectRequired(loaded.path) };
  if (!present(doc.started_at_utc)) return { ok: false, reason: "started_at_utc is missing" };
  const startedAt = parseTimestamp(doc.started_at_utc);
  if (startedAt === null) {
    return { ok: false, reason: `started_at_utc is not an ISO-8601 timestamp with an offset: ${show(doc.started_at_utc)}` };
  }
  const counts: number[] = [];
  for (const field of COUNT_FIELDS) {
    const v = doc[field];
    if (present(v) && !isCount(v)) return { ok: false, reason: `${field} must be an integer >= 0 (got ${show(v)})` };
    counts.push(present(v) ? (v as number) : 0);
  }
  const duration = doc.total_duration_secs;
  if (present(duration) && !(typeof duration === "number" && duration >= 0)) {
    return { ok: false, reason: `total_duration_secs must be a number >= 0 (got ${show(duration)})` };
  }
  // A present run_id or overall_result of another type is a damaged manifest, not a default.
  for (const field of ["run_id", "overall_result"]) {
    if (present(doc[field]) && typeof doc[field] !== "string") return { ok: false, reason: `${field} must be a string (got ${show(doc[field])})` };
  }
  return {
    ok: true,
    startedAt,
    row: {
      date: formatZulu(startedAt).slice(0, 10),
      run_id: typeof doc.run_id === "string" ? doc.run_id : run.name,
      result: typeof doc.overall_result === "string" ? doc.overall_result : "unknown",
      total_tests_run: counts[0] ?? 0,
      total_tests_passed: counts[1] ?? 0,
      total_tests_failed: counts[2] ?? 0,
      duration_secs: present(duration) ? (duration as number) : 0,
    },
  };
}

/** Runs started inside [cutoff, now], oldest first (ties by run_id), plus one warning per skipped run. */
export function burndownHistory(history: HistoryInput, cutoff: number, now: number): HistoryOutcome {
  if (history.kind === "missing") return { rows: [], warnings: [`history directory not found: ${history.path}`] };
  if (history.kind === "unreadable") return { rows: [], warnings: [`cannot read history directory ${history.path}: ${history.cause}`] };
  const warnings: string[] = [];
  const kept: { startedAt: number; row: HistoryRow }[] = [];
  const runs = [...history.runs].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const run of runs) {
    const parsed = parseRun(run);
    if (!parsed.ok) {
      warnings.push(`skipped history run ${run.dir}: ${parsed.reason}`);
      continue;
    }
    if (parsed.startedAt < cutoff || parsed.startedAt > now) continue;
    kept.push(parsed);
  }
  kept.sort((a, b) => a.startedAt - b.startedAt || compareCodePoints(a.row.run_id, b.row.run_id));
  return { rows: kept.map((k) => k.row), warnings };
}
