// The pure signal-quality evaluator (detector.md §3.7–§3.9, §4.9, §4.10): loaded inputs and
// file-system facts in, the report out.
import assert from "node:assert/strict";
import test from "node:test";
import {
  evaluateSignalQuality,
  SignalQualityReport,
  signalQualityProbePaths,
  SIGNAL_QUALITY_THRESHOLDS,
  isValidThresholdText,
  thresholdTexts,
  type LoadedJson,
  type PathFacts,
  type PathKind,
  type SignalQualityInput,
} from "../src/index.ts";

const REPORT_PATH = "ci/verification_report.json";
const DASHBOARD_PATH = "out/flake/latest/variance_dashboard.json";

function report(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: "semantic-verification-report-v1",
    profile: "smoke",
    total_duration_s: 150,
    profile_contract: { runtime_budget_s: 180, required_artifacts: ["docs_output.txt", "golden_output.txt"] },
    report_dir: "report_artifacts",
    ...overrides,
  };
}

function dashboard(suites: Array<[string, boolean, number?]>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema_version: "sem-variance-dashboard-v1",
    suite_count: suites.length,
    unstable_suite_count: suites.filter((s) => s[1]).length,
    suites: suites.map(([suite, unstable, fail]) => (fail === undefined ? { suite, unstable } : { suite, unstable, outcomes: { fail } })),
    artifacts: { variance_events_ndjson: "../variance_events.ndjson", summary: "../summary.txt" },
    ...overrides,
  };
}

const ALL_THERE: Array<[string, PathKind]> = [
  ["ci/report_artifacts/docs_output.txt", "file"],
  ["ci/report_artifacts/golden_output.txt", "file"],
  ["out/flake/variance_events.ndjson", "file"],
  ["out/flake/summary.txt", "file"],
];

function json(path: string, value: unknown): LoadedJson {
  return { kind: "json", path, value };
}

function input(overrides: Partial<SignalQualityInput> = {}): SignalQualityInput {
  return {
    report: json(REPORT_PATH, report()),
    dashboard: json(DASHBOARD_PATH, dashboard([["a", false, 0], ["b", false]])),
    outputPath: "out/sq.json",
    guidanceDoc: "docs/semantic_ci_signal_quality.md",
    verificationRerunCommand: null,
    thresholds: thresholdTexts({}),
    facts: new Map(ALL_THERE),
    now: Date.parse("2026-03-01T00:00:00.750Z"),
    ...overrides,
  };
}

test("a clean pair passes all 12 rules; paths are joined onto the given paths; generated_at is whole seconds in Z", () => {
  const { report: out, inputProblems } = evaluateSignalQuality(input());
  assert.deepEqual(inputProblems, []);
  assert.equal(out.status, "pass");
  assert.equal(out.generated_at, "2026-03-01T00:00:00Z");
  assert.deepEqual(out.diagnostics_links, {
    runner_report_dir: "ci/report_artifacts",
    existing_required_artifacts: ["ci/report_artifacts/docs_output.txt", "ci/report_artifacts/golden_output.txt"],
    missing_required_artifacts: [],
    variance_events_ndjson: "out/flake/variance_events.ndjson",
    variance_summary: "out/flake/summary.txt",
  });
  assert.equal(out.checks.length, 12);
  assert.ok(out.checks.every((c) => c.status === "pass" && c.detail === "ok"));
  assert.equal(SignalQualityReport.safeParse(out).success, true);
  assert.deepEqual(out.thresholds, { max_flake_rate_pct: 0, max_false_positive_rate_pct: 5, max_runtime_ratio: 1, max_deterministic_failures: 0 });
});

test("the probe paths are exactly the paths the rules look up, deduplicated", () => {
  assert.deepEqual(signalQualityProbePaths(input()), ALL_THERE.map(([p]) => p));
  const same = input({
    dashboard: json(DASHBOARD_PATH, dashboard([["a", false]], { artifacts: { variance_events_ndjson: "/x/e", summary: "/x/e" } })),
    report: json("r.json", report({ report_dir: "/abs/dir" })),
  });
  assert.deepEqual(signalQualityProbePaths(same), ["/abs/dir/docs_output.txt", "/abs/dir/golden_output.txt", "/x/e"]);
  assert.deepEqual(signalQualityProbePaths(input({ report: { kind: "missing", path: REPORT_PATH }, dashboard: { kind: "missing", path: DASHBOARD_PATH } })), []);
});

