// Config validation for detect (detector.md §3.1): parse with zod, merge suite_defaults and the
// built-in defaults, then the cross-field rules zod cannot express. Returns, never throws.
import type * as z from "zod";
import { DetectorConfigInput, RESERVED_SUITE_NAMES, type SuiteDefaultsInput, type SuiteInput } from "./config-schema.ts";
import { SIGNAL_SOURCES, type ConfigIssue, type DetectorConfig, type SignalSource, type SuiteConfig } from "./types.ts";

export const DEFAULT_SKIP_PATTERNS: readonly string[] = ["^\\s*SKIP:"];

export const DEFAULT_SIGNAL_PATTERNS: Readonly<Record<SignalSource, readonly string[]>> = {
  timeout_or_deadline_pressure: ["timeout|timed out|deadline"],
  panic_path: ["panicked at|thread '.*' panicked"],
  trace_divergence: ["divergence|replay divergence|trace divergence"],
};

export const DEFAULT_TIMEOUT_S = 1800;
export const DEFAULT_SEED_ENV = "TEST_SEED";

export type ConfigValidation = { ok: true; value: DetectorConfig } | { ok: false; issues: ConfigIssue[] };

/** `["suites", 1, "command"]` → `suites[1].command`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function joinPath(base: string, key: string): string {
  return base === "" ? key : `${base}.${key}`;
}

function zodIssues(error: z.ZodError): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const where = formatIssuePath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: joinPath(where, key), message: "unknown key" });
    } else {
      out.push({ path: where, message: issue.message });
    }
  }
  return out;
}

/** The format a result file name implies (§3.1), case-insensitively, else null. */
export function inferResultFormatFromName(file: string): "junit" | "tap" | null {
  const lower = file.toLowerCase();
  if (lower.endsWith(".xml")) return "junit";
  if (lower.endsWith(".tap")) return "tap";
  return null;
}

/** A pattern as detect compiles it: JavaScript syntax, flag `i` only. */
export function compilePattern(source: string): RegExp {
  return new RegExp(source, "i");
}

function checkPatterns(where: string, settings: SuiteDefaultsInput, issues: ConfigIssue[]): void {
  const lists: [string, string[] | undefined][] = [
    ["skip_patterns", settings.skip_patterns],
    ["fail_patterns", settings.fail_patterns],
    ...SIGNAL_SOURCES.map((s): [string, string[] | undefined] => [`signal_patterns.${s}`, settings.signal_patterns?.[s]]),
  ];
  for (const [key, list] of lists) {
    (list ?? []).forEach((source, i) => {
      try {
        compilePattern(source);
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        issues.push({ path: `${joinPath(where, key)}[${i}]`, message: `invalid regular expression: ${problem}` });
      }
    });
  }
}

/** A suite's own value wins whole; else the default's; else the built-in one. */
function pick<T>(own: T | undefined, fallback: T | undefined, builtin: T): T {
  if (own !== undefined) return own;
  if (fallback !== undefined) return fallback;
  return builtin;
}

function mergeSuite(suite: SuiteInput, defaults: SuiteDefaultsInput): SuiteConfig {
  const signal = {} as Record<SignalSource, string[]>;
  for (const source of SIGNAL_SOURCES) {
    signal[source] = [...pick(suite.signal_patterns?.[source], defaults.signal_patterns?.[source], DEFAULT_SIGNAL_PATTERNS[source])];
  }
  const resultFile = pick<string | null>(suite.result_file, defaults.result_file, null);
  const explicitFormat = pick<"junit" | "tap" | null>(suite.result_format, defaults.result_format, null);
  return {
    name: suite.name,
    command: suite.command,
    cwd: pick(suite.cwd, defaults.cwd, "."),
    env: { ...defaults.env, ...suite.env },
    timeout_s: pick(suite.timeout_s, defaults.timeout_s, DEFAULT_TIMEOUT_S),
    result_file: resultFile,
    result_format: resultFile === null ? null : (explicitFormat ?? inferResultFormatFromName(resultFile)),
    witness_ids: [...pick(suite.witness_ids, defaults.witness_ids, [])],
    scenario_id: pick(suite.scenario_id, defaults.scenario_id, suite.name),
    seed_env: pick<string | null>(suite.seed_env, defaults.seed_env, DEFAULT_SEED_ENV),
    skip_patterns: [...pick(suite.skip_patterns, defaults.skip_patterns, DEFAULT_SKIP_PATTERNS)],
    fail_patterns: [...pick(suite.fail_patterns, defaults.fail_patterns, [])],
    skip_exit_codes: [...pick(suite.skip_exit_codes, defaults.skip_exit_codes, [])],
    signal_patterns: signal,
    parallel_iterations: pick(suite.parallel_iterations, defaults.parallel_iterations, false),
  };
}

/**
 * Validate the parsed config file (any JSON/YAML value). Issues come in file order, so the first
 * one is what a user fixes first; the command reports only that one.
 */
export function validateDetectorConfig(data: unknown): ConfigValidation {
  const parsed = DetectorConfigInput.safeParse(data);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const input = parsed.data;
  const issues: ConfigIssue[] = [];
  const defaults = input.suite_defaults ?? {};
  checkPatterns("suite_defaults", defaults, issues);
  if (input.suites === undefined) issues.push({ path: "suites", message: "required" });
  else if (input.suites.length === 0) issues.push({ path: "suites", message: "expected at least one suite" });
  const suites: SuiteConfig[] = [];
  const seen = new Set<string>();
  (input.suites ?? []).forEach((raw, i) => {
    const where = `suites[${i}]`;
    if (RESERVED_SUITE_NAMES.includes(raw.name)) issues.push({ path: `${where}.name`, message: `'${raw.name}' is reserved for a run file` });
    if (seen.has(raw.name)) issues.push({ path: `${where}.name`, message: `duplicate suite name '${raw.name}'` });
    seen.add(raw.name);
    checkPatterns(where, raw, issues);
    const suite = mergeSuite(raw, defaults);
    if (suite.result_file !== null && suite.result_format === null) {
      issues.push({
        path: `${where}.result_format`,
        message: `required: the format of result_file '${suite.result_file}' cannot be inferred (use junit or tap)`,
      });
    }
    if (suite.parallel_iterations && suite.result_file !== null && suite.result_file !== "-" && !suite.result_file.includes("{iteration}")) {
      issues.push({ path: `${where}.result_file`, message: "must contain {iteration} when parallel_iterations is true" });
    }
    suites.push(suite);
  });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      out_dir: input.out_dir ?? null,
      iterations: input.iterations ?? null,
      seed: input.seed ?? null,
      duration_threshold_pct: input.duration_threshold_pct ?? null,
      warmup_runs: input.warmup_runs ?? null,
      duration_floor_ms: input.duration_floor_ms ?? null,
      suites,
    },
  };
}
