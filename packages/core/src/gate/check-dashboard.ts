// WG-DASH and dashboard_health, from one parse of the variance dashboard (gate.md §4.4).
import { fmt2, num, roundN, show } from "../format.ts";
import { rootObjectRequired, unreadableReason, type LoadedJson } from "../loaded-input.ts";
import { isPlainObject, present } from "../schemas/common.ts";
import type { DashboardHealth } from "../schemas/gate-report.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { finding, resultOf, type CheckResult, type Finding } from "./finding.ts";

export interface WellFormedSuite {
  index: number;
  suite: string;
  unstable: boolean;
  fail: number;
  raw: Record<string, unknown>;
}

export interface DashboardMetrics {
  n: number;
  u: number;
  fpc: number;
  crit: number;
  fr: number;
  fp: number;
}

export interface DashboardCheck {
  result: CheckResult;
  health: DashboardHealth;
  /** null when a terminal finding ended the check. */
  suites: WellFormedSuite[] | null;
}

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** The first problem of one suites[] element, or null when it is well formed. */
function suiteProblem(element: unknown, seen: Set<string>): string | null {
  if (!isPlainObject(element)) return "not an object";
  const name = element.suite;
  if (typeof name !== "string" || name.length === 0) return "suite must be a non-empty string";
  if (seen.has(name)) return `duplicate suite name ${show(name)}`;
  seen.add(name);
  if (typeof element.unstable !== "boolean") return "unstable must be a boolean";
  const outcomes = element.outcomes;
  if (outcomes === undefined) return null;
  if (!isPlainObject(outcomes)) return "outcomes.fail must be a non-negative integer";
  if (outcomes.fail !== undefined && !isNonNegativeInteger(outcomes.fail)) return "outcomes.fail must be a non-negative integer";
  return null;
}

function failures(element: Record<string, unknown>): number {
  const outcomes = element.outcomes;
  if (!isPlainObject(outcomes) || outcomes.fail === undefined) return 0;
  return outcomes.fail as number;
}

export function dashboardMetrics(suites: WellFormedSuite[]): DashboardMetrics {
  const n = suites.length;
  const u = suites.filter((s) => s.unstable).length;
  const fpc = suites.filter((s) => s.unstable && s.fail === 0).length;
  const crit = suites.reduce((sum, s) => sum + s.fail, 0);
  return { n, u, fpc, crit, fr: n === 0 ? 0 : (u * 100) / n, fp: n === 0 ? 0 : (fpc * 100) / n };
}

function trendLine(s: WellFormedSuite) {
  const raw = s.raw;
  const durationMs = raw.duration_ms;
  let spread: number | null = null;
  if (typeof raw.duration_spread_pct === "number") spread = raw.duration_spread_pct;
  else if (isPlainObject(durationMs) && typeof durationMs.spread_pct === "number") spread = durationMs.spread_pct;
  let signals: unknown[] = [];
  if (Array.isArray(raw.instability_signals)) signals = raw.instability_signals;
  else if (Array.isArray(raw.likely_variance_sources)) signals = raw.likely_variance_sources;
  return { duration_spread_pct: spread, failures: s.fail, instability_signals: signals, suite: s.suite, unstable: s.unstable };
}

const PASS_PREFIX = "WG-DASH";

