// Gate artifacts (reports.md §4.2): which current artifacts are gates, each one's verdict from its own
// field, and the ids of the reason line. Verdicts are rendered, never recomputed.
import type { Artifact, ArtifactKind } from "./page-contract.ts";

export type GateVerdict = "pass" | "warn" | "fail";

export const GATE_ORDER: readonly { kind: ArtifactKind; name: string }[] = [
  { kind: "detect", name: "Flake detection" },
  { kind: "governance", name: "Flake governance gate" },
  { kind: "signal_quality", name: "CI signal quality" },
  { kind: "burndown", name: "Quarantine burndown gate" },
  { kind: "pilot", name: "Pilot SLO gate" },
  { kind: "playbook", name: "Forensics playbook check" },
  { kind: "drill", name: "Incident forensics drill" },
  { kind: "rollback_safety", name: "Rollback safety" },
];

export interface Gate {
  readonly kind: ArtifactKind;
  readonly name: string;
  readonly artifact: Artifact;
  readonly verdict: GateVerdict;
  /** The `<ids>` of the reason line (empty when the gate passed). */
  readonly ids: string;
}

type Doc = Record<string, any>;

export function dashboardCounts(d: Doc): { suites: number; unstable: number; deterministic: number } {
  const suites = d.suites as Doc[];
  return {
    suites: suites.length,
    unstable: suites.filter((s) => s.unstable === true).length,
    deterministic: suites.filter((s) => s.deterministic_failure === true).length,
  };
}

/** Signal-quality check rows (§4.3): the report's checks, else the original rules matched by prefix. */
export interface SqRow {
  readonly id: string;
  readonly status: string;
  readonly detail: string;
}

const SQ_RULES: readonly { id: string; prefixes: readonly string[] }[] = [
  { id: "flake_rate_pct", prefixes: ["flake_rate_pct exceeds"] },
  { id: "false_positive_proxy_rate_pct", prefixes: ["false_positive_proxy_rate_pct exceeds"] },
  { id: "runtime", prefixes: ["runtime budget missing", "runtime_ratio exceeds"] },
  { id: "required runner artifacts", prefixes: ["missing required runner artifacts"] },
  { id: "variance events link", prefixes: ["variance events link"] },
  { id: "variance summary link", prefixes: ["variance summary link"] },
];

export function signalQualityRows(d: Doc): SqRow[] {
  const failures = d.failures as string[];
  if (Array.isArray(d.checks)) {
    const rows: SqRow[] = (d.checks as Doc[]).map((c) => ({ id: c.id, status: c.status, detail: c.detail }));
    const failingDetails = new Set(rows.filter((r) => r.status === "fail").map((r) => r.detail));
    for (const f of failures) if (!failingDetails.has(f)) rows.push({ id: "other", status: "fail", detail: f });
    return rows;
  }
  const rows: SqRow[] = SQ_RULES.map((rule) => {
    const hits = failures.filter((f) => rule.prefixes.some((p) => f.startsWith(p)));
    return { id: rule.id, status: hits.length > 0 ? "fail" : "pass", detail: hits.join("; ") };
  });
  for (const f of failures) if (!SQ_RULES.some((r) => r.prefixes.some((p) => f.startsWith(p)))) rows.push({ id: "other", status: "fail", detail: f });
  return rows;
}

export const PILOT_REASONS = ["threshold_breach", "parity_breach", "missing_required_signal", "no_events"] as const;

/** Pilot check rows (§4.3). */
export function pilotRows(d: Doc): SqRow[] {
  if (Array.isArray(d.failure_reasons)) {
    const listed = new Set(d.failure_reasons as string[]);
    return PILOT_REASONS.map((r) => ({ id: r, status: listed.has(r) ? "fail" : "pass", detail: "" }));
  }
  return [
    { id: "threshold alerts", status: d.alerts_count > 0 ? "fail" : "pass", detail: `alerts_count ${d.alerts_count}` },
    { id: "wasm/native parity", status: d.ci_parity_ok === false ? "fail" : "pass", detail: `ci_parity_ok ${String(d.ci_parity_ok)}` },
  ];
}

function failingRollbackChecks(d: Doc): string[] {
  return (d.rollback_safety_checks as unknown[])
    .filter((c): c is Doc => typeof c === "object" && c !== null && (c as Doc).status === "fail")
    .map((c) => String(c.check_id));
}

