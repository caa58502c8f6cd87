// Status of one run (detector.md §4.3), its informational signals (§4.4) and its fingerprint
// (§4.5): one observation in, one §3.4 record out. Used by detect, and by ingest with an
// observation that has no process side (exit code null, empty log).
import { fingerprint } from "./fingerprint.ts";
import type { TestIdNormalizer } from "./normalize-test-id.ts";
import { compilePattern } from "./validate-config.ts";
import {
  SIGNAL_SOURCES,
  type ClassifiedRun,
  type RunKind,
  type RunObservation,
  type RunRecord,
  type RunStatus,
  type RunTestCounts,
  type Sha256,
  type SignalSource,
  type SuiteConfig,
  type TestCase,
} from "./types.ts";

/** The parts of a suite's config that decide a run's status. */
export interface RunRules {
  suite: string;
  /** Seconds, for the `timed out after <s>s` detail. */
  timeoutS: number;
  /** Whether a result file (or "-") is configured: rows 7–12 apply, row 13 does not. */
  resultConfigured: boolean;
  failPatterns: readonly string[];
  skipPatterns: readonly string[];
  skipExitCodes: readonly number[];
  signalPatterns: Readonly<Record<SignalSource, readonly string[]>>;
}

export function runRulesOf(suite: SuiteConfig): RunRules {
  return {
    suite: suite.name,
    timeoutS: suite.timeout_s,
    resultConfigured: suite.result_file !== null,
    failPatterns: suite.fail_patterns,
    skipPatterns: suite.skip_patterns,
    skipExitCodes: suite.skip_exit_codes,
    signalPatterns: suite.signal_patterns,
  };
}

/**
 * Rules for a run known only by its result file (ingest, §7.5): no patterns, no exit codes, so
 * only the result rows of §4.3 can apply.
 */
export function resultOnlyRules(suite: string): RunRules {
  return {
    suite,
    timeoutS: 0,
    resultConfigured: true,
    failPatterns: [],
    skipPatterns: [],
    skipExitCodes: [],
    signalPatterns: { timeout_or_deadline_pressure: [], panic_path: [], trace_divergence: [] },
  };
}

export interface ClassifyOptions {
  warmupRuns: number;
  /** Normalises test ids for the fingerprint (built once per suite from a NormalizeContext). */
  normalizeId: TestIdNormalizer;
  sha256: Sha256;
}

/** Log lines with their `\n` / `\r\n` endings removed. */
export function logLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/** The first pattern (config order) that matches some line, else null. */
function firstMatchingPattern(patterns: readonly string[], lines: readonly string[]): string | null {
  for (const source of patterns) {
    const re = compilePattern(source);
    if (lines.some((line) => re.test(line))) return source;
  }
  return null;
}

/** Duration in whole ms (floor of ns / 10^6) from decimal digits. */
export function floorMs(ns: string | null): number | null {
  if (ns === null) return null;
  return Number(BigInt(ns) / 1_000_000n);
}

function testCounts(cases: readonly TestCase[]): RunTestCounts {
  const counts: RunTestCounts = { total: cases.length, pass: 0, fail: 0, skip: 0, flaky: 0 };
  for (const c of cases) counts[c.status] += 1;
  return counts;
}

interface Verdict {
  status: RunStatus;
  kind: RunKind;
  detail: string | null;
}

function statusOf(obs: RunObservation, rules: RunRules, lines: readonly string[]): Verdict {
  const fail = (kind: RunKind, detail: string): Verdict => ({ status: "fail", kind, detail });
  const skip = (kind: RunKind, detail: string): Verdict => ({ status: "skip", kind, detail });
  if (obs.spawnError !== null) return fail("spawn_error", `could not start: ${obs.spawnError}`);
  if (obs.timedOut) return fail("timeout", `timed out after ${rules.timeoutS}s`);
  if (obs.signal !== null) return fail("signal", `killed by ${obs.signal}`);
  const failPattern = firstMatchingPattern(rules.failPatterns, lines);
  if (failPattern !== null) return fail("fail_pattern", `output matched fail pattern ${failPattern}`);
  if (obs.exitCode !== null && rules.skipExitCodes.includes(obs.exitCode)) return skip("skip_exit_code", `skip exit code ${obs.exitCode}`);
  if (obs.exitCode !== null && obs.exitCode !== 0) return fail("exit_nonzero", `exit status ${obs.exitCode}`);
  const result = obs.result;
  if (result.kind === "missing") return fail("result_missing", `result file not produced: ${result.path}`);
  if (result.kind === "invalid") return fail("result_invalid", `result file invalid: ${result.line}:${result.column} ${result.problem}`);
  if (result.kind === "junit" || result.kind === "tap") {
    if (result.bailOut !== null) return fail("bail_out", `bail out: ${result.bailOut}`);
    const failing = result.cases.filter((c) => c.status === "fail");
    if (failing.length > 0) {
      const first = failing.slice(0, 3).map((c) => c.id);
      return fail("test_failures", `${failing.length} failing test(s): ${first.join(", ")}`);
    }
    if (result.cases.length === 0) return skip("no_tests", "no tests ran");
    if (result.cases.every((c) => c.status === "skip")) return skip("all_tests_skipped", `all ${result.cases.length} tests skipped`);
  }
  if (!rules.resultConfigured && firstMatchingPattern(rules.skipPatterns, lines) !== null) return skip("skip_pattern", "skip marker in output");
  return { status: "pass", kind: "none", detail: null };
}

/** §4.4: only failing runs are scanned; a timeout always counts as deadline pressure. */
function signalsOf(obs: RunObservation, status: RunStatus, rules: RunRules, lines: readonly string[]): SignalSource[] {
  if (status !== "fail") return [];
  return SIGNAL_SOURCES.filter(
    (source) =>
      (source === "timeout_or_deadline_pressure" && obs.timedOut) ||
      rules.signalPatterns[source].some((p) => {
        const re = compilePattern(p);
        return lines.some((line) => re.test(line));
      }),
  );
}

export function classifyRun(obs: RunObservation, rules: RunRules, options: ClassifyOptions): ClassifiedRun {
  const lines = logLines(obs.logText);
  const verdict = statusOf(obs, rules, lines);
  const parsed = obs.result.kind === "junit" || obs.result.kind === "tap" ? obs.result : null;
  const cases = parsed === null ? null : parsed.cases;
  const print = fingerprint(
    {
      suite: rules.suite,
      status: verdict.status,
      kind: verdict.kind,
      results: obs.result.kind,
      cases: (cases ?? []).map((c) => ({ id: options.normalizeId(c.id), status: c.status })),
    },
    options.sha256,
  );
  const record: RunRecord = {
    iteration: obs.iteration,
    status: verdict.status,
    kind: verdict.kind,
    exit_code: obs.exitCode,
    signal: obs.signal,
    timed_out: obs.timedOut,
    warmup: obs.iteration <= options.warmupRuns,
    duration_ms: obs.durationMs !== undefined ? obs.durationMs : floorMs(obs.durationNs),
    duration_ns: obs.durationNs,
    ended_at_ns: obs.endedAtNs,
    fingerprint: print,
    repro_command: obs.reproCommand,
    log: obs.log,
    result: obs.resultCopy,
    tests: cases === null ? null : testCounts(cases),
    signals: signalsOf(obs, verdict.status, rules, lines),
    failure_detail: verdict.detail,
    shard: obs.shard,
  };
  return { record, cases, artifactHash: obs.artifactHash };
}
