// The only file that touches the real process.
import process from "node:process";
import { SIGNAL_EXIT_CODES, type StopSignal } from "./io.ts";
import { main } from "./run.ts";

const STOP_SIGNALS: StopSignal[] = ["SIGINT", "SIGTERM"];

const code = await main({
  argv: process.argv,
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => Date.now(),
  isTTY: process.stderr.isTTY === true,
  onSignal: (handler) => {
    const listeners = STOP_SIGNALS.map((signal) => [signal, () => handler(signal)] as const);
    for (const [signal, listener] of listeners) process.on(signal, listener);
    return () => {
      for (const [signal, listener] of listeners) process.off(signal, listener);
    };
  },
});
process.exitCode = code;
// A command stopped by a signal ends by that signal (detector.md §2.2): our listeners are gone
// by now, so re-raising it takes the default action.
const stoppedBy = STOP_SIGNALS.find((signal) => SIGNAL_EXIT_CODES[signal] === code);
if (stoppedBy !== undefined) process.kill(process.pid, stoppedBy);
