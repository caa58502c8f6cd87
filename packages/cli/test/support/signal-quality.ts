// Test support for `flakewarden signal-quality`: a temp tree holding the reference inputs, and
// builders for the dashboard and report variations of detector.md §8 items 1–16.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { assertNoCrash, exists, FIXTURES, readJsonFile, runCli, tempDir, write, type CliResult } from "./cli.ts";

/** The copied reference fixtures; they play the role of `$REPO/tests/fixtures/semantic_signal_quality`. */
export const SQ_FIXTURES = path.join(FIXTURES, "signal-quality");
export const SQ_NOW = "2026-03-01T00:00:00Z";
export const OUT = "out/signal_quality_report.json";
export const REPORT = "verification_report.json";
export const DASHBOARD = "variance_dashboard.json";

export function sqFixture(rel: string): any {
  return JSON.parse(fs.readFileSync(path.join(SQ_FIXTURES, rel), "utf8"));
}

export function sampleReport(overrides: Record<string, unknown> = {}): any {
  return { ...sqFixture("verification_report_sample.json"), ...overrides };
}

export interface SuiteSpec {
  suite: string;
  unstable: boolean;
  fail?: number;
}

/** A dashboard like the reference pass dashboard, with these suites and consistent headers unless overridden. */
export function dashboardWith(suites: SuiteSpec[], overrides: Record<string, unknown> = {}): any {
  const base = sqFixture("variance_dashboard_pass.json");
  return {
    ...base,
    suite_count: suites.length,
    unstable_suite_count: suites.filter((s) => s.unstable).length,
    suites: suites.map((s) => ({ suite: s.suite, unstable: s.unstable, outcomes: { fail: s.fail ?? 0 } })),
    ...overrides,
  };
}

/** `n` stable suites s1…sn; the ones listed in `unstable` (1-based) are unstable with fail 0. */
export function suitesOf(n: number, unstable: number[] = []): SuiteSpec[] {
  return Array.from({ length: n }, (_, i) => ({ suite: `s${i + 1}`, unstable: unstable.includes(i + 1), fail: 0 }));
}

/**
 * A temp dir with the reference flake/ and report_artifacts/ trees, `verification_report.json`
 * and `variance_dashboard.json` (objects as JSON, strings verbatim, null = no such file).
 */
export function sqTree(report: object | string | null = sampleReport(), dashboard: object | string | null = sqFixture("variance_dashboard_pass.json")): string {
  const root = tempDir("fw-sq-");
  fs.cpSync(path.join(SQ_FIXTURES, "flake"), path.join(root, "flake"), { recursive: true });
  fs.cpSync(path.join(SQ_FIXTURES, "report_artifacts"), path.join(root, "report_artifacts"), { recursive: true });
  if (report !== null) write(root, REPORT, report);
  if (dashboard !== null) write(root, DASHBOARD, dashboard);
  return root;
}

export interface SqResult extends CliResult {
  /** The parsed report at OUT, or null when no file is there. */
  report: any;
}

/** `signal-quality` on the tree's two inputs, output at OUT, the fixed instant. */
export async function sq(root: string, extra: string[] = [], env: Record<string, string | undefined> = {}): Promise<SqResult> {
  const r = await runCli(root, ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT, "--now", SQ_NOW, ...extra], { env });
  return { ...r, report: exists(root, OUT) ? readJsonFile(root, OUT) : null };
}

/** Exit 2 per detector.md §2.1: one `flakewarden signal-quality: …` line, empty stdout, no stack. */
export function assertUsageError(r: CliResult, line: string): void {
  assert.equal(r.code, 2, `expected exit 2, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.equal(r.stderr, `flakewarden signal-quality: ${line}\n`);
}

/** Exit 1 caused by input problems: the report is written, and stderr holds exactly those lines. */
export function assertInputFailure(r: SqResult, problems: string[]): void {
  assert.equal(r.code, 1, r.stderr);
  assertNoCrash(r);
  assert.equal(r.stderr, problems.map((p) => `flakewarden signal-quality: ${p}\n`).join(""));
  assert.ok(r.report !== null, "a failing report is written");
  assert.equal(r.report.status, "fail");
  assert.deepEqual(r.report.failures.slice(0, problems.length), problems);
  for (const p of problems) assert.ok(r.stdout.includes(`[semantic-signal-quality] failure: ${p}\n`), `stdout lists ${p}`);
}

export function failureLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("[semantic-signal-quality] failure: "))
    .map((l) => l.slice("[semantic-signal-quality] failure: ".length));
}

export function checkStatuses(report: any): string[] {
  return report.checks.map((c: any) => `${c.id}:${c.status}`);
}
