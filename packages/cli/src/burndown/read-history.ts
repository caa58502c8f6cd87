// Reading the nightly history directory for burndown: one run_manifest.json per subdirectory.
// Which runs count, and why one is skipped, is core's decision (burndownHistory).
import fs from "node:fs";
import path from "node:path";
import { RUN_MANIFEST_NAME, type HistoryInput, type HistoryRunInput } from "@flakewarden/core";
import { readJson, writeCause } from "../files.ts";
import type { ResolvedPath } from "../paths.ts";

function isDirectory(abs: string, entry: fs.Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false; // a dangling link is not a run
  }
}

export function readHistory(dir: ResolvedPath): HistoryInput {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir.abs, { withFileTypes: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return { kind: "missing", path: dir.display };
    return { kind: "unreadable", path: dir.display, cause: code === "ENOTDIR" ? "not a directory" : writeCause(error) };
  }
  const runs: HistoryRunInput[] = [];
  for (const entry of entries) {
    const abs = path.join(dir.abs, entry.name);
    if (!isDirectory(abs, entry)) continue;
    // Run paths are shown under the history dir's own display form (absolute stays absolute).
    const display = path.posix.join(dir.display, entry.name);
    runs.push({
      name: entry.name,
      dir: display,
      manifest: readJson({ abs: path.join(abs, RUN_MANIFEST_NAME), display: path.posix.join(display, RUN_MANIFEST_NAME) }),
    });
  }
  return { kind: "runs", path: dir.display, runs };
}
