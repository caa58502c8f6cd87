// SIGINT/SIGTERM while a command runs child processes: remember the first signal and kill every
// running process group at once; the command then stops at its next check and returns the
// signal's exit code (main.ts re-raises it). Shared by detect and reactivate.
import { killAllUnits } from "@flakewarden/forensics";
import { SIGNAL_EXIT_CODES, type Io, type StopSignal } from "./io.ts";

export interface StopWatch {
  /** The first signal received, or null. */
  signal(): StopSignal | null;
  /** The exit code to return when a signal arrived, else null. */
  exitCode(): number | null;
  dispose(): void;
}

export function watchStopSignals(io: Io): StopWatch {
  let received: StopSignal | null = null;
  const dispose =
    io.onSignal?.((signal) => {
      received ??= signal;
      killAllUnits();
    }) ?? (() => undefined);
  return {
    signal: () => received,
    exitCode: () => (received === null ? null : SIGNAL_EXIT_CODES[received]),
    dispose,
  };
}
