// `quarantine sync`: which dashboard suites need a new open entry, and what it holds (gate.md
// §4.10). Pure: the CLI resolves owners and paths, reads and writes; this decides.
import { escapeControls } from "../format.ts";
import { checkDashboard } from "../gate/check-dashboard.ts";
import { isPlainObject, type Severity } from "../schemas/common.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { dirnamePosix, isAbsolutePosix, joinPosix } from "../signal-quality/posix-path.ts";
import { generateEntryId } from "./entry-id.ts";
import { newOpenEntry } from "./entry-edits.ts";
import { NAME_LIMIT, textValueProblem } from "./flag-values.ts";

export type OwnerLookup = { owner: string } | { problem: string };

export interface SyncOptions {
  policy: ResolvedPolicy;
  severity: Severity;
  slaHours: number;
  now: number;
  /** The dashboard's path relative to the base dir, `/`-separated: written into pointers and notes. */
  dashboardRef: string;
  ownerFor: (suite: string) => OwnerLookup;
}

export type SyncOutcome =
  | { kind: "opened"; suite: string; entry: Record<string, unknown> }
  | { kind: "already"; suite: string; id: string }
  | { kind: "failed"; suite: string; reason: string; malformed: boolean };

export const NO_REPLAY_COMMAND = "dashboard gives no replay_command";

function nonBlank(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The first non-blank `artifacts.logs[]` entry of a suite, if any. */
function firstLog(raw: Record<string, unknown>): string | null {
  const artifacts = raw.artifacts;
  if (!isPlainObject(artifacts) || !Array.isArray(artifacts.logs)) return null;
  const log = artifacts.logs.find(nonBlank);
  return log ?? null;
}

/**
 * The trace pointer of a suite without one: its first log, else a JSON pointer into the
 * dashboard. detect/merge write logs relative to the dashboard's directory, so those are
 * re-based onto the base dir; ingest records its input paths as given, so those stay.
 */
function tracePointerOf(raw: Record<string, unknown>, index: number, ingest: boolean, dashboardRef: string): string {
  if (nonBlank(raw.trace_pointer)) return raw.trace_pointer;
  const log = firstLog(raw);
  if (log !== null) return ingest || isAbsolutePosix(log) ? log : joinPosix(dirnamePosix(dashboardRef), log);
  return `${dashboardRef}#/suites/${index}`;
}

/** Outcomes in dashboard order, one per suite that needs an entry or is malformed. */
export function planSync(dashboard: Record<string, unknown>, entries: readonly unknown[], options: SyncOptions): SyncOutcome[] {
  const { policy, now, dashboardRef } = options;
  const check = checkDashboard({ kind: "json", path: dashboardRef, value: dashboard }, policy);
  const malformed = new Map<number, string>();
  for (const f of check.result.findings) {
    const index = f.check_id === "WG-DASH-007" ? /^suites\[(\d+)\]$/.exec(f.path ?? "")?.[1] : undefined;
    if (index !== undefined) malformed.set(Number(index), f.message);
  }
  const wellFormed = new Map((check.suites ?? []).map((s) => [s.index, s]));
  const rawSuites = Array.isArray(dashboard.suites) ? dashboard.suites : [];

  const openIds = new Map<string, string>();
  const taken = new Set<string>();
  for (const e of entries) {
    if (!isPlainObject(e) || typeof e.id !== "string") continue;
    taken.add(e.id);
    if (e.status === "open" && typeof e.suite === "string" && !openIds.has(e.suite)) openIds.set(e.suite, e.id);
  }
  const ingest = dashboard.source === "ingest";
  const runId = nonBlank(dashboard.run_id) ? ` (run_id ${escapeControls(dashboard.run_id)})` : "";
  const comment = `opened by flakewarden quarantine sync from ${dashboardRef}${runId}`;

  const out: SyncOutcome[] = [];
  rawSuites.forEach((element, index) => {
    const problem = malformed.get(index);
    if (problem !== undefined) {
      const name = isPlainObject(element) && nonBlank(element.suite) ? element.suite : `suites[${index}]`;
      out.push({ kind: "failed", suite: name, reason: problem, malformed: true });
      return;
    }
    const s = wellFormed.get(index);
    if (s === undefined || !(s.unstable || s.fail > 0)) return;
    const existing = openIds.get(s.suite);
    if (existing !== undefined) {
      out.push({ kind: "already", suite: s.suite, id: existing });
      return;
    }
    const fail = (reason: string): void => {
      out.push({ kind: "failed", suite: s.suite, reason, malformed: false });
    };
    const nameProblem = textValueProblem(s.suite, NAME_LIMIT);
    if (nameProblem !== null) return fail(`suite name ${nameProblem}`);
    const replay = nonBlank(s.raw.replay_command) ? s.raw.replay_command : nonBlank(s.raw.command) ? s.raw.command : null;
    if (replay === null) return fail(NO_REPLAY_COMMAND);
    const trace = tracePointerOf(s.raw, index, ingest, dashboardRef);
    for (const [field, value] of [
      ["replay_command", replay],
      ["trace_pointer", trace],
    ] as const) {
      const valueProblem = textValueProblem(value);
      if (valueProblem !== null) return fail(`dashboard ${field} ${valueProblem}`);
    }
    const owner = options.ownerFor(s.suite);
    if ("problem" in owner) return fail(owner.problem);
    const id = generateEntryId(s.suite, now, taken);
    taken.add(id);
    const entry = newOpenEntry({
      id,
      suite: s.suite,
      severity: options.severity,
      owner: owner.owner,
      slaHours: options.slaHours,
      replayCommand: replay,
      tracePointer: trace,
      comment,
      now,
    });
    out.push({ kind: "opened", suite: s.suite, entry });
  });
  return out;
}
