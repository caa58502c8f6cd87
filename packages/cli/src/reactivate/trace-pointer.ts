// Verifying an entry's trace_pointer on disk (forensics.md §4.4, forensics_artifacts_attached):
// it must be a local file or directory with content, and its hash is recorded with the evidence
// so a later reader can tell whether the attached trace is still the one the replays saw.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareCodePoints, REMOTE_TRACE_POINTER_DETAIL, type TracePointerCheck } from "@flakewarden/core";

const CHUNK = 1 << 20;

/** Streamed, so a multi-gigabyte trace costs one buffer of memory. */
export function sha256File(abs: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(abs, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/** Regular files under a directory, as `/`-separated relative paths. Symlinked directories are not entered (no cycles). */
function filesUnder(dirAbs: string, rel = ""): string[] {
  const out: string[] = [];
  for (const dirent of fs.readdirSync(path.join(dirAbs, rel), { withFileTypes: true })) {
    const childRel = rel === "" ? dirent.name : `${rel}/${dirent.name}`;
    if (dirent.isDirectory()) out.push(...filesUnder(dirAbs, childRel));
    else if (dirent.isFile()) out.push(childRel);
    else if (dirent.isSymbolicLink()) {
      try {
        if (fs.statSync(path.join(dirAbs, childRel)).isFile()) out.push(childRel);
      } catch {
        // a dangling link is not part of the trace
      }
    }
  }
  return out;
}

/** One `<sha256>  <relative path>` line per file, sorted by path, hashed as UTF-8 text. */
export function sha256Directory(dirAbs: string): { sha256: string; files: number } {
  const files = filesUnder(dirAbs).sort(compareCodePoints);
  const listing = files.map((rel) => `${sha256File(path.join(dirAbs, ...rel.split("/")))}  ${rel}\n`).join("");
  return { sha256: createHash("sha256").update(listing, "utf8").digest("hex"), files: files.length };
}

/** The local path a pointer names, or the reason it names none. */
function localPath(pointer: string): { path: string } | { problem: string } {
  if (/^https?:\/\//i.test(pointer)) return { problem: REMOTE_TRACE_POINTER_DETAIL };
  const hash = pointer.indexOf("#");
  const bare = hash < 0 ? pointer : pointer.slice(0, hash);
  if (/^file:/i.test(bare)) {
    try {
      return { path: fileURLToPath(new URL(bare)) };
    } catch {
      // `file://relative/path` is not a valid file URL; read it as the relative path it names
      return { path: bare.replace(/^file:(\/\/)?/i, "") };
    }
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(bare)) return { problem: `trace_pointer is not a local path: ${pointer}` };
  return { path: bare };
}

export function checkTracePointer(pointer: unknown, root: string): TracePointerCheck {
  if (typeof pointer !== "string" || pointer.trim() === "") return { ok: false, detail: "trace_pointer is empty" };
  const local = localPath(pointer);
  if ("problem" in local) return { ok: false, detail: local.problem };
  if (local.path.trim() === "") return { ok: false, detail: `trace_pointer names no file: ${pointer}` };
  const abs = path.resolve(root, local.path);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return { ok: false, detail: `trace_pointer does not resolve: ${pointer}` };
  }
  try {
    if (stat.isFile()) {
      if (stat.size === 0) return { ok: false, detail: `trace_pointer is an empty file: ${pointer}` };
      return { ok: true, display: pointer, sha256: sha256File(abs) };
    }
    if (stat.isDirectory()) {
      const { sha256, files } = sha256Directory(abs);
      if (files === 0) return { ok: false, detail: `trace_pointer is an empty directory: ${pointer}` };
      return { ok: true, display: pointer, sha256 };
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    return { ok: false, detail: `trace_pointer cannot be read: ${pointer}: ${code}` };
  }
  return { ok: false, detail: `trace_pointer is not a file or directory: ${pointer}` };
}
