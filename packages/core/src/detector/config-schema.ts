// The detector's part of flakewarden.yaml / flakewarden.json (detector.md §3.1) as zod schemas.
// Suite keys carry no defaults here: merging with suite_defaults must know which keys a suite
// wrote itself, so built-in defaults are applied afterwards (validate-config.ts).
import * as z from "zod";

/** An issue message that says "required" when the key is absent, else the given text. */
function expected(text: string): (issue: { input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? "required" : text);
}

export const SUITE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Names that would collide with the run directory's own files. */
export const RESERVED_SUITE_NAMES: readonly string[] = ["variance_dashboard.json", "variance_events.ndjson", "summary.txt"];

const NonEmpty = (text = "expected a non-empty string") => z.string({ error: expected(text) }).min(1, { error: text });

const StringList = (text: string) => z.array(z.string({ error: text }), { error: expected(text) });

function isCommand(value: unknown): value is string | string[] {
  if (typeof value === "string") return value.length > 0;
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string") && value[0] !== "";
}

/** argv array (spawned directly) or one string (run by `sh -c` as written). */
export const SuiteCommand = z
  .custom<string | string[]>(isCommand, { error: expected("expected a non-empty string or array of strings") })
  .meta({ description: "argv array, spawned directly, or a string run by sh -c exactly as written" });

const ENV_NAME = /^[^=\0]+$/;

const PATTERNS_TEXT = "expected an array of regular expressions (strings)";

export const SignalPatternsInput = z
  .strictObject(
    {
      timeout_or_deadline_pressure: StringList(PATTERNS_TEXT).optional(),
      panic_path: StringList(PATTERNS_TEXT).optional(),
      trace_divergence: StringList(PATTERNS_TEXT).optional(),
    },
    { error: expected("expected a mapping of signal sources to pattern arrays") },
  )
  .meta({ description: "informational log signals of failing runs; unset sources keep the built-in patterns" });

/** Every suite key except name/command: what suite_defaults may set. */
const SUITE_SETTINGS = {
  cwd: NonEmpty().optional().meta({ description: "working directory, relative to the project root (default .)" }),
  env: z
    .record(
      z.string().regex(ENV_NAME, { error: "expected an environment variable name" }),
      z.string({ error: "expected a string value" }),
      { error: expected("expected a mapping of strings to strings") },
    )
    .optional()
    .meta({ description: "added to the inherited environment; tokens substituted" }),
  timeout_s: z
    .number({ error: expected("expected a number > 0") })
    .positive({ error: "expected a number > 0" })
    .optional()
    .meta({ description: "per-run timeout in seconds (default 1800)" }),
  result_file: z
    .string({ error: expected("expected a non-empty string or null") })
    .min(1, { error: "expected a non-empty string or null" })
    .nullable()
    .optional()
    .meta({ description: "JUnit/TAP file the suite writes, relative to cwd; '-' parses the run log" }),
  result_format: z
    .enum(["junit", "tap"], { error: expected('expected "junit" or "tap"') })
    .nullable()
    .optional()
    .meta({ description: "inferred from .xml / .tap when absent" }),
  witness_ids: StringList("expected an array of strings").optional(),
  scenario_id: NonEmpty().optional().meta({ description: "defaults to the suite name" }),
  seed_env: z
    .string({ error: expected("expected an environment variable name or null") })
    .regex(ENV_NAME, { error: "expected an environment variable name or null" })
    .nullable()
    .optional()
    .meta({ description: "environment variable receiving the seed (default TEST_SEED); null sets none" }),
  skip_patterns: StringList(PATTERNS_TEXT).optional(),
  fail_patterns: StringList(PATTERNS_TEXT).optional(),
  skip_exit_codes: z
    .array(z.int({ error: "expected an integer" }), { error: expected("expected an array of integers") })
    .optional(),
  signal_patterns: SignalPatternsInput.optional(),
  parallel_iterations: z
    .boolean({ error: expected("expected true or false") })
    .optional()
    .meta({ description: "iterations may overlap; result_file must then contain {iteration}" }),
};

export const SuiteDefaultsInput = z.strictObject(SUITE_SETTINGS, { error: expected("expected a mapping") });
export type SuiteDefaultsInput = z.infer<typeof SuiteDefaultsInput>;

export const SuiteInput = z.strictObject(
  {
    name: z
      .string({ error: expected("expected a suite name") })
      .regex(SUITE_NAME_PATTERN, { error: "expected a name matching ^[A-Za-z0-9][A-Za-z0-9._-]*$" }),
    command: SuiteCommand,
    ...SUITE_SETTINGS,
  },
  { error: expected("expected a mapping") },
);
export type SuiteInput = z.infer<typeof SuiteInput>;

const intText = (min: number, max?: number): string =>
  max === undefined ? `expected an integer >= ${min}` : `expected an integer between ${min} and ${max}`;

/**
 * The whole file as detect reads it. The sections other commands own are accepted here without
 * being looked into: those commands validate them.
 */
export const DetectorConfigInput = z
  .strictObject(
    {
      out_dir: NonEmpty().optional().meta({ description: "output directory (default target/semantic-verification/flake)" }),
      iterations: z
        .int({ error: expected(intText(2, 10000)) })
        .min(2, { error: intText(2, 10000) })
        .max(10000, { error: intText(2, 10000) })
        .optional(),
      seed: z
        .int({ error: expected(intText(0, Number.MAX_SAFE_INTEGER)) })
        .min(0, { error: intText(0, Number.MAX_SAFE_INTEGER) })
        .optional(),
      duration_threshold_pct: z
        .number({ error: expected("expected a number >= 0") })
        .min(0, { error: "expected a number >= 0" })
        .optional(),
      warmup_runs: z.int({ error: expected(intText(0)) }).min(0, { error: intText(0) }).optional(),
      duration_floor_ms: z.int({ error: expected(intText(0)) }).min(0, { error: intText(0) }).optional(),
      suite_defaults: SuiteDefaultsInput.optional(),
      suites: z.array(SuiteInput, { error: expected("expected an array of suites") }).optional(),
      quarantine: z.unknown().optional(),
      drill: z.unknown().optional(),
      reactivate: z.unknown().optional(),
      incident: z.unknown().optional(),
      rollback: z.unknown().optional(),
      playbook: z.unknown().optional(),
    },
    { error: expected("expected a mapping") },
  )
  .meta({ title: "flakewarden config (detect)", description: "detect's keys of flakewarden.yaml / flakewarden.json" });
export type DetectorConfigInput = z.infer<typeof DetectorConfigInput>;
