// The detector's data model (detector.md §3–§4, §7). This file is the contract between the
// pure core (classification, fingerprints, dashboard assembly), packages/forensics (running
// suites, parsing result files) and the detect / merge / ingest commands.

export type RunStatus = "pass" | "fail" | "skip";

/** §4.3 `kind`, in the table's precedence order. */
export const RUN_KINDS = [
  "spawn_error",
  "timeout",
  "signal",
  "fail_pattern",
  "skip_exit_code",
  "exit_nonzero",
  "result_missing",
  "result_invalid",
  "bail_out",
  "test_failures",
  "no_tests",
  "all_tests_skipped",
  "skip_pattern",
  "none",
] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** Status of one test case inside one run's result file (§7.1). */
export type CaseStatus = "pass" | "fail" | "skip" | "flaky";

export interface TestCase {
  /** Raw id as the result file gives it; repeated ids already suffixed `#2`, `#3`, … (§7.1). */
  id: string;
  status: CaseStatus;
}

/**
 * What a result parser (packages/forensics) makes of one JUnit or TAP input.
 * `invalid` carries the 1-based line and the parser's column (§7.1).
 */
export type ParsedResult =
  | {
      kind: "junit" | "tap";
      cases: TestCase[];
      bailOut: string | null;
      durationMs: number | null;
      /**
       * The same duration as an exact decimal of milliseconds (e.g. "1234.5"), present when
       * durationMs is non-null: ingest sums a suite's files exactly before flooring (§7.5).
       */
      durationMsExact?: string;
    }
  | {
      kind: "invalid";
      format: "junit" | "tap";
      line: number;
      column: number;
      problem: string;
      /** Set for a well-formed TAP stream whose plan disagrees with its test points: a failed run, not a malformed file (§7.5). */
      planMismatch?: true;
    };

/** The result side of one run, as classification sees it. */
export type RunResult =
  | { kind: "none" } // no result_file configured
  | { kind: "missing"; path: string } // configured, not produced (path as configured, substituted)
  | ParsedResult;

/** §3.1 signal_patterns sources, in output order. */
export const SIGNAL_SOURCES = ["timeout_or_deadline_pressure", "panic_path", "trace_divergence"] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** A suite after config validation: suite_defaults merged, built-in defaults applied, tokens NOT substituted. */
export interface SuiteConfig {
  name: string;
  command: string[] | string;
  cwd: string;
  env: Record<string, string>;
  timeout_s: number;
  result_file: string | null;
  result_format: "junit" | "tap" | null;
  witness_ids: string[];
  scenario_id: string;
  seed_env: string | null;
  skip_patterns: string[];
  fail_patterns: string[];
  skip_exit_codes: number[];
  signal_patterns: Record<SignalSource, string[]>;
  parallel_iterations: boolean;
}

/** Everything measured about one finished run (one unit of the plan), before classification. */
export interface RunObservation {
  iteration: number;
  /** `could not start` reason, or null when the process started. */
  spawnError: string | null;
  timedOut: boolean;
  /** e.g. "SIGKILL" when the child was killed by a signal (not by our timeout), else null. */
  signal: string | null;
  exitCode: number | null;
  /** The run log's text (stdout and stderr interleaved), for fail/skip/signal patterns. */
  logText: string;
  result: RunResult;
  /** Monotonic spawn→exit time in ns as decimal digits, or null (ingest). */
  durationNs: string | null;
  /** Wall-clock ns at exit as decimal digits (§4.2 step 5), or null (ingest). */
  endedAtNs: string | null;
  /**
   * Whole milliseconds when known without a nanosecond count (ingest: the result file's time,
   * §7.5). Absent: duration_ms = floor(durationNs / 10^6).
   */
  durationMs?: number | null;
  /** §4.2 repro command ("" for ingest). */
  reproCommand: string;
  /** Log path relative to the run directory (ingest: the input path as given). */
  log: string;
  /** Copied result file relative to the run directory, or null. */
  resultCopy: string | null;
  /** Shard index that ran it, or null when not sharded. */
  shard: number | null;
  /** hex SHA-256 of the log bytes (ingest: of the input file), for events' artifact_hash. */
  artifactHash: string;
}

/** §3.4 `runs[]` record, keys in output order. */
export interface RunRecord {
  iteration: number;
  status: RunStatus;
  kind: RunKind;
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  warmup: boolean;
  duration_ms: number | null;
  duration_ns: string | null;
  ended_at_ns: string | null;
  fingerprint: string;
  repro_command: string;
  log: string;
  result: string | null;
  tests: { total: number; pass: number; fail: number; skip: number; flaky: number } | null;
  signals: SignalSource[];
  failure_detail: string | null;
  shard: number | null;
}

/** What test-id normalisation (§4.5) needs to know about the machine; passed in, never read by core. */
export interface NormalizeContext {
  /** Absolute run directory. */
  runDir: string;
  /** The suite's absolute cwd. */
  cwd: string;
  /** os.homedir(); ignored when "/" or empty. */
  home: string;
  /** os.tmpdir() and its realpath (may be equal). */
  tmpDirs: string[];
}

/** Hashing is passed in: core does not import node:crypto. Returns lowercase hex SHA-256 of the UTF-8 text. */
export type Sha256 = (text: string) => string;

// ---- Added by the detect implementation (additive). ----

/** Validated detector config (§3.1): top-level flag defaults (null = not set) and the merged suites. */
export interface DetectorConfig {
  out_dir: string | null;
  iterations: number | null;
  seed: number | null;
  duration_threshold_pct: number | null;
  warmup_runs: number | null;
  duration_floor_ms: number | null;
  suites: SuiteConfig[];
}

/** One config problem: `path` in the `suites[1].command` form ("" for the whole file). */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type ShardBy = "suite" | "iteration";

/** `--shard i/n` with `--shard-by` (§7.4). */
export interface ShardSpec {
  index: number;
  count: number;
  by: ShardBy;
}

/** One unit of the plan: a suite's iteration (§4.1). */
export interface PlanUnit {
  suite: string;
  iteration: number;
}

/** Test-case statistics of one run (§3.4 `tests`). */
export interface RunTestCounts {
  total: number;
  pass: number;
  fail: number;
  skip: number;
  flaky: number;
}

/**
 * A run after classification: the §3.4 record plus what assembly needs besides it.
 * `cases` = the parsed test cases (document order), null when the run has no parseable results
 * (no result file configured, missing, invalid); it feeds the per-test traces (§7.2).
 */
export interface ClassifiedRun {
  record: RunRecord;
  cases: TestCase[] | null;
  /** hex SHA-256 for the events' artifact_hash. */
  artifactHash: string;
}

/** Per-test trace entry over a suite's iterations (§7.2). */
export type TraceEntry = CaseStatus | "missing" | "unknown" | null;
