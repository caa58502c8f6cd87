// The run directory and `<out>/latest` (detector.md §3.2): ids never shared (exclusive mkdir,
// -2, -3, … for generated ids), `latest` removed when a run starts and swapped in atomically
// only after every file of a completed run is written.
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { defaultRunId, runIdCandidate } from "@flakewarden/core";
import { UserError } from "../errors.ts";
import { writeCause } from "../files.ts";
import { MSG } from "../messages.ts";

export const LATEST = "latest";
/** Generated ids stop being suffixed here; a directory with this many same-second runs is broken. */
const MAX_SUFFIX = 10_000;

function occupied(abs: string): boolean {
  try {
    fs.lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

/** The id a run started now would get; an explicit id that exists is exit 2 (validation, nothing created). */
export function predictRunId(outAbs: string, outDisplay: string, explicit: string | null, instantMs: number): string {
  if (explicit !== null) {
    if (occupied(path.join(outAbs, explicit))) throw new UserError(MSG.detectRunIdExists(explicit, `${outDisplay.replace(/\/+$/, "")}/${explicit}`));
    return explicit;
  }
  const base = defaultRunId(instantMs);
  for (let k = 1; k <= MAX_SUFFIX; k++) {
    const id = runIdCandidate(base, k);
    if (!occupied(path.join(outAbs, id))) return id;
  }
  throw new UserError(MSG.detectCannotCreate(outDisplay, `more than ${MAX_SUFFIX} runs named ${base}`));
}

function mkdirOrFail(abs: string, display: string, options: fs.MakeDirectoryOptions = {}): boolean {
  try {
    fs.mkdirSync(abs, options);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST" && options.recursive !== true) return false;
    throw new UserError(MSG.detectCannotCreate(display, writeCause(error)));
  }
}

/**
 * Create `<out>` (with parents) and the run directory with a non-recursive exclusive mkdir,
 * then remove `latest`: from here on a reader never mistakes an older run for this one.
 */
export function createRunDirectory(outAbs: string, outDisplay: string, explicit: string | null, instantMs: number): { runId: string; runDir: string } {
  mkdirOrFail(outAbs, outDisplay, { recursive: true });
  if (explicit !== null) {
    const runDir = path.join(outAbs, explicit);
    if (!mkdirOrFail(runDir, explicit)) throw new UserError(MSG.detectRunIdExists(explicit, `${outDisplay.replace(/\/+$/, "")}/${explicit}`));
    removeLatest(outAbs);
    return { runId: explicit, runDir };
  }
  const base = defaultRunId(instantMs);
  for (let k = 1; k <= MAX_SUFFIX; k++) {
    const runId = runIdCandidate(base, k);
    const runDir = path.join(outAbs, runId);
    if (mkdirOrFail(runDir, runId)) {
      removeLatest(outAbs);
      return { runId, runDir };
    }
  }
  throw new UserError(MSG.detectCannotCreate(outDisplay, `more than ${MAX_SUFFIX} runs named ${base}`));
}

/** Remove `<out>/latest`, whether a symlink or (the no-symlink fallback) a copied directory. */
export function removeLatest(outAbs: string): void {
  const latest = path.join(outAbs, LATEST);
  try {
    const stat = fs.lstatSync(latest);
    if (stat.isDirectory()) fs.rmSync(latest, { recursive: true, force: true });
    else fs.unlinkSync(latest);
  } catch {
    // absent: nothing stale to remove
  }
}

let tempCounter = 0;

/**
 * Point `latest` at the run: a relative symlink made under a temp name and renamed over
 * `latest`; where symlinks are unavailable, a full copy of the run directory renamed into place.
 */
export function publishLatest(outAbs: string, runId: string): void {
  tempCounter += 1;
  const temp = path.join(outAbs, `.${LATEST}.${process.pid}.${tempCounter}.tmp`);
  const latest = path.join(outAbs, LATEST);
  try {
    fs.symlinkSync(runId, temp);
  } catch {
    fs.rmSync(temp, { recursive: true, force: true });
    fs.cpSync(path.join(outAbs, runId), temp, { recursive: true });
  }
  try {
    fs.renameSync(temp, latest);
  } catch {
    // A directory `latest` (an older copy) cannot be renamed over: remove it, then retry once.
    removeLatest(outAbs);
    fs.renameSync(temp, latest);
  }
}
