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

/**
 * The instant for detector commands (detector.md §2.1): the same sources, but the message names
 * the flag first, as every detector exit-2 line does; `supplied` tells whether the user gave it.
 */
export function resolveInstant(io: Io, flag: string | undefined): { ms: number; supplied: boolean } {
  const fromEnv = io.env.FLAKEWARDEN_NOW;
  const [source, text] = flag !== undefined ? ["--now", flag] : fromEnv !== undefined && fromEnv !== "" ? ["FLAKEWARDEN_NOW", fromEnv] : [null, null];
  if (source === null || text === null) {
    if (io.now === undefined) throw new Error("no clock given to main(io)");
    return { ms: io.now(), supplied: false };
  }
  const ms = parseTimestamp(text);
  if (ms === null) throw new UserError(MSG.flagTimestamp(source, text));
  return { ms, supplied: true };
}
