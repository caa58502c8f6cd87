import type { Io } from "./io.ts";

/** What every command module exports. `run` returns the exit code (0 or 1); exit 2 is a thrown UserError. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /**
   * How exit-2 lines are printed. Gate-side commands print `ERROR: <line>` (gate.md §2.1);
   * detector commands print `flakewarden <command>: <line>` (detector.md §2.1).
   */
  errorStyle?: "gate" | "detector";
  run(ctx: CommandContext): Promise<number>;
}

export interface CommandContext {
  io: Io;
  argv: string[];
  /**
   * Output files this run is responsible for. On exit 2 or 3 they are deleted, so an older
   * passing report never outlives a run that could not finish.
   */
  outputs: Set<string>;
}
