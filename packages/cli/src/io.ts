// The process as a parameter: commands never touch the real process, so tests run them in-process.

export interface Writable {
  write(chunk: string): unknown;
}

export interface Io {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  /** The system clock, read at most once per command (only when no --now is given). */
  now?: () => number;
  /** Whether stderr is a terminal (progress is then one redrawn line). Absent = false. */
  isTTY?: boolean;
  /**
   * Subscribe to SIGINT/SIGTERM for the duration of a command; returns the unsubscribe. Absent
   * (tests in-process) = signals are not observed. A command that stops for a signal returns
   * SIGNAL_EXIT_CODES[signal], and main.ts re-raises the signal so the process ends by it.
   */
  onSignal?: (handler: (signal: StopSignal) => void) => () => void;
}

export type StopSignal = "SIGINT" | "SIGTERM";

/** 128 + signal number, as shells report a process that a signal ended. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };
