// The manifest edit lock (gate.md §4.10): `<manifest>.lock`, a regular file created exclusively
// and holding {acquired_at_utc, host, pid}. Every editor (quarantine open/resolve/sync,
// reactivate) follows this on-disk protocol, so it is written by hand: directory-and-mtime
// lockers cannot tell a dead holder from a live one and leave nothing to name in the timeout.
import fs from "node:fs";
import os from "node:os";
import process from "node:process";
import { formatZulu, isPlainObject, show } from "@flakewarden/core";
import { UserError } from "../errors.ts";
import { SIGNAL_EXIT_CODES } from "../io.ts";
import { MSG } from "../messages.ts";

export interface ManifestLockOptions {
  /** Seconds to keep polling; 0 = a single attempt. */
  timeoutS: number;
  stderr: { write(s: string): unknown };
  /** The lock path as messages show it. */
  lockDisplay: string;
}

const POLL_MS = 50;
/** A lock untouched this long is abandoned, whoever wrote it (e.g. a holder on another host). */
const STALE_AGE_MS = 60_000;
/** Immediate re-tries after a lock vanished or was removed as stale, before waiting a poll. */
const QUICK_RETRIES = 3;

interface Holder {
  pid: number;
  host: string;
  acquiredAt: string;
}

interface Observed {
  text: string;
  mtimeMs: number;
  holder: Holder | null;
}

function causeOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return code ?? String(error);
}

/** The lock as it is now, or null when it has gone. Unparsable content gives holder null. */
function observe(lockAbs: string, display: string): Observed | null {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(lockAbs).mtimeMs;
    text = fs.readFileSync(lockAbs, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw new UserError(MSG.cannotRead(display, causeOf(error)));
  }
  return { text, mtimeMs, holder: parseHolder(text) };
}

function parseHolder(text: string): Holder | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(value)) return null;
  const { pid, host, acquired_at_utc: acquiredAt } = value;
  if (typeof pid !== "number" || !Number.isSafeInteger(pid) || pid <= 0 || typeof host !== "string") return null;
  return { pid, host, acquiredAt: typeof acquiredAt === "string" ? acquiredAt : "?" };
}

/** kill(pid, 0) probes without signalling; only ESRCH proves the process is gone (EPERM = alive). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== "ESRCH";
  }
}

function isStale(lock: Observed, host: string): boolean {
  if (Date.now() - lock.mtimeMs > STALE_AGE_MS) return true;
  return lock.holder !== null && lock.holder.host === host && !processAlive(lock.holder.pid);
}

/**
 * Remove a stale lock only if it still holds what we judged: another editor may have removed it
 * and taken the lock in between, and that fresh lock must survive.
 */
function removeIfUnchanged(lockAbs: string, display: string, judged: Observed): boolean {
  const now = observe(lockAbs, display);
  if (now === null || now.text !== judged.text || now.mtimeMs !== judged.mtimeMs) return false;
  try {
    fs.unlinkSync(lockAbs);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return false;
    throw new UserError(MSG.lockCannotRemove(display, causeOf(error)));
  }
}

function tryCreate(lockAbs: string, content: string, display: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockAbs, "wx");
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") return false;
    throw new UserError(MSG.lockCannotCreate(display, causeOf(error)));
  }
  try {
    fs.writeFileSync(fd, content);
  } catch (error) {
    // An empty lock would read as held for a minute: take it back before giving up.
    fs.closeSync(fd);
    fs.rmSync(lockAbs, { force: true });
    throw new UserError(MSG.lockCannotCreate(display, causeOf(error)));
  }
  fs.closeSync(fd);
  return true;
}

function lockedError(display: string, lock: Observed | null): UserError {
  const holder = lock?.holder ?? null;
  if (holder === null) return new UserError(MSG.manifestLockedUnknown(display));
  return new UserError(MSG.manifestLocked(display, holder.pid, show(holder.host), show(holder.acquiredAt)));
}

async function acquire(lockAbs: string, content: string, options: ManifestLockOptions): Promise<void> {
  const host = os.hostname();
  const deadline = Date.now() + options.timeoutS * 1000;
  let quick = 0;
  for (;;) {
    if (tryCreate(lockAbs, content, options.lockDisplay)) return;
    const lock = observe(lockAbs, options.lockDisplay);
    if (lock === null || isStale(lock, host)) {
      if (lock !== null && removeIfUnchanged(lockAbs, options.lockDisplay, lock)) {
        options.stderr.write(`${MSG.staleLockRemoved(options.lockDisplay, lock.holder === null ? "?" : String(lock.holder.pid))}\n`);
      }
      if (quick < QUICK_RETRIES) {
        quick += 1;
        continue;
      }
    }
    const left = deadline - Date.now();
    if (left <= 0) throw lockedError(options.lockDisplay, lock);
    quick = 0;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
  }
}

/** Remove our lock, and only ours: a holder judged stale may have been replaced by then. */
function release(lockAbs: string, content: string): void {
  try {
    if (fs.readFileSync(lockAbs, "utf8") === content) fs.unlinkSync(lockAbs);
  } catch {
    // already gone: nothing to release
  }
}

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Run `body` holding the lock of the manifest at `manifestAbs` (the lexical path + `.lock`).
 * The lock is released after the body on every path, and on SIGINT/SIGTERM, which then end
 * the process by the same signal.
 */
export async function withManifestLock<T>(manifestAbs: string, options: ManifestLockOptions, body: () => Promise<T>): Promise<T> {
  const lockAbs = `${manifestAbs}.lock`;
  // Ages and acquired_at_utc come from the system clock, never --now: other editors judge them.
  const content = `${JSON.stringify({ acquired_at_utc: formatZulu(Date.now()), host: os.hostname(), pid: process.pid })}\n`;
  await acquire(lockAbs, content, options);
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = (): void => {
      release(lockAbs, content);
      removeListeners();
      // End by the same signal, as if it had never been caught. Node restores the default action
      // once no listener is left, so this does not return; Deno keeps its handler installed, so
      // the exit status shells use for that signal follows.
      process.kill(process.pid, signal);
      process.exit(SIGNAL_EXIT_CODES[signal]);
    };
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  function removeListeners(): void {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  }
  try {
    return await body();
  } finally {
    removeListeners();
    release(lockAbs, content);
  }
}
