// Token substitution (detector.md §3.1): {seed}, {iteration}, {suite}, {run_id} inside argv
// elements, env values and result_file, never inside a string command (which reads the values
// from its environment instead, so nothing user-controlled is spliced into shell text).
import type { SuiteConfig } from "./types.ts";

export interface TokenValues {
  seed: number;
  iteration: number;
  suite: string;
  run_id: string;
}

const TOKEN_RE = /\{(seed|iteration|suite|run_id)\}/g;

/** One left-to-right pass: a substituted value is never scanned again. */
export function substituteTokens(text: string, values: TokenValues): string {
  return text.replace(TOKEN_RE, (_match, name: keyof TokenValues) => String(values[name]));
}

/** What one unit runs: the suite with every token substituted where substitution applies. */
export interface UnitSpec {
  command: { argv: string[] } | { shell: string };
  /** The suite's env entries, config order, values substituted. */
  env: [string, string][];
  /** result_file substituted (relative to the suite's cwd), "-" or null. */
  resultFile: string | null;
}

export function unitSpec(suite: SuiteConfig, values: TokenValues): UnitSpec {
  return {
    command:
      typeof suite.command === "string"
        ? { shell: suite.command }
        : { argv: suite.command.map((arg) => substituteTokens(arg, values)) },
    env: Object.entries(suite.env).map(([key, value]) => [key, substituteTokens(value, values)]),
    resultFile: suite.result_file === null || suite.result_file === "-" ? suite.result_file : substituteTokens(suite.result_file, values),
  };
}
