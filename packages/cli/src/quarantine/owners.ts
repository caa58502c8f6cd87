// Where a suite's owner comes from (gate.md §3.8, §4.10 "Owner"): the config map, the owners
// file and the config default. Core matches; this finds and reads the owners file.
import fs from "node:fs";
import { NAME_LIMIT, parseOwnersFile, resolveOwner, textValueProblem, type OwnerSources, type OwnersRule } from "@flakewarden/core";
import { UserError } from "../errors.ts";
import { readText } from "../files.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { resolveFrom, type ResolvedPath } from "../paths.ts";
import type { QuarantineSetup } from "./command-setup.ts";

export const DEFAULT_OWNERS_FILE = ".github/FLAKEOWNERS";

/**
 * The owners file: the flag (cwd), else config `owners_file` (config dir), else the default
 * under the base dir when it exists. A file named explicitly must be readable.
 */
function ownersFile(io: Io, setup: QuarantineSetup, flag: string | undefined): ResolvedPath | null {
  if (flag !== undefined) return resolveFrom(io.cwd, flag, io.cwd);
  if (setup.quarantine.owners_file !== undefined && setup.config !== null) {
    return resolveFrom(setup.config.dir, setup.quarantine.owners_file, io.cwd);
  }
  const fallback = resolveFrom(setup.baseDir, DEFAULT_OWNERS_FILE, io.cwd);
  return fs.existsSync(fallback.abs) ? fallback : null;
}

function readRules(file: ResolvedPath): OwnersRule[] {
  const loaded = readText(file);
  if (loaded.kind === "missing") throw new UserError(MSG.fileNotFound(file.display));
  if (loaded.kind === "unreadable") throw new UserError(MSG.cannotRead(file.display, loaded.cause));
  return parseOwnersFile(loaded.text);
}

export function loadOwnerSources(io: Io, setup: QuarantineSetup, flag?: string): OwnerSources {
  const file = ownersFile(io, setup, flag);
  return {
    owners: setup.quarantine.owners,
    rules: file === null ? [] : readRules(file),
    defaultOwner: setup.quarantine.default_owner,
  };
}

export type OwnerOutcome = { owner: string } | { problem: "none" } | { problem: "invalid"; message: string };

/** The suite's owner, checked like a flag value since it is stored verbatim. */
export function lookupOwner(suite: string, sources: OwnerSources): OwnerOutcome {
  const match = resolveOwner(suite, sources);
  if (match === null) return { problem: "none" };
  const problem = textValueProblem(match.owner, NAME_LIMIT);
  if (problem !== null) return { problem: "invalid", message: MSG.badOwner(match.owner, match.source, problem) };
  return { owner: match.owner };
}

/** Exit 2 unless `open` can name an owner. */
export function requireOwner(suite: string, sources: OwnerSources): string {
  const outcome = lookupOwner(suite, sources);
  if ("owner" in outcome) return outcome.owner;
  throw new UserError(outcome.problem === "none" ? MSG.noOwner(suite) : outcome.message);
}
