// Exit 3 on demand: a stdout that throws stands in for an unexpected bug after the outputs were
// written, so a test can prove the stack, "this is a bug" and the removal of those outputs.
import { main } from "../../src/run.ts";
import type { CliResult } from "./cli.ts";

/** Runs the CLI in process with an empty environment and a stdout whose every write throws `boom`. */
export async function runCliWithThrowingStdout(cwd: string, args: string[], now?: () => number): Promise<CliResult> {
  let stderr = "";
  const code = await main({
    argv: ["node", "flakewarden", ...args],
    env: {},
    cwd,
    stdout: {
      write: () => {
        throw new Error("boom");
      },
    },
    stderr: { write: (s: string) => (stderr += s) },
    ...(now === undefined ? {} : { now }),
  });
  return { code, stdout: "", stderr };
}
