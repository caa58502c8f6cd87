// Integer flags of `rollback npm` (timeouts, attempts, delays).
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";

export function parseCount(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) throw new UserError(MSG.rollbackCount(flag, raw, min));
  return Number(raw);
}