test("rates round to 2 decimals and the ratio to 3, ties to even on the binary value; comparisons use the rounded value", () => {
  const thirds = evaluateSignalQuality(input({ dashboard: json(DASHBOARD_PATH, dashboard([["a", true, 0], ["b", true, 1], ["c", false]])) })).report;
  assert.equal(thirds.metrics.flake_rate_pct, 66.67);
  assert.equal(thirds.metrics.false_positive_proxy_rate_pct, 33.33);
  assert.deepEqual(thirds.failures, [
    "flake_rate_pct exceeds threshold (66.67% > 0%)",
    "false_positive_proxy_rate_pct exceeds threshold (33.33% > 5%)",
  ]);
  // 180.09 / 180 = 1.0005 (slightly below in binary) rounds to 1.000 and so does not exceed 1.0.
  const nearTie = evaluateSignalQuality(input({ report: json(REPORT_PATH, report({ total_duration_s: 180.09 })) })).report;
  assert.equal(nearTie.metrics.runtime_ratio, 1);
  assert.equal(nearTie.status, "pass");
  const above = evaluateSignalQuality(input({ report: json(REPORT_PATH, report({ total_duration_s: 180.1 })) })).report;
  assert.equal(above.metrics.runtime_ratio, 1.001);
  assert.deepEqual(above.failures, ["runtime_ratio exceeds threshold (1.001 > 1.0)"]);
  // 1 unstable of 8 = 12.5 exactly: both messages keep two decimals.
  const eighth = dashboard([["a", true, 3], ...Array.from({ length: 7 }, (_, i): [string, boolean] => [`s${i}`, false])]);
  const r = evaluateSignalQuality(input({ dashboard: json(DASHBOARD_PATH, eighth), thresholds: thresholdTexts({ max_flake_rate_pct: "12.50" }) })).report;
  assert.equal(r.metrics.flake_rate_pct, 12.5);
  assert.equal(r.metrics.false_positive_proxy_count, 0);
  assert.equal(r.status, "pass");
  assert.equal(r.thresholds.max_flake_rate_pct, 12.5);
});

test("threshold messages quote the flag text as typed", () => {
  const r = evaluateSignalQuality(
    input({
      dashboard: json(DASHBOARD_PATH, dashboard([["a", true, 0], ["b", false, 2], ["c", false, 1]])),
      report: json(REPORT_PATH, report({ total_duration_s: 400 })),
      thresholds: thresholdTexts({ max_flake_rate_pct: "10.0", max_false_positive_rate_pct: "05", max_runtime_ratio: "2.00", max_deterministic_failures: "1" }),
    }),
  ).report;
  assert.deepEqual(r.failures, [
    "flake_rate_pct exceeds threshold (33.33% > 10.0%)",
    "false_positive_proxy_rate_pct exceeds threshold (33.33% > 05%)",
    "runtime_ratio exceeds threshold (2.222 > 2.00)",
    "deterministic failures exceed threshold (2 > 1): b, c",
  ]);
  assert.deepEqual(r.thresholds, { max_flake_rate_pct: 10, max_false_positive_rate_pct: 5, max_runtime_ratio: 2, max_deterministic_failures: 1 });
});

test("threshold text: plain decimals for rates and ratio, plain integers for the deterministic-failure count", () => {
  const [flake, , , det] = SIGNAL_QUALITY_THRESHOLDS;
  for (const ok of ["0", "5", "0.5", "1.0", "007", "100.25"]) assert.equal(isValidThresholdText(flake, ok), true, ok);
  for (const bad of ["", "abc", "-1", "1e3", ".5", "5.", " 5", "5%", "Infinity", "0x10"]) assert.equal(isValidThresholdText(flake, bad), false, bad);
  assert.equal(isValidThresholdText(det, "3"), true);
  assert.equal(isValidThresholdText(det, "1.0"), false);
  assert.deepEqual(thresholdTexts({ max_runtime_ratio: "2" }).max_runtime_ratio, { text: "2", given: true });
  assert.deepEqual(thresholdTexts({}).max_runtime_ratio, { text: "1.0", given: false });
});

test("file-system facts: missing artifacts are counted, links need a regular file, artifacts may be directories", () => {
  const facts: PathFacts = new Map<string, PathKind>([
    ["ci/report_artifacts/golden_output.txt", "directory"],
    ["out/flake/variance_events.ndjson", "directory"],
    ["out/flake/summary.txt", "other"],
  ]);
  const r = evaluateSignalQuality(input({ facts })).report;
  assert.deepEqual(r.diagnostics_links.existing_required_artifacts, ["ci/report_artifacts/golden_output.txt"]);
  assert.deepEqual(r.diagnostics_links.missing_required_artifacts, ["ci/report_artifacts/docs_output.txt"]);
  assert.deepEqual(r.failures, [
    "missing required runner artifacts (1)",
    "variance events link missing or unreadable",
    "variance summary link missing or unreadable",
  ]);
});

test("budget: a non-number, a non-finite number or a value <= 0 fires rule 3 with budget 0 in the metrics", () => {
  for (const budget of ["180", 0, -1, null, [180], { s: 1 }, Number.POSITIVE_INFINITY]) {
    const value = report();
    (value.profile_contract as Record<string, unknown>).runtime_budget_s = budget;
    const r = evaluateSignalQuality(input({ report: json(REPORT_PATH, value) })).report;
    assert.deepEqual(r.failures, ["runtime budget missing or invalid (profile_contract.runtime_budget_s <= 0)"], String(budget));
    assert.equal(r.metrics.runtime_ratio, 0);
    assert.equal(r.metrics.runtime_budget_s, typeof budget === "number" && Number.isFinite(budget) ? budget : 0);
  }
});

