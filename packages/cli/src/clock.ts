// The clock is read once per command: --now, else FLAKEWARDEN_NOW, else the system clock.
import { parseTimestamp } from "@flakewarden/core";
import { UserError } from "./errors.ts";
import type { Io } from "./io.ts";
import { MSG } from "./messages.ts";

export function resolveNow(io: Io, flag: string | undefined): number {
  if (flag !== undefined) return parseOrFail("--now", flag);
  const env = io.env.FLAKEWARDEN_NOW;
  if (env !== undefined && env !== "") return parseOrFail("FLAKEWARDEN_NOW", env);
  if (io.now === undefined) throw new Error("no clock given to main(io)");
  return io.now();
}

function parseOrFail(source: string, value: string): number {
  const ms = parseTimestamp(value);
  if (ms === null) throw new UserError(MSG.badNow(source, value));
  return ms;
}
