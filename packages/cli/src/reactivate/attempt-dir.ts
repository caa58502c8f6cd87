// The attempt directory (forensics.md §4.4 step 1). Its exclusive mkdir is what makes an
// attempt id unique: two attempts started in the same second, even from two machines sharing
// the artifact root, cannot both create the same directory.
import fs from "node:fs";
import path from "node:path";
import { attemptIdCandidate } from "@flakewarden/core";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";

/** Give up long before this; it only bounds a directory that cannot be created for other reasons. */
const MAX_CANDIDATES = 10_000;

export function createAttemptDir(
  entryDirAbs: string,
  base: string,
  used: ReadonlySet<string>,
  display: (abs: string) => string,
): { attemptId: string; attemptDirAbs: string } {
  try {
    fs.mkdirSync(entryDirAbs, { recursive: true });
  } catch (error) {
    throw new UserError(MSG.detectCannotCreate(display(entryDirAbs), (error as { code?: string }).code ?? String(error)));
  }
  for (let n = 1; n <= MAX_CANDIDATES; n++) {
    const attemptId = attemptIdCandidate(base, n);
    if (used.has(attemptId)) continue;
    const attemptDirAbs = path.join(entryDirAbs, attemptId);
    try {
      fs.mkdirSync(attemptDirAbs);
      return { attemptId, attemptDirAbs };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "EEXIST") continue;
      throw new UserError(MSG.detectCannotCreate(display(attemptDirAbs), code ?? String(error)));
    }
  }
  throw new UserError(MSG.detectCannotCreate(display(path.join(entryDirAbs, base)), "too many attempts with this id"));
}
