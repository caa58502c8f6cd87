// `signal-quality` as one pure function (detector.md §4.10): loaded files and file-system facts
// in, the semantic-signal-quality-v1 report out. Nothing here reads a file or the clock.
import { toCompactJson } from "../canonical-json.ts";
import { fmtN, roundN } from "../format.ts";
import { formatZulu } from "../timestamp.ts";
import {
  checkSignalQualityFiles,
  VARIANCE_DASHBOARD_SCHEMA,
  VERIFICATION_REPORT_SCHEMA,
  type SignalDashboard,
  type SignalQualityFiles,
  type SignalVerificationReport,
  type UsableInput,
} from "./inputs.ts";
import { linkProbePaths, signalLinks, type PathFacts, type SignalLinks } from "./links.ts";
import { SIGNAL_QUALITY_SCHEMA_VERSION, type SignalQualityCheck, type SignalQualityReport, type SignalQualityRuleId } from "./report-schema.ts";
import { rerunCommands } from "./rerun-commands.ts";
import type { ThresholdTexts } from "./thresholds.ts";

export interface SignalQualityInput extends SignalQualityFiles {
  /** --output as given. */
  outputPath: string;
  /** --guidance-doc as given. */
  guidanceDoc: string;
  /** --verification-rerun-command as given, or null. */
  verificationRerunCommand: string | null;
  thresholds: ThresholdTexts;
  /** What is at each path of signalQualityProbePaths(); a path left out counts as absent. */
  facts: PathFacts;
  /** The instant, epoch ms. */
  now: number;
}

export interface SignalQualityOutcome {
  report: SignalQualityReport;
  /** Input problems (missing, unparseable, mistyped files): also the first entries of `failures`. */
  inputProblems: string[];
}

/** The paths whose kind evaluateSignalQuality needs: the CLI looks each up before evaluating. */
export function signalQualityProbePaths(files: SignalQualityFiles): string[] {
  const loaded = checkSignalQualityFiles(files);
  return linkProbePaths(signalLinks(files.report.path, loaded.report, files.dashboard.path, loaded.dashboard));
}

interface DashboardMetrics {
  suiteCount: number;
  unstableCount: number;
  fpCount: number;
  flakeRate: number;
  fpRate: number;
  deterministic: string[];
}

function dashboardMetrics(dashboard: SignalDashboard): DashboardMetrics {
  const suites = dashboard.suites;
  const suiteCount = suites.length;
  let unstableCount = 0;
  let fpCount = 0;
  const deterministic: string[] = [];
  for (const suite of suites) {
    const fail = suite.outcomes?.fail ?? 0;
    if (suite.unstable) {
      unstableCount += 1;
      // Unstable without a single failing run: the instability came from somewhere other than
      // test verdicts, which the original counts as a false-positive proxy.
      if (fail === 0) fpCount += 1;
    } else if (fail > 0) {
      deterministic.push(suite.suite);
    }
  }
  // The false-positive denominator is every suite, not the unstable ones (compatibility, §5 item 7).
  const rate = (count: number): number => (suiteCount > 0 ? roundN((count * 100) / suiteCount, 2) : 0);
  return { suiteCount, unstableCount, fpCount, flakeRate: rate(unstableCount), fpRate: rate(fpCount), deterministic };
}

interface ReportMetrics {
  profile: string;
  total: number;
  budget: number;
  budgetValid: boolean;
  ratio: number;
}

function reportMetrics(report: SignalVerificationReport): ReportMetrics {
  const total = report.total_duration_s ?? 0;
  const raw = report.profile_contract?.runtime_budget_s;
  const budgetValid = typeof raw === "number" && Number.isFinite(raw) && raw > 0;
  // A non-finite number cannot be written as JSON; it is as invalid as a string budget.
  const budget = typeof raw === "number" && Number.isFinite(raw) ? raw : 0;
  return {
    profile: report.profile ?? "unknown",
    total,
    budget,
    budgetValid,
    ratio: budgetValid ? roundN(total / budget, 3) : 0,
  };
}

