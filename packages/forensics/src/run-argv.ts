// Run a command flakewarden built itself: an argv array (no shell), stdout and stderr captured
// apart, and the same process-group rules as a detect unit (group-supervisor.ts): the timeout
// sends SIGTERM to the group and SIGKILL 5 s later, the group is swept when the child exits, and
// a SIGINT/SIGTERM of flakewarden (killAllUnits) reaches it too.
import { spawn } from "node:child_process";
import { KILL_GRACE_MS, superviseGroup } from "./group-supervisor.ts";

export interface RunArgvOptions {
  argv: readonly string[];
  cwd: string;
  timeoutMs: number;
  env?: Record<string, string | undefined>;
}

export interface RunArgvResult {
  /** null when the command could not start, timed out, or was ended by a signal. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /**
   * The signal that ended the child (e.g. "SIGTERM" after our timeout, "SIGKILL" when it ignored
   * that or something else killed it), else null — also for a child that caught our SIGTERM and
   * exited by itself.
   */
  signal: string | null;
  /** Why it could not start (e.g. ENOENT), else null. */
  spawnError: string | null;
}

export function runArgv(options: RunArgvOptions): Promise<RunArgvResult> {
  const [command, ...args] = options.argv;
  if (command === undefined) return Promise.resolve({ exitCode: null, stdout: "", stderr: "", timedOut: false, signal: null, spawnError: "empty argv" });
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    let settled = false;
    const finish = (result: RunArgvResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env as NodeJS.ProcessEnv | undefined,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
    } catch (error) {
      // An invalid argument (e.g. a NUL byte) throws synchronously instead of emitting "error".
      const e = error as { code?: string; message?: string };
      return finish({ exitCode: null, stdout, stderr, timedOut: false, signal: null, spawnError: e.code ?? e.message ?? String(error) });
    }
    const pid = child.pid;
    const group = pid === undefined ? null : superviseGroup(pid, options.timeoutMs);
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (error) => {
      // Only a failed start ends the run here; once the child has a pid, "exit" will follow.
      if (pid === undefined) finish({ exitCode: null, stdout, stderr, timedOut: false, signal: null, spawnError: (error as { code?: string }).code ?? error.message });
    });
    let exitedWith: { code: number | null; signal: string | null } | null = null;
    let pipesClosed = false;
    let drain: ReturnType<typeof setTimeout> | undefined;
    const complete = (): void => {
      if (exitedWith === null || !pipesClosed) return;
      clearTimeout(drain);
      const timedOut = group?.timedOut() ?? false;
      finish({ exitCode: timedOut ? null : exitedWith.code, stdout, stderr, timedOut, signal: exitedWith.signal, spawnError: null });
    };
    child.on("exit", (code, signal) => {
      exitedWith = { code, signal };
      // Whatever is left of the group dies now, so a grandchild cannot hold the pipes open.
      group?.exited();
      // A survivor outside the group (it left it, or the runtime made none) may still hold the
      // pipes; after the grace period we keep what has arrived rather than wait forever.
      drain = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        pipesClosed = true;
        complete();
      }, KILL_GRACE_MS);
      complete();
    });
    // "close" comes once both pipes have ended: the output is complete.
    child.on("close", () => {
      pipesClosed = true;
      complete();
    });
  });
}
