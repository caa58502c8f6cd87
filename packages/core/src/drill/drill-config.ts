// The `drill:` config section (forensics.md §3.1). Shape is checked by zod; the rules that span
// fields (placeholders, probe substitutions, unique ids) by validateDrillConfig, which returns
// problems instead of throwing.
import * as z from "zod";
import { ReplaceRuleConfig } from "../reactivate/config.ts";

/** A JSON value read exactly: an integer beyond 2^53 already lost digits in the config reader. */
function exactNumbers(value: unknown): boolean {
  if (typeof value === "number") return !Number.isInteger(value) || Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(exactNumbers);
  if (typeof value === "object" && value !== null) return Object.values(value).every(exactNumbers);
  return true;
}

const ExactJson = z.json().refine(exactNumbers, { error: "an integer beyond 2^53 cannot be read exactly; write it as a string" });

function validRegex(flags: string) {
  return (pattern: string): boolean => {
    try {
      new RegExp(pattern, flags);
      return true;
    } catch {
      return false;
    }
  };
}

const Regex = z.string().min(1).refine(validRegex("i"), { error: "invalid regular expression" });

export const DRILL_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const DrillProbeConfig = z.strictObject({
  id: z.string().min(1).default("MISSING-FIXTURE-PROBE"),
  argv: z.array(z.string()).min(1).optional(),
  command: z.string().min(1).optional(),
  substitute: z.record(z.string().min(1), z.string()).optional(),
  missing_path: z.string().min(1).optional(),
  expect_output: Regex.optional(),
});
export type DrillProbeConfig = z.infer<typeof DrillProbeConfig>;

export const DrillScenarioConfig = z.strictObject({
  id: z.string().regex(DRILL_ID_RE, { error: "must match ^[A-Za-z0-9][A-Za-z0-9._-]*$" }),
  argv: z.array(z.string()).min(1).optional(),
  command: z.string().min(1).optional(),
  cwd: z.string().min(1).default("."),
  env: z.record(z.string(), z.string()).default({}),
  result: z.union([z.literal("stdout"), z.strictObject({ file: z.string().min(1) })]).default("stdout"),
  payload_match: z.record(z.string().min(1), ExactJson).default({}),
  success_exit_codes: z.union([z.array(z.number().int()), z.literal("any")]).default([0]),
  fail_patterns: z.array(Regex).default([]),
  certificate_fields: z.array(z.string().min(1)).optional(),
  ignore_keys: z.array(z.string().min(1)).optional(),
  replace: z.array(ReplaceRuleConfig).default([]),
  expect: z.record(z.string().min(1), ExactJson).default({}),
  trace_pointer: z.string().min(1).optional(),
  probe: DrillProbeConfig,
});
export type DrillScenarioConfig = z.infer<typeof DrillScenarioConfig>;

const SeedValue = z.union([z.string(), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

export const DrillConfig = z.strictObject({
  suite_id: z.string().min(1).default("incident_forensics_e2e"),
  scenario_id: z.string().min(1).default("E2E-SUITE-INCIDENT-FORENSICS"),
  seed: SeedValue.optional(),
  runs: z.number().int().optional(),
  out_dir: z.string().min(1).optional(),
  attempts: z.number().int().min(1).default(3),
  timeout_s: z.number().positive().default(240),
  retry_delay_ms: z.number().int().min(0).default(1000),
  scenarios: z.array(DrillScenarioConfig).min(1),
});
export type DrillConfig = z.infer<typeof DrillConfig>;

export const DRILL_PLACEHOLDERS = ["seed", "seed_hex", "run", "run_dir", "artifact_dir", "root", "scenario_id"] as const;
const PLACEHOLDER_RE = /\{[a-z_]+\}/g;

/** Tokens that look like placeholders but are not ones we expand. */
export function unknownPlaceholders(template: string): string[] {
  return (template.match(PLACEHOLDER_RE) ?? []).filter((t) => !(DRILL_PLACEHOLDERS as readonly string[]).includes(t.slice(1, -1)));
}

/** Replace every known placeholder; other braces stay literal. */
export function expandPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER_RE, (token) => values[token.slice(1, -1)] ?? token);
}

/** Cross-field rules of §3.1, as `<json path>: <problem>` lines (empty when valid). */
export function validateDrillConfig(config: DrillConfig): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  config.scenarios.forEach((s, i) => {
    const at = `drill.scenarios[${i}]`;
    if (seen.has(s.id)) problems.push(`${at}.id: duplicate scenario id ${JSON.stringify(s.id)}`);
    seen.add(s.id);
    if ((s.argv === undefined) === (s.command === undefined)) problems.push(`${at}: exactly one of argv or command is required`);
    const templates: [string, string][] = [];
    s.argv?.forEach((a, j) => templates.push([`${at}.argv[${j}]`, a]));
    if (typeof s.result === "object") templates.push([`${at}.result.file`, s.result.file]);
    if (s.trace_pointer !== undefined) templates.push([`${at}.trace_pointer`, s.trace_pointer]);
    const p = s.probe;
    const kinds = [p.argv, p.command, p.substitute].filter((v) => v !== undefined).length;
    if (kinds !== 1) problems.push(`${at}.probe: exactly one of argv, command or substitute is required`);
    p.argv?.forEach((a, j) => templates.push([`${at}.probe.argv[${j}]`, a]));
    if (p.missing_path !== undefined) templates.push([`${at}.probe.missing_path`, p.missing_path]);
    for (const [from, to] of Object.entries(p.substitute ?? {})) {
      templates.push([`${at}.probe.substitute.${from}`, to]);
      const haystack = s.argv ?? (s.command === undefined ? [] : [s.command]);
      if (!haystack.some((h) => h.includes(from))) problems.push(`${at}.probe.substitute: ${JSON.stringify(from)} occurs nowhere in the scenario's command`);
    }
    for (const [where, text] of templates) {
      for (const token of unknownPlaceholders(text)) problems.push(`${where}: unknown placeholder ${token}`);
    }
  });
  return problems;
}

/**
 * The probe's command: its own, or the scenario's with substitutions. Replacement texts are
 * expanded with `values` first, since a command string itself is never expanded later.
 */
export function probeCommand(s: DrillScenarioConfig, values: Readonly<Record<string, string>> = {}): { argv: string[] } | { command: string } {
  const p = s.probe;
  if (p.argv !== undefined) return { argv: p.argv };
  if (p.command !== undefined) return { command: p.command };
  const swap = (text: string): string => Object.entries(p.substitute ?? {}).reduce((acc, [from, to]) => acc.split(from).join(expandPlaceholders(to, values)), text);
  return s.argv !== undefined ? { argv: s.argv.map(swap) } : { command: swap(s.command ?? "") };
}
