// The two inputs of `signal-quality` (detector.md §3.7): only the fields the rules read are
// checked, everything else is ignored (and stripped). Null counts as absent, as everywhere in the
// product. A file that cannot be trusted becomes problem strings, never an exception.
import * as z from "zod";
import { toCompactJson } from "../canonical-json.ts";
import { cutCodePoints, escapeControls } from "../format.ts";
import type { LoadedJson } from "../loaded-input.ts";

export const VERIFICATION_REPORT_SCHEMA = "semantic-verification-report-v1";
export const VARIANCE_DASHBOARD_SCHEMA = "sem-variance-dashboard-v1";

const AN_OBJECT = { error: "expected an object" };
const A_STRING = { error: "expected a string" };
const A_BOOLEAN = { error: "expected a boolean" };
const AN_ARRAY = { error: "expected an array" };
const NUMBER_GE0 = { error: "expected a finite number >= 0" };
const INTEGER_GE0 = { error: "expected an integer >= 0" };

export const SignalVerificationReport = z
  .object(
    {
      schema: z.string(A_STRING).nullish().meta({ description: "must be semantic-verification-report-v1 (rule 8)" }),
      profile: z.string(A_STRING).nullish().meta({ description: "runner profile; absent = unknown" }),
      total_duration_s: z.number(NUMBER_GE0).min(0, NUMBER_GE0).nullish().meta({ description: "runtime ratio numerator; absent = 0" }),
      profile_contract: z
        .object(
          {
            // Any value: a budget that is not a positive finite number fails rule 3 instead.
            runtime_budget_s: z.unknown().optional().meta({ description: "runtime budget in seconds" }),
            required_artifacts: z.array(z.string(A_STRING), AN_ARRAY).nullish().meta({ description: "file names under the report dir (rule 4)" }),
          },
          AN_OBJECT,
        )
        .nullish(),
      report_dir: z.string(A_STRING).nullish().meta({ description: "artifact base; relative to the report's directory" }),
    },
    AN_OBJECT,
  )
  .meta({ title: VERIFICATION_REPORT_SCHEMA, description: "verification report fields read by signal-quality" });
export type SignalVerificationReport = z.infer<typeof SignalVerificationReport>;

export const SignalDashboardSuite = z.object(
  {
    suite: z.string(A_STRING),
    unstable: z.boolean(A_BOOLEAN),
    outcomes: z.object({ fail: z.int(INTEGER_GE0).min(0, INTEGER_GE0).nullish() }, AN_OBJECT).nullish(),
  },
  AN_OBJECT,
);

export const SignalDashboard = z
  .object(
    {
      // Header values are only compared with what suites[] gives, so any JSON value is accepted.
      schema_version: z.unknown().optional(),
      suite_count: z.unknown().optional(),
      unstable_suite_count: z.unknown().optional(),
      suites: z.array(SignalDashboardSuite, AN_ARRAY),
      artifacts: z
        .object({ variance_events_ndjson: z.string(A_STRING).nullish(), summary: z.string(A_STRING).nullish() }, AN_OBJECT)
        .nullish(),
    },
    AN_OBJECT,
  )
  .meta({ title: VARIANCE_DASHBOARD_SCHEMA, description: "variance dashboard fields read by signal-quality" });
export type SignalDashboard = z.infer<typeof SignalDashboard>;

/** A loaded input: the checked fields plus the raw object (rerun commands read a few more fields). */
export interface UsableInput<T> {
  value: T;
  raw: Record<string, unknown>;
}

/** Type problems listed per file; a thoroughly wrong file would otherwise flood the report. */
const MAX_TYPE_PROBLEMS = 10;

/** `$.suites[1].unstable`: the JSON path notation the failures use. */
function jsonPathOf(path: readonly PropertyKey[]): string {
  let out = "$";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return cutCodePoints(escapeControls(toCompactJson(value) ?? String(value)), 60);
}

/** Existence problems come first (loading order), then parse problems, then type problems. */
function existenceProblem(input: LoadedJson, what: "verification report" | "variance dashboard"): string | null {
  return input.kind === "missing" ? `${what} not found: ${input.path}` : null;
}

function parseProblem(input: LoadedJson): string | null {
  if (input.kind === "invalid-json") return `${input.path}: invalid JSON at line ${input.line} column ${input.column}`;
  if (input.kind === "unreadable") return `${input.path}: cannot read: ${input.cause}`;
  return null;
}

interface TypeCheck<T> {
  usable: UsableInput<T> | null;
  problems: string[];
}

/** Check a parsed file against its read-fields schema. Only meaningful for `kind: "json"`. */
function typeCheck<T>(input: LoadedJson, schema: z.ZodType<T>): TypeCheck<T> {
  if (input.kind !== "json") return { usable: null, problems: [] };
  const parsed = schema.safeParse(input.value, { reportInput: true });
  if (parsed.success) return { usable: { value: parsed.data, raw: input.value as Record<string, unknown> }, problems: [] };
  const issues = parsed.error.issues;
  const problems = issues
    .slice(0, MAX_TYPE_PROBLEMS)
    .map((issue) => `${input.path}: ${jsonPathOf(issue.path)}: ${issue.message} (got ${describeValue(issue.input)})`);
  if (issues.length > MAX_TYPE_PROBLEMS) problems.push(`${input.path}: ${issues.length - MAX_TYPE_PROBLEMS} more type problems not listed`);
  return { usable: null, problems };
}

/** Both files as the rules may use them, plus the input problems in loading order. */
export interface SignalQualityFiles {
  /** The verification report; its `path` is --report as given. */
  report: LoadedJson;
  /** The variance dashboard; its `path` is --dashboard as given. */
  dashboard: LoadedJson;
}

export interface CheckedSignalQualityFiles {
  report: UsableInput<SignalVerificationReport> | null;
  dashboard: UsableInput<SignalDashboard> | null;
  problems: string[];
}

/** Loading order of §4.10: existence, then parsing, then types; the report before the dashboard each time. */
export function checkSignalQualityFiles(files: SignalQualityFiles): CheckedSignalQualityFiles {
  const report = typeCheck(files.report, SignalVerificationReport);
  const dashboard = typeCheck(files.dashboard, SignalDashboard);
  const problems = [
    existenceProblem(files.report, "verification report"),
    existenceProblem(files.dashboard, "variance dashboard"),
    parseProblem(files.report),
    parseProblem(files.dashboard),
    ...report.problems,
    ...dashboard.problems,
  ].filter((p): p is string => p !== null);
  return { report: report.usable, dashboard: dashboard.usable, problems };
}
