// Turning the optional evidence files (dashboard, manifest, drill, npm outcome) into packet facts.
// Every problem becomes an evidence error with a JSON path; nothing here throws on bad input.
import { isPlainObject } from "../schemas/common.ts";
import type { LoadedJson, LoadedText } from "../loaded-input.ts";
import { unreadableReason } from "../loaded-input.ts";
import { parseTimestamp } from "../timestamp.ts";
import { validateReactivationEvidence } from "../reactivation-evidence.ts";
import { slaClock, type SlaClock } from "./clocks.ts";

export interface EvidenceError {
  path: string;
  error: string;
}

export interface IncidentFile {
  path: string;
  load: LoadedJson;
}

export interface QuarantineFact {
  index: number;
  id: string;
  suite: string | null;
  severity: string | null;
  status: string | null;
  owner: string | null;
  opened_at_utc: string | null;
  opened_ms: number | null;
  sla_hours: number | null;
  replay_command: string | null;
  trace_pointer: string | null;
  sla: SlaClock | null;
  reactivation_valid: boolean | null;
}

export interface SuiteFact {
  suite: string;
  unstable: boolean;
  failures: number;
  replay_command: string | null;
  trace_pointer: string | null;
  fingerprint: string | null;
}

export interface DrillFact {
  artifact_dir: string;
  status: string | null;
  seed: string | null;
  replay_command: string | null;
  failure_kinds: string[];
  scenarios: { scenario_id: string; fingerprint: string | null }[];
  /** When the drill ended, for the postmortem timeline; not part of the packet. */
  ended_ts: string | null;
}

