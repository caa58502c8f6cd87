// Running one unit of a detect plan (detector.md §4.2 steps 3–5): the suite's command in its own
// process group, output interleaved into one log file, a timeout that escalates SIGTERM →
// SIGKILL, and a sweep of the group whenever the child exits, so nothing outlives its run.
import { spawn } from "node:child_process";
import type { ChildProcess, StdioOptions } from "node:child_process";
import fs from "node:fs";
import process from "node:process";
import { KILL_GRACE_MS, killAllGroups, superviseGroup, type GroupSupervisor } from "./group-supervisor.ts";

export { resolveExecutable } from "./resolve-executable.ts";

/** An argv array flakewarden built, or a user-written string run as `sh -c <string>` exactly as written. */
export type UnitCommand = { argv: string[] } | { shell: string };

export interface RunUnitOptions {
  command: UnitCommand;
  /** Absolute. */
  cwd: string;
  /** The complete environment for the child (nothing is inherited implicitly). */
  env: Record<string, string>;
  timeoutMs: number;
  /** Absolute; created or truncated; receives stdout and stderr interleaved. */
  logPath: string;
  /** §4.2 step 5: with a supplied instant (--now), endedAtNs = instantNs + (monotonic now − commandStartNs). */
  instantNs: bigint | null;
  /** process.hrtime.bigint() when the flakewarden command started. */
  commandStartNs: bigint;
}

export interface UnitOutcome {
  /** Why the command could not start (e.g. "spawn nosuchcmd ENOENT"), else null. */
  spawnError: string | null;
  timedOut: boolean;
  /** The signal that ended the child when it was not our timeout (e.g. "SIGKILL"), else null. */
  signal: string | null;
  /** null when the command could not start, timed out, or ended by a signal. */
  exitCode: number | null;
  /** Monotonic spawn → exit time, decimal digits. */
  durationNs: string;
  /** Wall-clock (or instant-based) ns at exit, decimal digits. */
  endedAtNs: string;
}

/**
 * How the log receives output. "shared-fd": one descriptor of the log file is both stdout and
 * stderr, so the kernel keeps the child's write order. "pipes": for a runtime that cannot pass
 * a descriptor, both are piped and appended in arrival order (§4.2 step 3).
 */
export type UnitLogMode = "shared-fd" | "pipes";

/** Pipe mode: how long output may still arrive after the child exits (the kill grace period). */
const PIPE_DRAIN_MS = KILL_GRACE_MS;

/**
 * Run one unit and report how it ended; never rejects for the command's sake (a command that
 * cannot start is `spawnError`), only when the log file itself cannot be opened.
 * `logMode` defaults to one shared descriptor and falls back to pipes if the runtime refuses
 * one; "pipes" forces the fallback.
 */
export function runUnit(options: RunUnitOptions, logMode: UnitLogMode = "shared-fd"): Promise<UnitOutcome> {
  return new Promise((resolve) => {
    const logFd = fs.openSync(options.logPath, "w");
    let logOpen = true;
    const closeLog = (): void => {
      if (logOpen) fs.closeSync(logFd);
      logOpen = false;
    };
    const [file, ...args] = "argv" in options.command ? options.command.argv : ["sh", "-c", options.command.shell];
    const endedAt = (exitedAt: bigint): string =>
      String(options.instantNs === null ? BigInt(Date.now()) * 1_000_000n : options.instantNs + (exitedAt - options.commandStartNs));
    const couldNotStart = (reason: string, startedAt: bigint): void => {
      closeLog();
      const now = process.hrtime.bigint();
      resolve({ spawnError: reason, timedOut: false, signal: null, exitCode: null, durationNs: String(now - startedAt), endedAtNs: endedAt(now) });
    };

    if (file === undefined) return couldNotStart("empty argv", process.hrtime.bigint());
    // Node reports a missing cwd as "spawn <cmd> ENOENT", blaming the command; name the real cause.
    if (!isDirectory(options.cwd)) return couldNotStart("cwd is not an existing directory", process.hrtime.bigint());

    const start = (mode: UnitLogMode): ChildProcess => {
      const stdio: StdioOptions = mode === "shared-fd" ? ["ignore", logFd, logFd] : ["ignore", "pipe", "pipe"];
      return spawn(file, args, { cwd: options.cwd, env: options.env, stdio, detached: true });
    };
    const spawnedAt = process.hrtime.bigint();
    let mode = logMode;
    let child: ChildProcess;
    try {
      child = start(mode);
    } catch (error) {
      if (mode === "pipes") return couldNotStart(messageOf(error), spawnedAt);
      // A runtime that cannot pass a descriptor throws here; so does an invalid argument,
      // which then fails again below and is reported as such.
      mode = "pipes";
      try {
        child = start(mode);
      } catch (retryError) {
        return couldNotStart(messageOf(retryError), spawnedAt);
      }
    }
    // The child holds its own copies of the descriptor; ours would only keep the file open.
    if (mode === "shared-fd") closeLog();
    else {
      const append = (chunk: Buffer): void => {
        if (logOpen) fs.writeSync(logFd, chunk);
      };
      child.stdout?.on("data", append);
      child.stderr?.on("data", append);
    }

    const pid = child.pid;
    // §4.2 step 4: SIGTERM to the group on timeout, SIGKILL 5 s later; swept when the child exits.
    const group: GroupSupervisor | null = pid === undefined ? null : superviseGroup(pid, options.timeoutMs);

    // "close" follows "exit" once every stdio pipe has ended (pipe mode: the log is complete).
    let pipesClosed = false;
    let afterPipesClose: (() => void) | undefined;
    child.on("close", () => {
      pipesClosed = true;
      afterPipesClose?.();
    });
    child.on("error", (error) => {
      // Only a failed start ends the run here; once the child has a pid, "exit" will follow.
      if (pid === undefined) couldNotStart(messageOf(error), spawnedAt);
    });
    child.on("exit", (code, signal) => {
      const exitedAt = process.hrtime.bigint();
      const timedOut = group?.timedOut() ?? false;
      const outcome: UnitOutcome = {
        spawnError: null,
        timedOut,
        signal: timedOut ? null : signal,
        exitCode: timedOut ? null : code,
        durationNs: String(exitedAt - spawnedAt),
        endedAtNs: endedAt(exitedAt),
      };
      // Whatever is left of the group dies now, so nothing outlives its run.
      group?.exited();
      if (mode === "shared-fd") return resolve(outcome);
      // Pipe mode: output may still be in flight; the log is complete once both pipes close.
      // A survivor that could not be killed (no process group on this runtime) may hold them
      // open forever, so after the grace period they are abandoned with what has arrived.
      const abandon = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, PIPE_DRAIN_MS);
      const finish = (): void => {
        clearTimeout(abandon);
        closeLog();
        resolve(outcome);
      };
      if (pipesClosed) finish();
      else afterPipesClose = finish;
    });
  });
}

/**
 * SIGKILL every running child's process group (SIGINT/SIGTERM handling, detector.md §2.2): units
 * and the commands runArgv runs alike, since both are supervised by group-supervisor.ts.
 */
export function killAllUnits(): void {
  killAllGroups();
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
