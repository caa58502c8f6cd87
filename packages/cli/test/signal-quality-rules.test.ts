// `flakewarden signal-quality` verdicts (detector.md §4.10, §5 item 7, §6 S1–S3, S6, S8;
// acceptance items 1–12 of §8).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { runCli, tempDir } from "./support/cli.ts";
import {
  checkStatuses,
  dashboardWith,
  failureLines,
  OUT,
  sampleReport,
  sq,
  SQ_FIXTURES,
  SQ_NOW,
  sqFixture,
  sqTree,
  suitesOf,
} from "./support/signal-quality.ts";

const RULE_IDS = [
  "SQ-FLAKE-RATE",
  "SQ-FP-RATE",
  "SQ-RUNTIME",
  "SQ-ARTIFACTS",
  "SQ-EVENTS-LINK",
  "SQ-SUMMARY-LINK",
  "SQ-DASHBOARD-SCHEMA",
  "SQ-REPORT-SCHEMA",
  "SQ-SUITE-COUNT",
  "SQ-UNSTABLE-COUNT",
  "SQ-NO-SUITES",
  "SQ-DETERMINISTIC-FAILURES",
];

const ORIGINAL_METRICS = [
  "runner_profile",
  "suite_count",
  "unstable_suite_count",
  "flake_rate_pct",
  "false_positive_proxy_count",
  "false_positive_proxy_rate_pct",
  "total_duration_s",
  "runtime_budget_s",
  "runtime_ratio",
];
const ORIGINAL_THRESHOLDS = ["max_flake_rate_pct", "max_false_positive_rate_pct", "max_runtime_ratio"];

