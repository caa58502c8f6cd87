// Run a command flakewarden built itself: an argv array (no shell), a timeout, and the whole
// process group killed on timeout so no grandchild outlives us.
import { spawn } from "node:child_process";

export interface RunArgvOptions {
  argv: readonly string[];
  cwd: string;
  timeoutMs: number;
  env?: Record<string, string | undefined>;
}

export interface RunArgvResult {
  /** null when the command could not start or was killed. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Why it could not start (e.g. ENOENT), else null. */
  spawnError: string | null;
}

export function runArgv(options: RunArgvOptions): Promise<RunArgvResult> {
  const [command, ...args] = options.argv;
  if (command === undefined) return Promise.resolve({ exitCode: null, stdout: "", stderr: "", timedOut: false, spawnError: "empty argv" });
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv | undefined,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const finish = (result: RunArgvResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (error) => {
      finish({ exitCode: null, stdout, stderr, timedOut, spawnError: (error as { code?: string }).code ?? error.message });
    });
    child.on("close", (code) => {
      finish({ exitCode: timedOut ? null : code, stdout, stderr, timedOut, spawnError: null });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
