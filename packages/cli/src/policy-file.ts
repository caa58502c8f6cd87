// Reading the governance policy: the exit-2 cases of gate.md §2.2 and the non-gate rule of §2.1.
import fs from "node:fs";
import { BUILTIN_POLICY, checkPolicy, isPlainObject, unreadableReason, type ResolvedPolicy } from "@flakewarden/core";
import { UserError } from "./errors.ts";
import { readJson } from "./files.ts";
import type { Io } from "./io.ts";
import { MSG } from "./messages.ts";
import { baseDirOf, resolveFrom, type ResolvedPath } from "./paths.ts";

export const DEFAULT_POLICY_PATH = ".github/wasm_flake_governance_policy.json";

export interface PolicyLocation {
  file: ResolvedPath;
  baseDir: string;
}

export function locatePolicy(io: Io, flag: string | undefined): PolicyLocation {
  const file = resolveFrom(io.cwd, flag ?? DEFAULT_POLICY_PATH, io.cwd);
  return { file, baseDir: baseDirOf(file.abs, io.cwd) };
}

/** The policy's root object, or exit 2 with one of the four unreadable-policy messages. */
export function readPolicyObject(location: PolicyLocation): Record<string, unknown> {
  const loaded = readJson(location.file);
  if (loaded.kind === "missing") throw new UserError(MSG.fileNotFound(loaded.path));
  if (loaded.kind !== "json") throw new UserError(unreadableReason(loaded));
  if (!isPlainObject(loaded.value)) throw new UserError(MSG.rootObject(loaded.path));
  return loaded.value;
}

/**
 * Non-gate commands: a missing default policy means built-in defaults (with a note);
 * anything else wrong with the policy is exit 2, one line per WG-POLICY finding.
 */
export function loadPolicyForCommand(io: Io, flag: string | undefined): { policy: ResolvedPolicy; location: PolicyLocation; builtin: boolean } {
  const location = locatePolicy(io, flag);
  if (flag === undefined && !fs.existsSync(location.file.abs)) {
    io.stderr.write(`${MSG.noPolicyNote(location.file.display)}\n`);
    return { policy: BUILTIN_POLICY, location, builtin: true };
  }
  const raw = readPolicyObject(location);
  const checked = checkPolicy(raw);
  if (checked.policy === null) throw new UserError(...checked.findings.map((f) => MSG.policyFinding(f.check_id, f.message)));
  return { policy: checked.policy, location, builtin: false };
}
