// Test support for the quarantine commands: in-process runs with the §8 clock, and the checks
// every refused edit must pass (exit 2, exact ERROR lines, empty stdout, no crash, bytes unchanged).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { assertNoCrash, BIN, NOW, PATHS, runCli, type CliResult } from "./cli.ts";

export const MANIFEST_DISPLAY = PATHS.manifest;

/** `flakewarden quarantine <args>` in-process at §8's now. */
export function quarantine(root: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(root, ["quarantine", ...args, "--now", NOW], { env });
}

/** The manifest bytes, or null when there is no regular file. */
export function manifestBytes(root: string, rel: string = PATHS.manifest): Buffer | null {
  const abs = path.join(root, rel);
  return fs.existsSync(abs) && fs.statSync(abs).isFile() ? fs.readFileSync(abs) : null;
}

/** A refused run: exit 2, exactly these ERROR lines, nothing on stdout, no stack, manifest untouched. */
export function assertRefused(r: CliResult, lines: string[], before: Buffer | null, after: Buffer | null): void {
  assertNoCrash(r);
  assert.equal(r.code, 2, `expected exit 2, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.equal(r.stdout, "");
  const errors = r.stderr.split("\n").filter((l) => l.startsWith("ERROR: "));
  assert.deepEqual(errors, lines.map((l) => `ERROR: ${l}`));
  assert.deepEqual(after, before, "the manifest bytes changed");
}

/** Files in a directory whose names end like a lock or a temp file of the atomic writer. */
export function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => name.endsWith(".lock") || name.endsWith(".tmp"));
}

export interface Spawned {
  child: ReturnType<typeof spawn>;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** The bundled bin as a concurrent child process (runBin is synchronous). */
export function spawnBin(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", FLAKEWARDEN_NOW: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Poll `check` every 10 ms until it returns a value, failing after `timeoutMs` (a generous bound). */
export async function waitFor<T>(what: string, check: () => T | null | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