function pick(object: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

/** The upstream expected file with `$REPO/tests/fixtures/semantic_signal_quality` pointing at our copy. */
function expectedFor(name: "pass" | "fail"): any {
  const text = fs.readFileSync(path.join(SQ_FIXTURES, `variance_dashboard_${name}_expected.json`), "utf8");
  return JSON.parse(text.replaceAll("$REPO/tests/fixtures/semantic_signal_quality", SQ_FIXTURES));
}

/** Run on the reference fixtures in place, with absolute paths as the upstream test did. */
async function onReference(name: "pass" | "fail"): Promise<{ code: number; stdout: string; stderr: string; report: any; out: string }> {
  const dir = tempDir("fw-sq-ref-");
  const out = path.join(dir, "signal_quality_report.json");
  const r = await runCli(dir, [
    "signal-quality",
    "--report",
    path.join(SQ_FIXTURES, "verification_report_sample.json"),
    "--dashboard",
    path.join(SQ_FIXTURES, `variance_dashboard_${name}.json`),
    "--output",
    out,
    "--now",
    SQ_NOW,
  ]);
  return { ...r, report: JSON.parse(fs.readFileSync(out, "utf8")), out };
}

function assertSameAsExpected(report: any, expected: any): void {
  assert.equal(report.status, expected.status);
  assert.deepEqual(pick(report.metrics, ORIGINAL_METRICS), expected.metrics);
  assert.deepEqual(pick(report.thresholds, ORIGINAL_THRESHOLDS), expected.thresholds);
  assert.deepEqual(report.diagnostics_links, expected.diagnostics_links);
  assert.deepEqual(report.failures, expected.failures);
}

test("acceptance 1: sample report + pass dashboard → exit 0, equal to the upstream expected file, 12 checks pass", async () => {
  const r = await onReference("pass");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const expected = expectedFor("pass");
  assertSameAsExpected(r.report, expected);
  assert.equal(r.report.metrics.runtime_ratio, 0.833);
  assert.equal(r.report.diagnostics_links.existing_required_artifacts.length, 2);
  assert.deepEqual(
    r.report.checks.map((c: any) => [c.id, c.status, c.detail]),
    RULE_IDS.map((id) => [id, "pass", "ok"]),
  );
  const links = expected.diagnostics_links;
  assert.equal(
    r.stdout,
    [
      "[semantic-signal-quality] status=pass profile=smoke flake_rate_pct=0.00 false_positive_proxy_rate_pct=0.00 runtime_ratio=0.833",
      `[semantic-signal-quality] report=${path.join(SQ_FIXTURES, "verification_report_sample.json")}`,
      `[semantic-signal-quality] dashboard=${path.join(SQ_FIXTURES, "variance_dashboard_pass.json")}`,
      `[semantic-signal-quality] details=${r.out}`,
      "[semantic-signal-quality] deep links:",
      ...links.existing_required_artifacts.map((p: string) => `  - ${p}`),
      `  - ${links.variance_events_ndjson}`,
      `  - ${links.variance_summary}`,
      "",
    ].join("\n"),
  );
});

test("acceptance 1: the report has every key of §3.8 in order, and the additions", async () => {
  const r = await onReference("pass");
  const report = r.report;
  assert.deepEqual(Object.keys(report), [
    "schema_version",
    "generated_at",
    "status",
    "inputs",
    "metrics",
    "thresholds",
    "diagnostics_links",
    "maintenance_guidance",
    "rerun_commands",
    "failures",
    "checks",
  ]);
  assert.equal(report.schema_version, "semantic-signal-quality-v1");
  assert.equal(report.generated_at, SQ_NOW);
  assert.deepEqual(Object.keys(report.metrics), [
    ...ORIGINAL_METRICS,
    "header_suite_count",
    "header_unstable_suite_count",
    "deterministic_failure_count",
  ]);
  assert.deepEqual(report.metrics.header_suite_count, 2);
  assert.deepEqual(report.metrics.header_unstable_suite_count, 0);
  assert.deepEqual(report.metrics.deterministic_failure_count, 0);
  assert.deepEqual(report.thresholds, { max_flake_rate_pct: 0, max_false_positive_rate_pct: 5, max_runtime_ratio: 1, max_deterministic_failures: 0 });
  assert.deepEqual(report.inputs, {
    verification_report: path.join(SQ_FIXTURES, "verification_report_sample.json"),
    variance_dashboard: path.join(SQ_FIXTURES, "variance_dashboard_pass.json"),
  });
  assert.deepEqual(report.maintenance_guidance, { document: "docs/semantic_ci_signal_quality.md" });
  for (const check of report.checks) assert.deepEqual(Object.keys(check), ["id", "status", "detail"]);
});

test("acceptance 2: fail dashboard → exit 1, flake 50, fp 1 / 50, exactly the two original failures, printed", async () => {
  const r = await onReference("fail");
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assertSameAsExpected(r.report, expectedFor("fail"));
  assert.equal(r.report.metrics.flake_rate_pct, 50);
  assert.equal(r.report.metrics.false_positive_proxy_count, 1);
  assert.equal(r.report.metrics.false_positive_proxy_rate_pct, 50);
  const failures = ["flake_rate_pct exceeds threshold (50.00% > 0%)", "false_positive_proxy_rate_pct exceeds threshold (50.00% > 5%)"];
  assert.deepEqual(r.report.failures, failures);
  assert.deepEqual(failureLines(r.stdout), failures);
  assert.match(r.stdout, /^\[semantic-signal-quality\] status=fail profile=smoke flake_rate_pct=50\.00 false_positive_proxy_rate_pct=50\.00 runtime_ratio=0\.833\n/);
  assert.deepEqual(checkStatuses(r.report).slice(0, 3), ["SQ-FLAKE-RATE:fail", "SQ-FP-RATE:fail", "SQ-RUNTIME:pass"]);
});

test("acceptance 3: 20 suites, 1 unstable with fail 0, --max-flake-rate-pct 5, total = budget = 180 → exit 0 (ties pass)", async () => {
  const report = sampleReport({ total_duration_s: 180 });
  const root = sqTree(report, dashboardWith(suitesOf(20, [7])));
  const r = await sq(root, ["--max-flake-rate-pct", "5"]);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.report.status, "pass");
  assert.equal(r.report.metrics.flake_rate_pct, 5);
  assert.equal(r.report.metrics.false_positive_proxy_rate_pct, 5);
  assert.equal(r.report.metrics.runtime_ratio, 1);
  assert.equal(r.report.thresholds.max_flake_rate_pct, 5);
  assert.match(r.stdout, /^\[semantic-signal-quality\] status=pass profile=smoke flake_rate_pct=5\.00 false_positive_proxy_rate_pct=5\.00 runtime_ratio=1\.000\n/);
  assert.deepEqual(r.report.failures, []);
});

