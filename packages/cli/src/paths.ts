// Path rules shared by every command (gate.md §2.1): base dir, resolution, display paths.
import path from "node:path";

/** A path plus how to show it: as written when the user wrote it absolute, else relative to the cwd. */
export interface ResolvedPath {
  abs: string;
  display: string;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

export function resolveFrom(base: string, value: string, cwd: string): ResolvedPath {
  const abs = path.resolve(base, value);
  if (path.isAbsolute(value)) return { abs, display: value };
  return { abs, display: displayOf(abs, cwd) };
}

export function displayOf(abs: string, cwd: string): string {
  const rel = toPosix(path.relative(cwd, abs));
  return rel === "" ? "." : rel;
}

/** The policy's base dir: the parent of a `.github` directory holding it, else the cwd (lexical). */
export function baseDirOf(policyAbs: string, cwd: string): string {
  const parent = path.dirname(policyAbs);
  return path.basename(parent) === ".github" ? path.dirname(parent) : cwd;
}
