// Flag parsing: node:util parseArgs (identical under Node and Deno), with our own messages.
import { parseArgs } from "node:util";
import { UserError } from "./errors.ts";
import { MSG } from "./messages.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  /** Allowed values for enum-like string options. */
  choices?: readonly string[];
  /** Path-like options must not be empty. */
  nonEmpty?: boolean;
  /** Repeatable string option (e.g. detect's `--suite`): its value is every occurrence, in order. */
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseFlags(argv: string[], specs: OptionSpecs, maxPositionals = 0): Parsed {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = spec.multiple === true ? { type: spec.type, multiple: true } : { type: spec.type };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: joinNegativeNumbers(argv, specs), options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw new UserError(translate(error, argv, specs));
  }
  for (const [name, spec] of Object.entries(specs)) {
    const given = parsed.values[name];
    for (const value of Array.isArray(given) ? given : [given]) {
      if (typeof value !== "string") continue;
      if (spec.nonEmpty === true && value.length === 0) throw new UserError(MSG.emptyValue(`--${name}`));
      if (spec.choices !== undefined && !spec.choices.includes(value)) {
        throw new UserError(MSG.badEnum(`--${name}`, value, spec.choices));
      }
    }
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UserError(MSG.unexpectedArgument(parsed.positionals[maxPositionals] ?? ""));
  }
  return { values: parsed.values as Parsed["values"], positionals: parsed.positionals };
}

function translate(error: unknown, argv: string[], specs: OptionSpecs): string {
  const code = (error as { code?: string }).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = argv.find((a) => a.startsWith("-") && !Object.hasOwn(specs, a.replace(/^--?/, "").split("=")[0]!)) ?? "?";
    return MSG.unknownOption(flag.split("=")[0] ?? flag);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const flag = argv.find((a, i) => {
      const name = a.replace(/^--/, "");
      const spec = specs[name];
      return a.startsWith("--") && spec?.type === "string" && (i === argv.length - 1 || argv[i + 1]?.startsWith("-") === true);
    });
    return flag !== undefined ? MSG.missingValue(flag) : String((error as Error).message);
  }
  return String((error as Error).message);
}

/**
 * `--seed -1` reads to parseArgs as a flag without a value. For string options followed by a
 * negative number this joins the two (`--seed=-1`), so the range check can name the real
 * problem. Call it on argv before parseFlags.
 */
export function joinNegativeNumbers(argv: readonly string[], specs: OptionSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const spec = arg.startsWith("--") ? specs[arg.slice(2)] : undefined;
    if (spec?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Every value of a repeatable option, in order ([] when absent). */
export function stringsFlag(parsed: Parsed, name: string): string[] {
  const v = parsed.values[name];
  if (Array.isArray(v)) return v;
  return typeof v === "string" ? [v] : [];
}

export function stringFlag(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === "string" ? v : undefined;
}