function gateOf(kind: ArtifactKind, name: string, a: Artifact): Gate | null {
  const d = a.data as Doc;
  const make = (verdict: GateVerdict, ids: string): Gate => ({ kind, name, artifact: a, verdict, ids: verdict === "fail" ? ids : "" });
  switch (kind) {
    case "detect": {
      if (d.verdict !== "pass" && d.verdict !== "fail") return null;
      const c = dashboardCounts(d);
      return make(d.verdict, `unstable: ${c.unstable}, deterministic failures: ${c.deterministic}`);
    }
    case "governance":
      return make(d.gate_status === "pass" ? "pass" : "fail", (d.results as Doc[]).filter((r) => r.status === "fail").map((r) => r.check_id).join(", "));
    case "signal_quality":
      return make(d.status === "pass" ? "pass" : "fail", signalQualityRows(d).filter((r) => r.status === "fail").map((r) => r.id).join(", "));
    case "burndown":
      return make(d.release_gate.blocked === false ? "pass" : "fail", (d.release_gate.reasons as string[]).join(", "));
    case "pilot":
      return make(d.status === "pass" ? "pass" : "fail", pilotRows(d).filter((r) => r.status === "fail").map((r) => r.id).join(", "));
    case "playbook":
      return make(d.gate_status === "pass" ? "pass" : "fail", (d.checks as Doc[]).filter((c) => c.status !== "pass").map((c) => c.clause_id).join(", "));
    case "drill": {
      const kinds = Array.isArray(d.failure_kinds) && d.failure_kinds.length > 0 ? (d.failure_kinds as string[]).join(", ") : String(d.failure_class ?? "");
      return make(d.status === "passed" ? "pass" : "fail", kinds);
    }
    case "rollback_safety": {
      const ok = (d.gate_status === "pass" || d.gate_status === "warn") && d.rollback_safety_status !== "fail";
      const warn = d.gate_status === "warn" || d.rollback_safety_status === "warn";
      const failing = failingRollbackChecks(d);
      const missing = (d.missing_gate_reports as string[]).length;
      // Beyond the spec's two cases: with no failing check and nothing missing, a failing required report
      // is the reason (flakewarden's gate_reports[]); "missing gate reports: 0" would explain nothing.
      const badReports = Array.isArray(d.gate_reports) ? (d.gate_reports as Doc[]).filter((r) => r.verdict !== "pass").map((r) => String(r.path)) : [];
      const ids = failing.length > 0 ? failing.join(", ") : missing === 0 && badReports.length > 0 ? `failing gate reports: ${badReports.join(", ")}` : `missing gate reports: ${missing}`;
      return make(ok ? (warn ? "warn" : "pass") : "fail", ids);
    }
    default:
      return null;
  }
}

/** The current gate artifacts, in gate order. */
export function currentGates(current: (kind: ArtifactKind) => Artifact | null): Gate[] {
  const out: Gate[] = [];
  for (const { kind, name } of GATE_ORDER) {
    const a = current(kind);
    if (a === null) continue;
    const g = gateOf(kind, name, a);
    if (g !== null) out.push(g);
  }
  return out;
}

/** The verdict of any artifact of a gate kind (history rows), or null when it is not a gate. */
export function verdictOf(a: Artifact): GateVerdict | null {
  const entry = GATE_ORDER.find((g) => g.kind === a.kind);
  return entry === undefined ? null : (gateOf(a.kind, entry.name, a)?.verdict ?? null);
}

export interface OverallVerdict {
  readonly verdict: "pass" | "fail" | "no_verdict";
  readonly reason: string;
}

export function overallVerdict(gates: readonly Gate[], invalidCount: number, recognisedCount: number): OverallVerdict {
  const failed = gates.filter((g) => g.verdict === "fail");
  const m = gates.length;
  if (failed.length > 0 || invalidCount > 0) {
    const invalid = invalidCount > 0 ? `; ${invalidCount} inputs invalid` : "";
    const detail = failed.length > 0 ? ` (${failed.map((g) => `${g.name}: ${g.ids}`).join("; ")})` : "";
    return { verdict: "fail", reason: `${failed.length} of ${m} gates failed${detail}${invalid}` };
  }
  if (m > 0) return { verdict: "pass", reason: `All ${m} gates passed.` };
  return { verdict: "no_verdict", reason: `No gate report found among ${recognisedCount} recognised inputs.` };
}
