// detect's progress on stderr (detector.md §2.6). On a terminal: one line, redrawn at most every
// 100 ms and erased at the end. Otherwise: plain lines a CI log keeps (run header, one line per
// finished run and suite, a "still running" note after 60 s without a finished run).
import type { Writable } from "../io.ts";

export interface ProgressOptions {
  stderr: Writable;
  tty: boolean;
  runId: string;
  suiteCount: number;
  iterations: number;
  jobs: number;
  seed: number;
  totalUnits: number;
  /** Monotonic milliseconds. */
  clock: () => number;
}

export interface ProgressUnit {
  suite: string;
  iteration: number;
}

export interface Progress {
  unitStarted(unit: ProgressUnit): void;
  unitFinished(unit: ProgressUnit, status: "pass" | "fail" | "skip", durationMs: number | null): void;
  /** A finished suite's line, e.g. from suiteLine(). */
  suiteFinished(line: string): void;
  /** Any other stderr text (ends with a newline); on a terminal the progress line is redrawn below it. */
  note(text: string): void;
  /** What the once-a-second timer does (redraw, or the "still running" note); callable directly. */
  poll(): void;
  stop(): void;
}

const PREFIX = "[flakewarden]";
const REDRAW_MS = 100;
const QUIET_MS = 60_000;
const BAR_WIDTH = 20;
const ERASE = "\r\x1b[K";

export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, "0")}m${String(s).padStart(2, "0")}s`;
  if (m > 0) return `${m}m${String(s).padStart(2, "0")}s`;
  return `${s}s`;
}

export function suiteLine(input: { suite: string; pass: number; fail: number; skip: number; spreadPct: number | null; unstable: boolean }): string {
  const spread = input.spreadPct === null ? "n/a" : `${input.spreadPct}%`;
  return `${PREFIX} ${input.suite}: pass=${input.pass} fail=${input.fail} skip=${input.skip} spread=${spread} unstable=${input.unstable}\n`;
}

export function createProgress(options: ProgressOptions): Progress {
  const { stderr, tty, clock } = options;
  const started = clock();
  const running = new Map<string, { unit: ProgressUnit; since: number }>();
  const counts = { pass: 0, fail: 0, skip: 0 };
  let done = 0;
  let lastFinish = started;
  let lastQuietNote = started;
  let lastDraw = -Infinity;
  let drawn = false;
  let pendingDraw: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const key = (u: ProgressUnit): string => `${u.suite}\u0000${u.iteration}`;

  const line = (): string => {
    const filled = options.totalUnits === 0 ? BAR_WIDTH : Math.round((done / options.totalUnits) * BAR_WIDTH);
    const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
    return `${PREFIX} [${bar}] ${done}/${options.totalUnits} runs  pass ${counts.pass} fail ${counts.fail} skip ${counts.skip}  ${formatElapsed(clock() - started)}`;
  };
  const draw = (): void => {
    if (stopped) return;
    clearTimeout(pendingDraw);
    pendingDraw = undefined;
    lastDraw = clock();
    drawn = true;
    stderr.write(`${ERASE}${line()}`);
  };
  const requestDraw = (): void => {
    if (!tty || stopped || pendingDraw !== undefined) return;
    const wait = lastDraw + REDRAW_MS - clock();
    if (wait <= 0) draw();
    else {
      pendingDraw = setTimeout(draw, wait);
      pendingDraw.unref?.();
    }
  };
  const erase = (): void => {
    if (tty && drawn) stderr.write(ERASE);
    drawn = false;
  };

  const poll = (): void => {
    if (stopped) return;
    if (tty) return requestDraw();
    const now = clock();
    if (running.size === 0 || now - lastFinish < QUIET_MS || now - lastQuietNote < QUIET_MS) return;
    lastQuietNote = now;
    for (const { unit, since } of running.values()) {
      stderr.write(`${PREFIX} still running: ${unit.suite} run ${unit.iteration}/${options.iterations} (${Math.floor((now - since) / 1000)}s)\n`);
    }
  };
  const tick = setInterval(poll, 1000);
  tick.unref?.();

  if (tty) draw();
  else {
    stderr.write(
      `${PREFIX} run ${options.runId}: ${options.suiteCount} suites x ${options.iterations} iterations, jobs ${options.jobs}, seed ${options.seed}\n`,
    );
  }

  return {
    unitStarted(unit) {
      running.set(key(unit), { unit, since: clock() });
    },
    unitFinished(unit, status, durationMs) {
      running.delete(key(unit));
      done += 1;
      counts[status] += 1;
      lastFinish = clock();
      lastQuietNote = lastFinish;
      if (tty) requestDraw();
      else stderr.write(`${PREFIX} ${unit.suite} run ${unit.iteration}/${options.iterations}: ${status} (${durationMs ?? 0}ms)\n`);
    },
    suiteFinished(text) {
      if (!tty) stderr.write(text);
    },
    note(text) {
      erase();
      stderr.write(text);
      if (tty) draw();
    },
    poll,
    stop() {
      stopped = true;
      clearInterval(tick);
      clearTimeout(pendingDraw);
      erase();
    },
  };
}