export interface NpmFact {
  status: string | null;
  rollback_version: string | null;
  rollback_reason: string | null;
  npm_tag: string | null;
  packages: string[];
  action_count: unknown;
  actions_executed: unknown;
  all_verified: boolean | null;
  /** When the outcome was written, for the postmortem timeline. */
  generated_at_utc: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/** The JSON value of an optional file, or null with an evidence error (absent files are not errors). */
export function jsonObjectOf(file: IncidentFile | null, errors: EvidenceError[]): Record<string, unknown> | null {
  if (file === null || file.load.kind === "missing") return null;
  if (file.load.kind !== "json") {
    errors.push({ path: file.path, error: unreadableReason(file.load) });
    return null;
  }
  if (!isPlainObject(file.load.value)) {
    errors.push({ path: file.path, error: "root object required" });
    return null;
  }
  return file.load.value;
}

export function readSuites(file: IncidentFile | null, errors: EvidenceError[]): SuiteFact[] {
  const dash = jsonObjectOf(file, errors);
  if (dash === null || file === null) return [];
  if (dash.suites === undefined) return [];
  if (!Array.isArray(dash.suites)) {
    errors.push({ path: `${file.path}#suites`, error: "must be a list" });
    return [];
  }
  const out: SuiteFact[] = [];
  dash.suites.forEach((s, i) => {
    if (!isPlainObject(s) || str(s.suite) === null) {
      errors.push({ path: `${file.path}#suites[${i}]`, error: "suite object with a non-empty `suite` required" });
      return;
    }
    const outcomes = isPlainObject(s.outcomes) ? s.outcomes : {};
    const fail = Number.isInteger(outcomes.fail) ? (outcomes.fail as number) : 0;
    const runs = Array.isArray(s.runs) ? s.runs : [];
    const bad = runs.find((r) => isPlainObject(r) && (r.status ?? r.outcome) !== "pass");
    out.push({
      suite: s.suite as string,
      unstable: s.unstable === true,
      failures: fail,
      replay_command: str(s.replay_command),
      trace_pointer: str(s.trace_pointer),
      fingerprint: isPlainObject(bad) ? str(bad.fingerprint) : null,
    });
  });
  return out;
}

export function readEntries(file: IncidentFile | null, now: number, minRuns: number, errors: EvidenceError[]): QuarantineFact[] {
  const manifest = jsonObjectOf(file, errors);
  if (manifest === null || file === null) return [];
  if (!Array.isArray(manifest.entries)) {
    errors.push({ path: `${file.path}#entries`, error: "must be a list" });
    return [];
  }
  const out: QuarantineFact[] = [];
  manifest.entries.forEach((e, i) => {
    const at = `${file.path}#entries[${i}]`;
    if (!isPlainObject(e) || str(e.id) === null) {
      errors.push({ path: at, error: "entry object with a non-empty `id` required" });
      return;
    }
    let openedMs: number | null = null;
    if (e.opened_at_utc !== undefined) {
      openedMs = parseTimestamp(e.opened_at_utc);
      if (openedMs === null) errors.push({ path: `${at}.opened_at_utc`, error: `not an ISO-8601 timestamp with an offset: ${JSON.stringify(e.opened_at_utc)}` });
    }
    let slaHours: number | null = null;
    if (e.sla_hours !== undefined) {
      if (typeof e.sla_hours === "number" && Number.isFinite(e.sla_hours) && e.sla_hours >= 0) slaHours = e.sla_hours;
      else errors.push({ path: `${at}.sla_hours`, error: `must be a non-negative number, got ${JSON.stringify(e.sla_hours)}` });
    }
    out.push({
      index: i,
      id: e.id as string,
      suite: str(e.suite),
      severity: str(e.severity),
      status: str(e.status),
      owner: str(e.owner),
      opened_at_utc: typeof e.opened_at_utc === "string" ? e.opened_at_utc : null,
      opened_ms: openedMs,
      sla_hours: slaHours,
      replay_command: str(e.replay_command),
      trace_pointer: str(e.trace_pointer),
      sla: openedMs !== null && slaHours !== null ? slaClock(openedMs, slaHours, now) : null,
      reactivation_valid: e.status === "reactivated" ? validateReactivationEvidence(e, minRuns).valid : null,
    });
  });
  return out;
}

export function readDrill(dir: string | null, summary: IncidentFile | null, bundle: IncidentFile | null, errors: EvidenceError[]): DrillFact | null {
  if (dir === null || summary === null) return null;
  if (summary.load.kind === "missing") {
    errors.push({ path: summary.path, error: "file not found" });
    return null;
  }
  const s = jsonObjectOf(summary, errors);
  if (s === null) return null;
  const b = jsonObjectOf(bundle, errors);
  const kinds = Array.isArray(s.failure_kinds) ? s.failure_kinds.filter((k): k is string => typeof k === "string") : [];
  const scenarios = Array.isArray(s.scenarios)
    ? s.scenarios.filter(isPlainObject).map((sc) => ({ scenario_id: String(sc.scenario_id ?? ""), fingerprint: str(sc.fingerprint) }))
    : [];
  return {
    artifact_dir: dir,
    status: str(s.status),
    seed: str(s.seed),
    replay_command: str(b?.replay_command) ?? str(s.repro_command),
    failure_kinds: kinds,
    scenarios,
    ended_ts: str(s.ended_ts),
  };
}

export function readNpm(outcome: IncidentFile, errors: EvidenceError[]): { fact: NpmFact | null; unreadable: boolean } {
  if (outcome.load.kind === "missing") return { fact: null, unreadable: false };
  const o = jsonObjectOf(outcome, errors);
  if (o === null) return { fact: null, unreadable: true };
  const verification = isPlainObject(o.verification) ? o.verification : {};
  const packages = Array.isArray(o.packages)
    ? o.packages.map((p) => (typeof p === "string" ? p : isPlainObject(p) ? str(p.name) ?? str(p.package) : null)).filter((p): p is string => p !== null)
    : [];
  return {
    unreadable: false,
    fact: {
      status: str(o.status),
      rollback_version: typeof o.rollback_version === "string" ? o.rollback_version : null,
      rollback_reason: typeof o.rollback_reason === "string" ? o.rollback_reason : null,
      npm_tag: str(o.npm_tag),
      packages,
      action_count: o.action_count,
      actions_executed: o.actions_executed,
      all_verified: typeof verification.all_verified === "boolean" ? verification.all_verified : null,
      generated_at_utc: str(o.generated_at_utc),
    },
  };
}

/** Non-empty trimmed lines of rollback_actions.txt, or null when it does not exist or cannot be read. */
export function actionLines(actions: LoadedText): string[] | null {
  if (actions.kind !== "text") return null;
  return actions.text.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
}
