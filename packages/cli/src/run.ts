// main(io): parse the command word(s), run the command, decide the exit code once.
import type { Command } from "./command.ts";
import { UserError } from "./errors.ts";
import type { Io } from "./io.ts";
import { MSG } from "./messages.ts";
import { COMMANDS } from "./commands/registry.ts";
import { removeFiles } from "./files.ts";
import { VERSION } from "./version.ts";

export type { Io } from "./io.ts";

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.words.join(" ").length));
  return [
    `flakewarden ${VERSION}: keep releases honest when test suites are flaky`,
    "",
    "Usage: flakewarden <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.words.join(" ").padEnd(width)}  ${c.summary}`),
    "",
    "Run `flakewarden <command> --help` for a command's options.",
    "Exit codes: 0 pass, 1 verdict fail, 2 usage/config/input error, 3 internal error (a bug).",
    "",
  ].join("\n");
}

export async function main(io: Io): Promise<number> {
  const argv = io.argv.slice(2);
  const first = argv[0];
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    // No command at all is a usage error: help goes to stderr so stdout stays empty on exit 2.
    (first === undefined ? io.stderr : io.stdout).write(helpText());
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-V") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
  if (entry === undefined) {
    const group = COMMANDS.filter((c) => c.words[0] === first && c.words.length > 1);
    const hint = group.length > 0 ? ` (try: ${group.map((c) => c.words.join(" ")).join(", ")})` : "";
    // Name only the command words the user typed (`quarantine frobnicate`), never a flag after them.
    const words = group.length > 0 && argv[1] !== undefined && !argv[1].startsWith("-") ? argv.slice(0, 2) : [first];
    io.stderr.write(`ERROR: ${MSG.unknownCommand(words.join(" "))}${hint}\n`);
    return 2;
  }
  const rest = argv.slice(entry.words.length);
  let command: Command;
  try {
    command = await entry.load();
  } catch (error) {
    return internalError(io, error);
  }
  return runCommand(command, io, rest);
}

function internalError(io: Io, error: unknown): number {
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${stack}\n${MSG.internal}\n`);
  return 3;
}

/**
 * Run one command and decide its exit code: its own 0/1, 2 for a UserError (one line per problem, no
 * stack), 3 for anything else (the stack and "this is a bug"). Outputs the run registered are removed
 * on 2 and 3. Exported so tests can hand in a command with an injected fault and see the real mapping.
 */
export async function runCommand(command: Command, io: Io, rest: string[]): Promise<number> {
  const outputs = new Set<string>();
  const prefix = command.errorStyle === "detector" ? `flakewarden ${command.name}` : "ERROR";
  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return 0;
    }
    return await command.run({ io, argv: rest, outputs });
  } catch (error) {
    removeFiles(outputs);
    if (error instanceof UserError) {
      for (const line of error.lines) io.stderr.write(`${prefix}: ${line}\n`);
      return 2;
    }
    return internalError(io, error);
  }
}