/** Header values as JSON sees them: absent and null are the same, anything else is compared exactly. */
function headerValue(raw: Record<string, unknown>, key: string): unknown {
  const value = raw[key];
  return value === undefined ? null : value;
}

function compact(value: unknown): string {
  return toCompactJson(value) ?? "null";
}

type RuleOutcome = { id: SignalQualityRuleId; failure: string | null } | { id: SignalQualityRuleId; skip: string };

export function evaluateSignalQuality(input: SignalQualityInput): SignalQualityOutcome {
  const loaded = checkSignalQualityFiles(input);
  const reportPath = input.report.path;
  const dashboardPath = input.dashboard.path;
  const links: SignalLinks = signalLinks(reportPath, loaded.report, dashboardPath, loaded.dashboard);
  const t = input.thresholds;
  const max = {
    flake: Number(t.max_flake_rate_pct.text),
    fp: Number(t.max_false_positive_rate_pct.text),
    ratio: Number(t.max_runtime_ratio.text),
    deterministic: Number(t.max_deterministic_failures.text),
  };

  const rm = loaded.report === null ? null : reportMetrics(loaded.report.value);
  const dm = loaded.dashboard === null ? null : dashboardMetrics(loaded.dashboard.value);
  const existing = links.artifacts.filter((p) => input.facts.has(p));
  const missing = links.artifacts.filter((p) => !input.facts.has(p));
  const isFile = (p: string | null): boolean => p !== null && p !== "" && input.facts.get(p) === "file";

  const reportSkip = `not evaluated: ${reportPath} unusable`;
  const dashboardSkip = `not evaluated: ${dashboardPath} unusable`;
  const onReport = (id: SignalQualityRuleId, rule: (m: ReportMetrics, r: UsableInput<SignalVerificationReport>) => string | null): RuleOutcome =>
    rm === null || loaded.report === null ? { id, skip: reportSkip } : { id, failure: rule(rm, loaded.report) };
  const onDashboard = (id: SignalQualityRuleId, rule: (m: DashboardMetrics, d: UsableInput<SignalDashboard>) => string | null): RuleOutcome =>
    dm === null || loaded.dashboard === null ? { id, skip: dashboardSkip } : { id, failure: rule(dm, loaded.dashboard) };

  const rules: RuleOutcome[] = [
    onDashboard("SQ-FLAKE-RATE", (m) =>
      m.flakeRate > max.flake ? `flake_rate_pct exceeds threshold (${fmtN(m.flakeRate, 2)}% > ${t.max_flake_rate_pct.text}%)` : null,
    ),
    onDashboard("SQ-FP-RATE", (m) =>
      m.fpRate > max.fp ? `false_positive_proxy_rate_pct exceeds threshold (${fmtN(m.fpRate, 2)}% > ${t.max_false_positive_rate_pct.text}%)` : null,
    ),
    onReport("SQ-RUNTIME", (m) => {
      if (!m.budgetValid) return "runtime budget missing or invalid (profile_contract.runtime_budget_s <= 0)";
      return m.ratio > max.ratio ? `runtime_ratio exceeds threshold (${fmtN(m.ratio, 3)} > ${t.max_runtime_ratio.text})` : null;
    }),
    onReport("SQ-ARTIFACTS", () => (missing.length > 0 ? `missing required runner artifacts (${missing.length})` : null)),
    onDashboard("SQ-EVENTS-LINK", () => (isFile(links.events) ? null : "variance events link missing or unreadable")),
    onDashboard("SQ-SUMMARY-LINK", () => (isFile(links.summary) ? null : "variance summary link missing or unreadable")),
    onDashboard("SQ-DASHBOARD-SCHEMA", (_m, d) => {
      const v = headerValue(d.raw, "schema_version");
      return v === VARIANCE_DASHBOARD_SCHEMA
        ? null
        : `variance dashboard schema_version mismatch (expected ${VARIANCE_DASHBOARD_SCHEMA}, got ${compact(v)})`;
    }),
    onReport("SQ-REPORT-SCHEMA", (_m, r) => {
      const v = headerValue(r.raw, "schema");
      return v === VERIFICATION_REPORT_SCHEMA
        ? null
        : `verification report schema mismatch (expected ${VERIFICATION_REPORT_SCHEMA}, got ${compact(v)})`;
    }),
    onDashboard("SQ-SUITE-COUNT", (m, d) => {
      const header = headerValue(d.raw, "suite_count");
      return header === m.suiteCount ? null : `suite_count header mismatch (header ${compact(header)}, suites[] ${m.suiteCount})`;
    }),
    onDashboard("SQ-UNSTABLE-COUNT", (m, d) => {
      const header = headerValue(d.raw, "unstable_suite_count");
      return header === m.unstableCount
        ? null
        : `unstable_suite_count header mismatch (header ${compact(header)}, suites[] ${m.unstableCount})`;
    }),
    onDashboard("SQ-NO-SUITES", (m) => (m.suiteCount === 0 ? "variance dashboard has no suites" : null)),
    onDashboard("SQ-DETERMINISTIC-FAILURES", (m) =>
      m.deterministic.length > max.deterministic
        ? `deterministic failures exceed threshold (${m.deterministic.length} > ${t.max_deterministic_failures.text}): ${m.deterministic.join(", ")}`
        : null,
    ),
  ];

  const checks: SignalQualityCheck[] = rules.map((rule) =>
    "skip" in rule
      ? { id: rule.id, status: "skip", detail: rule.skip }
      : rule.failure === null
        ? { id: rule.id, status: "pass", detail: "ok" }
        : { id: rule.id, status: "fail", detail: rule.failure },
  );
  const ruleFailures = checks.filter((c) => c.status === "fail").map((c) => c.detail);
  const failures = [...loaded.problems, ...ruleFailures];
  const dashboardRaw = loaded.dashboard?.raw ?? null;

  const report: SignalQualityReport = {
    schema_version: SIGNAL_QUALITY_SCHEMA_VERSION,
    generated_at: formatZulu(input.now),
    status: failures.length === 0 ? "pass" : "fail",
    inputs: { verification_report: reportPath, variance_dashboard: dashboardPath },
    metrics: {
      runner_profile: rm?.profile ?? null,
      suite_count: dm?.suiteCount ?? null,
      unstable_suite_count: dm?.unstableCount ?? null,
      flake_rate_pct: dm?.flakeRate ?? null,
      false_positive_proxy_count: dm?.fpCount ?? null,
      false_positive_proxy_rate_pct: dm?.fpRate ?? null,
      total_duration_s: rm?.total ?? null,
      runtime_budget_s: rm?.budget ?? null,
      runtime_ratio: rm?.ratio ?? null,
      header_suite_count: dashboardRaw === null ? null : headerValue(dashboardRaw, "suite_count"),
      header_unstable_suite_count: dashboardRaw === null ? null : headerValue(dashboardRaw, "unstable_suite_count"),
      deterministic_failure_count: dm?.deterministic.length ?? null,
    },
    thresholds: {
      max_flake_rate_pct: max.flake,
      max_false_positive_rate_pct: max.fp,
      max_runtime_ratio: max.ratio,
      max_deterministic_failures: max.deterministic,
    },
    diagnostics_links: {
      runner_report_dir: links.runnerReportDir,
      existing_required_artifacts: existing,
      missing_required_artifacts: missing,
      variance_events_ndjson: links.events,
      variance_summary: links.summary,
    },
    maintenance_guidance: { document: input.guidanceDoc },
    rerun_commands: rerunCommands({
      verificationRerunCommand: input.verificationRerunCommand,
      runnerProfile: rm?.profile ?? null,
      dashboardRaw,
      reportPath,
      dashboardPath,
      outputPath: input.outputPath,
      thresholds: t,
    }),
    failures,
    checks,
  };
  return { report, inputProblems: loaded.problems };
}
