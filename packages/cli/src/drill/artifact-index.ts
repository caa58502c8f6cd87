// The repro bundle's hashed index (forensics.md §3.2): every file under the artifact dir, by
// path, with a streamed sha256, so a reader can prove nothing was swapped after the drill.
import fs from "node:fs";
import path from "node:path";
import { compareCodePoints } from "@flakewarden/core";
import { sha256File } from "../reactivate/trace-pointer.ts";

export interface IndexEntry {
  path: string;
  sha256: string;
  size_bytes: number;
}

function filesUnder(dirAbs: string): string[] {
  const out: string[] = [];
  for (const dirent of fs.readdirSync(dirAbs, { withFileTypes: true })) {
    const abs = path.join(dirAbs, dirent.name);
    if (dirent.isDirectory()) out.push(...filesUnder(abs));
    else if (dirent.isFile()) out.push(abs);
  }
  return out;
}

export function artifactIndex(dirAbs: string, exclude: string, outPath: (abs: string) => string): IndexEntry[] {
  return filesUnder(dirAbs)
    .filter((abs) => abs !== exclude)
    .map((abs) => ({ path: outPath(abs), sha256: sha256File(abs), size_bytes: fs.statSync(abs).size }))
    .sort((a, b) => compareCodePoints(a.path, b.path));
}