test("null counts as absent in both inputs", () => {
  const r = evaluateSignalQuality(
    input({
      report: json(REPORT_PATH, { schema: "semantic-verification-report-v1", profile: null, total_duration_s: null, profile_contract: { runtime_budget_s: 5, required_artifacts: null }, report_dir: null }),
      dashboard: json(DASHBOARD_PATH, { ...dashboard([["a", false, 0]]), suites: [{ suite: "a", unstable: false, outcomes: { fail: null } }], artifacts: null }),
    }),
  ).report;
  assert.equal(r.metrics.runner_profile, "unknown");
  assert.equal(r.metrics.total_duration_s, 0);
  assert.equal(r.diagnostics_links.runner_report_dir, "ci");
  assert.equal(r.diagnostics_links.variance_events_ndjson, "");
  assert.deepEqual(r.failures, ["variance events link missing or unreadable", "variance summary link missing or unreadable"]);
});

test("an unusable input skips exactly the rules that read it and nulls what is computed from it", () => {
  const r = evaluateSignalQuality(
    input({ report: { kind: "invalid-json", path: REPORT_PATH, line: 3, column: 9, problem: "unexpected end of input" } }),
  );
  assert.deepEqual(r.inputProblems, [`${REPORT_PATH}: invalid JSON at line 3 column 9`]);
  const out = r.report;
  assert.deepEqual(
    out.checks.filter((c) => c.status === "skip").map((c) => c.id),
    ["SQ-RUNTIME", "SQ-ARTIFACTS", "SQ-REPORT-SCHEMA"],
  );
  for (const c of out.checks.filter((x) => x.status === "skip")) assert.equal(c.detail, `not evaluated: ${REPORT_PATH} unusable`);
  assert.equal(out.metrics.runner_profile, null);
  assert.equal(out.metrics.total_duration_s, null);
  assert.equal(out.metrics.runtime_budget_s, null);
  assert.equal(out.metrics.runtime_ratio, null);
  assert.equal(out.diagnostics_links.runner_report_dir, null);
  assert.deepEqual(out.diagnostics_links.existing_required_artifacts, []);
  assert.equal(out.status, "fail");
  assert.equal(SignalQualityReport.safeParse(out).success, true);

  const dash = evaluateSignalQuality(input({ dashboard: { kind: "unreadable", path: DASHBOARD_PATH, cause: "permission denied" } })).report;
  assert.deepEqual(dash.failures, [`${DASHBOARD_PATH}: cannot read: permission denied`]);
  assert.deepEqual(
    dash.checks.filter((c) => c.status !== "skip").map((c) => c.id),
    ["SQ-RUNTIME", "SQ-ARTIFACTS", "SQ-REPORT-SCHEMA"],
  );
  for (const key of ["suite_count", "unstable_suite_count", "flake_rate_pct", "false_positive_proxy_count", "false_positive_proxy_rate_pct", "header_suite_count", "header_unstable_suite_count", "deterministic_failure_count"] as const) {
    assert.equal(dash.metrics[key], null, key);
  }
  assert.equal(dash.diagnostics_links.variance_events_ndjson, null);
});

test("type problems name the JSON path; a flood of them is capped at 10 plus a count", () => {
  const suites = Array.from({ length: 25 }, (_, i) => ({ suite: i, unstable: false }));
  const r = evaluateSignalQuality(input({ dashboard: json(DASHBOARD_PATH, { ...dashboard([]), suites }) }));
  assert.equal(r.inputProblems.length, 11);
  assert.equal(r.inputProblems[0], `${DASHBOARD_PATH}: $.suites[0].suite: expected a string (got 0)`);
  assert.equal(r.inputProblems[10], `${DASHBOARD_PATH}: 15 more type problems not listed`);
  const odd = evaluateSignalQuality(input({ dashboard: json(DASHBOARD_PATH, { ...dashboard([]), suites: [{ unstable: false }], artifacts: { "summary": 1 } }) }));
  assert.deepEqual(odd.inputProblems, [
    `${DASHBOARD_PATH}: $.suites[0].suite: expected a string (got nothing)`,
    `${DASHBOARD_PATH}: $.artifacts.summary: expected a string (got 1)`,
  ]);
});

test("header values are compared as JSON values and reported as compact JSON", () => {
  const r = evaluateSignalQuality(
    input({ dashboard: json(DASHBOARD_PATH, dashboard([["a", true, 1]], { suite_count: [1], unstable_suite_count: 1.0, schema_version: { v: 1 } })) }),
  ).report;
  assert.deepEqual(r.failures, [
    "flake_rate_pct exceeds threshold (100.00% > 0%)",
    'variance dashboard schema_version mismatch (expected sem-variance-dashboard-v1, got {"v":1})',
    "suite_count header mismatch (header [1], suites[] 1)",
  ]);
  assert.deepEqual(r.metrics.header_suite_count, [1]);
});
