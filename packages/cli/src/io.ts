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
}
