// The walk of `flakewarden report --in` (reports.md §3.1): *.json/*.ndjson down to 8 path segments, no
// dot names, no node_modules, not the --out tree nor another report site, symlinks listed but never
// followed, oversized and unreadable entries listed with their reason. Sorted by code point.
import fs from "node:fs";
import path from "node:path";
import { compareCodePoints } from "@flakewarden/core";

export const MAX_SEGMENTS = 8;
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const MARKER = ".flakewarden-report";

export interface WalkInput {
  path: string;
  bytes: Uint8Array | null;
  skipped: string | null;
}

export interface WalkResult {
  inputs: WalkInput[];
  fileIndex: Set<string>;
}

function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? "EIO";
}

function isInputName(name: string): boolean {
  return name.endsWith(".json") || name.endsWith(".ndjson");
}

/** `skipAbs`: absolute (real) paths of trees not to enter (the --out directory). */
export function walkInputs(rootAbs: string, skipAbs: readonly string[]): WalkResult {
  const inputs: WalkInput[] = [];
  const fileIndex = new Set<string>();
  const visit = (dirAbs: string, rel: string[]): void => {
    let names: string[];
    try {
      names = fs.readdirSync(dirAbs);
    } catch (error) {
      if (rel.length === 0) throw error;
      inputs.push({ path: rel.join("/"), bytes: null, skipped: `unreadable (${codeOf(error)})` });
      return;
    }
    if (rel.length > 0 && names.includes(MARKER)) return; // another report site
    names.sort(compareCodePoints);
    for (const name of names) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const abs = path.join(dirAbs, name);
      const segs = [...rel, name];
      if (segs.length > MAX_SEGMENTS) continue;
      const relPath = segs.join("/");
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(abs);
      } catch (error) {
        inputs.push({ path: relPath, bytes: null, skipped: `unreadable (${codeOf(error)})` });
        continue;
      }
      if (stat.isSymbolicLink()) {
        inputs.push({ path: relPath, bytes: null, skipped: "symlink not followed" });
        continue;
      }
      if (stat.isDirectory()) {
        if (skipAbs.includes(abs) || skipAbs.includes(realOrSelf(abs))) continue;
        if (segs.length < MAX_SEGMENTS) visit(abs, segs);
        continue;
      }
      if (!stat.isFile()) continue;
      fileIndex.add(relPath);
      if (!isInputName(name)) continue;
      if (stat.size > MAX_INPUT_BYTES) {
        inputs.push({ path: relPath, bytes: null, skipped: "too large to inspect" });
        continue;
      }
      try {
        // A plain Uint8Array view of the Buffer, not a copy: copying the scale scenario's 11 MB of inputs cost
        // ~50 ms of page faults and zeroing on one core (reports.md §4.16).
        const buf = fs.readFileSync(abs);
        inputs.push({ path: relPath, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), skipped: null });
      } catch (error) {
        inputs.push({ path: relPath, bytes: null, skipped: `unreadable (${codeOf(error)})` });
      }
    }
  };
  visit(rootAbs, []);
  inputs.sort((a, b) => compareCodePoints(a.path, b.path));
  return { inputs, fileIndex };
}

function realOrSelf(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}

/** An absolute path resolved through symlinks as far as it exists (the rest appended lexically). */
export function realPathLoose(abs: string): string {
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = fs.realpathSync(cur);
      return missing.length === 0 ? real : path.join(real, ...missing.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      missing.push(path.basename(cur));
      cur = parent;
    }
  }
}
