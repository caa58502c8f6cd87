// Typed errors: the exit code is decided once, in run.ts.

/** Exit 2: a usage, config or input mistake. Each line is printed as `ERROR: <line>`, never a stack. */
export class UserError extends Error {
  readonly lines: string[];
  constructor(...lines: string[]) {
    super(lines.join("\n"));
    this.name = "UserError";
    this.lines = lines;
  }
}
