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
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseFlags(argv: string[], specs: OptionSpecs, maxPositionals = 0): Parsed {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = { type: spec.type };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw new UserError(translate(error, argv, specs));
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = parsed.values[name];
    if (typeof value !== "string") continue;
    if (spec.nonEmpty === true && value.length === 0) throw new UserError(MSG.emptyValue(`--${name}`));
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      throw new UserError(MSG.badEnum(`--${name}`, value, spec.choices));
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

export function stringFlag(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === "string" ? v : undefined;
}