test("acceptance 4: 10 suites, 1 unstable with fail 0, --max-flake-rate-pct 100 → exit 1, only the FP failure", async () => {
  const root = sqTree(sampleReport(), dashboardWith(suitesOf(10, [3])));
  const r = await sq(root, ["--max-flake-rate-pct", "100"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.report.failures, ["false_positive_proxy_rate_pct exceeds threshold (10.00% > 5%)"]);
  assert.deepEqual(failureLines(r.stdout), r.report.failures);
  assert.equal(r.report.metrics.flake_rate_pct, 10);
});

test("acceptance 5: runtime ratio 200/180 and 400/180 exceed 1.0 with 3 decimals", async () => {
  for (const [total, ratio] of [
    [200, "1.111"],
    [400, "2.222"],
  ] as const) {
    const root = sqTree(sampleReport({ total_duration_s: total }));
    const r = await sq(root);
    assert.equal(r.code, 1);
    assert.deepEqual(r.report.failures, [`runtime_ratio exceeds threshold (${ratio} > 1.0)`]);
    assert.equal(r.report.metrics.runtime_ratio, Number(ratio));
    assert.match(r.stdout, new RegExp(` runtime_ratio=${ratio.replace(".", "\\.")}\\n`));
  }
});

test("acceptance 6: no profile_contract and no report_dir → ratio 0, budget 0, rule-3 budget failure, dir of the report", async () => {
  const report = sampleReport();
  delete report.profile_contract;
  delete report.report_dir;
  const root = sqTree(null);
  fs.mkdirSync(path.join(root, "runner"));
  fs.writeFileSync(path.join(root, "runner", "verification_report.json"), JSON.stringify(report));
  const r = await sq(root, ["--report", "runner/verification_report.json"]);
  assert.equal(r.code, 1);
  assert.equal(r.report.metrics.runtime_ratio, 0);
  assert.equal(r.report.metrics.runtime_budget_s, 0);
  assert.deepEqual(r.report.failures, ["runtime budget missing or invalid (profile_contract.runtime_budget_s <= 0)"]);
  assert.equal(r.report.diagnostics_links.runner_report_dir, "runner");
  assert.deepEqual(r.report.diagnostics_links.existing_required_artifacts, []);
  assert.deepEqual(r.report.diagnostics_links.missing_required_artifacts, []);
  // The same in the current directory: the report's directory is ".".
  const here = sqTree({ schema: "semantic-verification-report-v1", total_duration_s: 5 });
  const r2 = await sq(here);
  assert.equal(r2.report.diagnostics_links.runner_report_dir, ".");
  assert.equal(r2.report.metrics.runner_profile, "unknown");
  assert.equal(r2.report.rerun_commands[0], "scripts/run_semantic_verification.sh --profile full --json");
});

test("acceptance 7: budget 180.5 with total 9999 → ratio 55.396 fails rule 3; budget \"abc\" is a rule-3 failure, not exit 2", async () => {
  const fractional = sqTree(sampleReport({ total_duration_s: 9999, profile_contract: { ...sampleReport().profile_contract, runtime_budget_s: 180.5 } }));
  const r = await sq(fractional);
  assert.equal(r.code, 1);
  assert.equal(r.report.metrics.runtime_ratio, 55.396);
  assert.equal(r.report.metrics.runtime_budget_s, 180.5);
  assert.deepEqual(r.report.failures, ["runtime_ratio exceeds threshold (55.396 > 1.0)"]);

  for (const budget of ["abc", 0, -3, null, true]) {
    const root = sqTree(sampleReport({ profile_contract: { ...sampleReport().profile_contract, runtime_budget_s: budget } }));
    const bad = await sq(root);
    assert.equal(bad.code, 1, `budget ${JSON.stringify(budget)}`);
    assert.equal(bad.stderr, "");
    assert.deepEqual(bad.report.failures, ["runtime budget missing or invalid (profile_contract.runtime_budget_s <= 0)"]);
    assert.equal(bad.report.metrics.runtime_ratio, 0);
    assert.equal(bad.report.metrics.runtime_budget_s, typeof budget === "number" ? budget : 0);
  }
});

test("acceptance 8: missing artifact, no events key, dangling summary → rules 4, 5, 6 in order; no empty deep-link line", async () => {
  const dashboard = sqFixture("variance_dashboard_pass.json");
  dashboard.artifacts = { summary: "flake/gone.txt" };
  const root = sqTree(sampleReport(), dashboard);
  fs.rmSync(path.join(root, "report_artifacts", "golden_output.txt"));
  const r = await sq(root);
  assert.equal(r.code, 1);
  assert.deepEqual(r.report.failures, [
    "missing required runner artifacts (1)",
    "variance events link missing or unreadable",
    "variance summary link missing or unreadable",
  ]);
  assert.deepEqual(r.report.diagnostics_links, {
    runner_report_dir: "report_artifacts",
    existing_required_artifacts: ["report_artifacts/docs_output.txt"],
    missing_required_artifacts: ["report_artifacts/golden_output.txt"],
    variance_events_ndjson: "",
    variance_summary: "flake/gone.txt",
  });
  assert.ok(!/^ {2}- $/m.test(r.stdout), "no empty deep-link line");
  assert.ok(
    r.stdout.endsWith("[semantic-signal-quality] deep links:\n  - report_artifacts/docs_output.txt\n  - flake/gone.txt\n"),
    r.stdout,
  );
});

test("acceptance 8: links must be regular files (a directory fails, a symlink to a file passes)", async () => {
  const dashboard = sqFixture("variance_dashboard_pass.json");
  dashboard.artifacts = { variance_events_ndjson: "flake", summary: "summary-link.txt" };
  const root = sqTree(sampleReport(), dashboard);
  fs.symlinkSync("flake/summary.txt", path.join(root, "summary-link.txt"));
  const r = await sq(root);
  assert.deepEqual(r.report.failures, ["variance events link missing or unreadable"]);
  // An empty events key is the same as an absent one.
  dashboard.artifacts = { variance_events_ndjson: "", summary: "flake/summary.txt" };
  const r2 = await sq(sqTree(sampleReport(), dashboard));
  assert.equal(r2.report.diagnostics_links.variance_events_ndjson, "");
  assert.deepEqual(r2.report.failures, ["variance events link missing or unreadable"]);
  // A required artifact may be a directory.
  const report = sampleReport({ report_dir: ".", profile_contract: { runtime_budget_s: 180, required_artifacts: ["flake"] } });
  const r3 = await sq(sqTree(report));
  assert.equal(r3.code, 0, r3.stdout);
  assert.deepEqual(r3.report.diagnostics_links.existing_required_artifacts, ["flake"]);
});

test("acceptance 9: header suite_count 0 with two unstable suites → recomputed counts and a header mismatch", async () => {
  const root = sqTree(
    sampleReport(),
    dashboardWith(
      [
        { suite: "a", unstable: true, fail: 0 },
        { suite: "b", unstable: true, fail: 2 },
      ],
      { suite_count: 0 },
    ),
  );
  const r = await sq(root);
  assert.equal(r.code, 1);
  assert.equal(r.report.metrics.suite_count, 2);
  assert.equal(r.report.metrics.flake_rate_pct, 100);
  assert.equal(r.report.metrics.false_positive_proxy_rate_pct, 50);
  assert.equal(r.report.metrics.header_suite_count, 0);
  assert.deepEqual(r.report.failures, [
    "flake_rate_pct exceeds threshold (100.00% > 0%)",
    "false_positive_proxy_rate_pct exceeds threshold (50.00% > 5%)",
    "suite_count header mismatch (header 0, suites[] 2)",
  ]);
  assert.deepEqual(failureLines(r.stdout), r.report.failures);
});

test("acceptance 10: header suite_count \"two\" → rule 9 with header \"two\"; absent and \"2\" fire too", async () => {
  const suites = suitesOf(2);
  const r = await sq(sqTree(sampleReport(), dashboardWith(suites, { suite_count: "two" })));
  assert.equal(r.code, 1);
  assert.deepEqual(r.report.failures, ['suite_count header mismatch (header "two", suites[] 2)']);
  assert.equal(r.report.metrics.header_suite_count, "two");

  const quoted = await sq(sqTree(sampleReport(), dashboardWith(suites, { suite_count: "2" })));
  assert.deepEqual(quoted.report.failures, ['suite_count header mismatch (header "2", suites[] 2)']);
  const absent = dashboardWith(suites);
  delete absent.unstable_suite_count;
  const r3 = await sq(sqTree(sampleReport(), absent));
  assert.deepEqual(r3.report.failures, ["unstable_suite_count header mismatch (header null, suites[] 0)"]);
  assert.equal(r3.report.metrics.header_unstable_suite_count, null);
});

test("acceptance 11: a stable suite with failing runs is a deterministic failure; --max-deterministic-failures 1 allows it", async () => {
  const suites = [
    { suite: "a", unstable: false, fail: 5 },
    { suite: "b", unstable: false, fail: 0 },
  ];
  const root = sqTree(sampleReport(), dashboardWith(suites));
  const r = await sq(root);
  assert.equal(r.code, 1);
  assert.deepEqual(r.report.failures, ["deterministic failures exceed threshold (1 > 0): a"]);
  assert.equal(r.report.metrics.deterministic_failure_count, 1);
  const allowed = await sq(root, ["--max-deterministic-failures", "1"]);
  assert.equal(allowed.code, 0, allowed.stdout);
  assert.equal(allowed.report.thresholds.max_deterministic_failures, 1);
  // Several are listed in dashboard order; the rates ignore them.
  const many = await sq(sqTree(sampleReport(), dashboardWith([{ suite: "z", unstable: false, fail: 1 }, ...suites])));
  assert.deepEqual(many.report.failures, ["deterministic failures exceed threshold (2 > 0): z, a"]);
  assert.equal(many.report.metrics.flake_rate_pct, 0);
});

test("acceptance 12: no suites, dashboard schema v0, report without schema → rules 11, 7, 8", async () => {
  const empty = await sq(sqTree(sampleReport(), dashboardWith([])));
  assert.equal(empty.code, 1);
  assert.deepEqual(empty.report.failures, ["variance dashboard has no suites"]);
  assert.equal(empty.report.metrics.flake_rate_pct, 0);
  assert.equal(empty.report.metrics.false_positive_proxy_rate_pct, 0);

  const v0 = await sq(sqTree(sampleReport(), dashboardWith(suitesOf(2), { schema_version: "v0" })));
  assert.equal(v0.code, 1);
  assert.deepEqual(v0.report.failures, ['variance dashboard schema_version mismatch (expected sem-variance-dashboard-v1, got "v0")']);

  const report = sampleReport();
  delete report.schema;
  const noSchema = await sq(sqTree(report));
  assert.equal(noSchema.code, 1);
  assert.deepEqual(noSchema.report.failures, ["verification report schema mismatch (expected semantic-verification-report-v1, got null)"]);
  assert.deepEqual(checkStatuses(noSchema.report)[7], "SQ-REPORT-SCHEMA:fail");
});
