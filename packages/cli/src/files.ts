// Reading inputs into the shapes core understands, and writing outputs atomically.
import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { parseJson, type LoadedJson, type LoadedText } from "@flakewarden/core";
import type { ResolvedPath } from "./paths.ts";

type RawRead = { kind: "missing" } | { kind: "unreadable"; cause: string } | { kind: "text"; text: string };

function causeOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? String(error);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Strict UTF-8 decoding. Invalid bytes decode to U+FFFD, so only a text that contains U+FFFD
 * needs the full validation pass (it may also be a legitimate U+FFFD).
 */
function decodeUtf8(bytes: Buffer): string | null {
  if (typeof isUtf8 === "function") {
    const text = bytes.toString("utf8");
    return !text.includes("\uFFFD") || isUtf8(bytes) ? text : null;
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

function readRaw(abs: string): RawRead {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(abs);
    if (stat.isDirectory()) return { kind: "unreadable", cause: "is a directory" };
    if (!stat.isFile()) return { kind: "unreadable", cause: "not a regular file" };
    bytes = fs.readFileSync(abs);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "unreadable", cause: causeOf(error) };
  }
  const text = decodeUtf8(bytes);
  return text === null ? { kind: "unreadable", cause: "not valid UTF-8" } : { kind: "text", text };
}

export function readText(p: ResolvedPath): LoadedText {
  const raw = readRaw(p.abs);
  if (raw.kind === "text") return { kind: "text", path: p.display, text: raw.text };
  return { ...raw, path: p.display };
}

export function readJson(p: ResolvedPath): LoadedJson {
  const raw = readRaw(p.abs);
  if (raw.kind !== "text") return { ...raw, path: p.display };
  const parsed = parseJson(raw.text);
  if (parsed.ok) return { kind: "json", path: p.display, value: parsed.value };
  return { kind: "invalid-json", path: p.display, line: parsed.line, column: parsed.column, problem: parsed.problem };
}

let tempCounter = 0;

/**
 * Write to a temp file beside the target, fsync, rename: readers never see half a file.
 * `beforeRename` runs between the two (a test hook of the manifest writer).
 */
export function writeAtomic(abs: string, content: string, beforeRename?: () => void): void {
  const dir = path.dirname(abs);
  fs.mkdirSync(dir, { recursive: true });
  tempCounter += 1;
  const temp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${tempCounter}.tmp`);
  try {
    const fd = fs.openSync(temp, "wx");
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    beforeRename?.();
    fs.renameSync(temp, abs);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

export function writeCause(error: unknown): string {
  return causeOf(error);
}

/**
 * Remove regular files and symlinks (such as `<out>/latest`) at these paths, never directories:
 * no stale verdict survives a failed run.
 */
export function removeFiles(paths: Iterable<string>): void {
  for (const abs of paths) {
    try {
      const stat = fs.lstatSync(abs);
      if (stat.isFile() || stat.isSymbolicLink()) fs.unlinkSync(abs);
    } catch {
      // absent or not removable: nothing stale to remove
    }
  }
}
