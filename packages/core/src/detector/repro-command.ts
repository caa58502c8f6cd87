// The command that replays one run from the project root (detector.md §4.2, last paragraph),
// display-quoted by core's one quoting rule.
import { quoteCommand, quoteToken } from "../shell-quote.ts";
import type { UnitSpec } from "./tokens.ts";

export interface ReproInput {
  /** The suite's cwd as configured. */
  cwd: string;
  /** The unit's command and env (tokens substituted). */
  unit: Pick<UnitSpec, "command" | "env">;
  seedEnv: string | null;
  seed: number;
}

export function reproCommand(input: ReproInput): string {
  const parts: string[] = [];
  if (input.cwd !== ".") parts.push(`cd ${quoteToken(input.cwd)} &&`);
  const assignments = input.unit.env.map(([key, value]) => `${key}=${value}`);
  if (input.seedEnv !== null) assignments.push(`${input.seedEnv}=${input.seed}`);
  if (assignments.length > 0) parts.push(quoteCommand(["env", ...assignments]));
  const command = input.unit.command;
  parts.push("argv" in command ? quoteCommand(command.argv) : quoteCommand(["sh", "-c", command.shell]));
  return parts.join(" ");
}