export function checkDashboard(input: LoadedJson, policy: ResolvedPolicy): DashboardCheck {
  const terminal = (f: Finding, health: DashboardHealth): DashboardCheck => ({
    result: resultOf(PASS_PREFIX, "", [f]),
    health,
    suites: null,
  });
  if (input.kind === "missing") {
    return terminal(finding("WG-DASH-001", `dashboard file missing: ${input.path}`), {
      detail: `dashboard missing: ${input.path}`,
      status: "missing",
      trend_lines: [],
    });
  }
  if (input.kind !== "json" || !isPlainObject(input.value)) {
    const why = input.kind === "json" ? rootObjectRequired(input.path) : unreadableReason(input);
    return terminal(finding("WG-DASH-002", `dashboard JSON invalid: ${why}`), { detail: why, status: "invalid", trend_lines: [] });
  }
  const doc = input.value;
  const findings: Finding[] = [];
  let invalidDetail: string | null = null;
  const expected = policy.detection.dashboard_schema_version;
  if (doc.schema_version !== expected) {
    const message = `dashboard schema mismatch: expected ${expected}, got ${show(doc.schema_version)}`;
    findings.push(finding("WG-DASH-003", message, { path: "schema_version" }));
    invalidDetail = message;
  }
  const rawSuites = present(doc.suites) ? doc.suites : [];
  if (!Array.isArray(rawSuites)) {
    const message = "dashboard suites must be a list";
    findings.push(finding("WG-DASH-004", message, { path: "suites" }));
    return {
      result: resultOf(PASS_PREFIX, "", findings),
      health: { detail: invalidDetail ?? message, status: "invalid", trend_lines: [] },
      suites: null,
    };
  }

  const present_ = new Set<string>();
  for (const element of rawSuites) {
    if (isPlainObject(element) && typeof element.suite === "string") present_.add(element.suite);
  }
  const missing = policy.detection.required_suites.filter((s) => !present_.has(s));
  if (missing.length > 0) {
    const names = missing.join(", ");
    findings.push(finding("WG-DASH-005", `dashboard missing required suites: ${names}`, { subject: names, path: "suites" }));
  }

  const seen = new Set<string>();
  const malformed: Finding[] = [];
  const suites: WellFormedSuite[] = [];
  rawSuites.forEach((element, index) => {
    const problem = suiteProblem(element, seen);
    if (problem !== null) {
      const subject = isPlainObject(element) && typeof element.suite === "string" ? element.suite : null;
      malformed.push(
        finding("WG-DASH-007", `dashboard suite malformed at suites[${index}]: ${problem}`, { subject, path: `suites[${index}]` }),
      );
      return;
    }
    const raw = element as Record<string, unknown>;
    suites.push({ index, suite: raw.suite as string, unstable: raw.unstable as boolean, fail: failures(raw), raw });
  });

  const m = dashboardMetrics(suites);
  const t = policy.quality_thresholds;
  const breach = (key: string, message: string, actual: number, limit: number): void => {
    findings.push(finding("WG-DASH-006", message, { path: `quality_thresholds.${key}`, actual, limit }));
  };
  if (m.fr > t.max_flake_rate_pct) {
    breach("max_flake_rate_pct", `flake_rate_pct breach (${fmt2(m.fr)} > ${num(t.max_flake_rate_pct)})`, roundN(m.fr, 2), t.max_flake_rate_pct);
  }
  if (m.fp > t.max_false_positive_rate_pct) {
    breach(
      "max_false_positive_rate_pct",
      `false_positive_rate_pct breach (${fmt2(m.fp)} > ${num(t.max_false_positive_rate_pct)})`,
      roundN(m.fp, 2),
      t.max_false_positive_rate_pct,
    );
  }
  if (m.crit > t.max_critical_test_failures) {
    breach(
      "max_critical_test_failures",
      `critical_test_failures breach (${m.crit} > ${num(t.max_critical_test_failures)})`,
      m.crit,
      t.max_critical_test_failures,
    );
  }
  findings.push(...malformed);

  if (present(doc.suite_count) && doc.suite_count !== rawSuites.length) {
    findings.push(
      finding("WG-DASH-008", `dashboard count mismatch: suite_count=${show(doc.suite_count)} but suites has ${rawSuites.length} entries`, {
        path: "suite_count",
      }),
    );
  }
  if (present(doc.unstable_suite_count)) {
    const k = rawSuites.filter((s) => isPlainObject(s) && s.unstable === true).length;
    if (doc.unstable_suite_count !== k) {
      findings.push(
        finding(
          "WG-DASH-008",
          `dashboard count mismatch: unstable_suite_count=${show(doc.unstable_suite_count)} but ${k} suites are unstable`,
          { path: "unstable_suite_count" },
        ),
      );
    }
  }

  const passDetail =
    `dashboard healthy (suite_count=${m.n}, unstable=${m.u}, flake_rate_pct=${fmt2(m.fr)}, ` +
    `false_positive_rate_pct=${fmt2(m.fp)}, critical_test_failures=${m.crit})`;
  const health: DashboardHealth =
    invalidDetail !== null
      ? { detail: invalidDetail, status: "invalid", trend_lines: [] }
      : {
          critical_test_failures: m.crit,
          false_positive_proxy_rate_pct: roundN(m.fp, 2),
          flake_rate_pct: roundN(m.fr, 2),
          gate_health: m.u > 0 || m.crit > 0 ? "degraded" : "healthy",
          schema_version: doc.schema_version as string,
          status: "ok",
          suite_count: m.n,
          trend_lines: suites.map(trendLine),
          unstable_suite_count: m.u,
        };
  return { result: resultOf(PASS_PREFIX, passDetail, findings), health, suites };
}
