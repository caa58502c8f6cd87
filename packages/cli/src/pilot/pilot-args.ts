// Flags of the two pilot subcommands (pilot.md §2.1–§2.3). The other subcommand's flags are
// parsed too, so giving one is a usage error that names the right subcommand, not "unknown".
import { parseFlags, stringFlag, type OptionSpecs, type Parsed } from "../args.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";

export const EVALUATE_OPTIONS = {
  "telemetry-input": { type: "string", nonEmpty: true },
  "telemetry-output": { type: "string", nonEmpty: true },
  "telemetry-log-output": { type: "string", nonEmpty: true },
  policy: { type: "string", nonEmpty: true },
  "allow-empty": { type: "boolean" },
  now: { type: "string" },
} as const satisfies OptionSpecs;

export const COHORT_OPTIONS = {
  input: { type: "string", nonEmpty: true },
  output: { type: "string", nonEmpty: true },
  "log-output": { type: "string", nonEmpty: true },
  now: { type: "string" },
} as const satisfies OptionSpecs;

/**
 * Unknown flags and flags without a value, checked before node:util parseArgs so the line has
 * the pilot form `<flag>: <problem>`.
 */
function precheck(argv: readonly string[], specs: OptionSpecs): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-") continue;
    const name = arg.startsWith("--") ? arg.slice(2).split("=")[0]! : "";
    const flag = arg.split("=")[0]!;
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) throw new UserError(MSG.pilotUnknownOption(flag));
    if (spec.type === "boolean" && arg.includes("=")) throw new UserError(MSG.pilotNoValue(flag));
    if (spec.type === "string" && !arg.includes("=")) {
      if (i + 1 >= argv.length) throw new UserError(MSG.pilotMissingValue(flag));
      i += 1;
    }
  }
}

/** Parse a pilot subcommand's argv; a flag of the other subcommand is a usage error. */
export function parsePilotFlags(argv: string[], own: OptionSpecs, foreign: OptionSpecs, foreignCommand: string): Parsed {
  const all: OptionSpecs = { ...foreign, ...own };
  precheck(argv, all);
  const parsed = parseFlags(argv, all);
  for (const name of Object.keys(foreign)) {
    if (Object.hasOwn(own, name)) continue;
    if (parsed.values[name] !== undefined) throw new UserError(MSG.pilotWrongSubcommand(`--${name}`, foreignCommand));
  }
  return parsed;
}

export function requiredFlag(parsed: Parsed, name: string): string {
  const value = stringFlag(parsed, name);
  if (value === undefined) throw new UserError(MSG.pilotRequired(`--${name}`));
  return value;
}
