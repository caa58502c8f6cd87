// The pilot clock (pilot.md §2.4): --now, FLAKEWARDEN_NOW, then the original's ASUPERSYNC_EVAL_TS;
// the winning value is written exactly as given, so it is validated but never reformatted.
import { parseTimestamp } from "@flakewarden/core";
import { UserError } from "../errors.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";

export function resolvePilotTimestamp(io: Io, flag: string | undefined): string {
  const sources: [string, string | undefined][] = [
    ["--now", flag],
    ["FLAKEWARDEN_NOW", io.env.FLAKEWARDEN_NOW],
    ["ASUPERSYNC_EVAL_TS", io.env.ASUPERSYNC_EVAL_TS],
  ];
  for (const [source, value] of sources) {
    // An empty environment variable counts as unset; only the winning source is read.
    if (value === undefined || (source !== "--now" && value === "")) continue;
    if (parseTimestamp(value) === null) throw new UserError(MSG.pilotBadClock(source, value));
    return value;
  }
  if (io.now === undefined) throw new Error("no clock given to main(io)");
  return new Date(io.now()).toISOString();
}
