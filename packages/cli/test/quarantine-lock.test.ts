// The manifest lock and atomic writes (gate.md §4.10): gate acceptance 30, with real processes
// of the bundled bin (`npm run build -w @flakewarden/cli` first).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { QuarantineManifest } from "@flakewarden/core";
import { assertNoCrash, CLI_ROOT, entry, gate, hoursAgo, makeTree, manifest, NOW, PATHS, readJsonFile, result, runBin, write } from "./support/cli.ts";
import { assertRefused, leftovers, manifestBytes, spawnBin, waitFor } from "./support/quarantine.ts";

const LOCK = `${PATHS.manifest}.lock`;
const HOST = os.hostname();

function openArgs(suite: string, extra: string[] = []): string[] {
  return [
    "quarantine",
    "open",
    "--suite",
    suite,
    "--severity",
    "medium",
    "--owner",
    "runtime-core",
    "--replay-command",
    "npm test",
    "--trace-pointer",
    `t/${suite}.json`,
    "--now",
    NOW,
    ...extra,
  ];
}

function lockContent(pid: number, host = HOST, since = "2026-03-10T11:59:00Z"): string {
  return `${JSON.stringify({ acquired_at_utc: since, host, pid })}\n`;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  assert.equal(r.status, 0);
  assert.ok(r.pid !== undefined && r.pid > 0);
  return r.pid;
}

function artifacts(root: string): string {
  return path.join(root, "artifacts");
}

test("gate acceptance 30: twenty concurrent `quarantine open` processes all succeed: 20 entries, 20 distinct ids, nothing left", async () => {
  const root = makeTree();
  const runs = Array.from({ length: 20 }, (_, i) => spawnBin(root, openArgs(`s${i}`, ["--lock-timeout", "30"])));
  const results = await Promise.all(runs.map((r) => r.done));
  results.forEach((r, i) => {
    assertNoCrash(r);
    assert.equal(r.code, 0, `s${i}: ${r.stderr}`);
    assert.equal(r.stdout, `opened Q-S${i}-20260310 for suite s${i} (severity medium, sla 168h, owner runtime-core)\n`);
  });
  const doc = readJsonFile(root, PATHS.manifest);
  assert.equal(QuarantineManifest.safeParse(doc).success, true);
  assert.equal(doc.entries.length, 20);
  assert.equal(new Set(doc.entries.map((e: any) => e.id)).size, 20);
  assert.deepEqual(doc.entries.map((e: any) => e.suite).sort(), Array.from({ length: 20 }, (_, i) => `s${i}`).sort());
  assert.deepEqual(leftovers(artifacts(root)), []);
  const g = await gate(root);
  assert.equal(result(g.report, "WG-QUAR").detail, "quarantine healthy (entries=20, unresolved_high=0, unresolved_critical=0)");
});

test("gate acceptance 30: concurrent opens of one suite get the base id and -2 … -10, never a shared id", async () => {
  const root = makeTree();
  const runs = Array.from({ length: 10 }, () => spawnBin(root, openArgs("same", ["--lock-timeout", "30", "--allow-duplicate-suite"])));
  const results = await Promise.all(runs.map((r) => r.done));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const ids = readJsonFile(root, PATHS.manifest).entries.map((e: any) => e.id);
  assert.deepEqual([...ids].sort(), ["Q-SAME-20260310", ...Array.from({ length: 9 }, (_, i) => `Q-SAME-20260310-${i + 2}`)].sort());
  assert.deepEqual(leftovers(artifacts(root)), []);
});

test("gate acceptance 30: a lock naming this host and a live pid makes --lock-timeout 1 exit 2 after about a second, manifest unchanged", async () => {
  const root = makeTree();
  const held = lockContent(process.pid);
  write(root, LOCK, held);
  const before = manifestBytes(root);
  const started = Date.now();
  const r = runBin(root, openArgs("s0", ["--lock-timeout", "1"]));
  const elapsed = Date.now() - started;
  assertRefused(r, [`manifest is locked: ${LOCK} (pid ${process.pid} on ${HOST} since 2026-03-10T11:59:00Z)`], before, manifestBytes(root));
  assert.equal(r.stderr, `ERROR: manifest is locked: ${LOCK} (pid ${process.pid} on ${HOST} since 2026-03-10T11:59:00Z)\n`);
  assert.ok(elapsed >= 950, `gave up after ${elapsed} ms, before the 1 s timeout`);
  assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
  assert.deepEqual(manifestBytes(root), before);
  assert.equal(fs.readFileSync(path.join(root, LOCK), "utf8"), held, "someone else's live lock is never removed");
});

test("gate acceptance 30: --lock-timeout 0 makes a single attempt", async () => {
  const root = makeTree();
  write(root, LOCK, lockContent(process.pid));
  const before = manifestBytes(root);
  const r = runBin(root, openArgs("s0", ["--lock-timeout", "0"]));
  assertRefused(r, [`manifest is locked: ${LOCK} (pid ${process.pid} on ${HOST} since 2026-03-10T11:59:00Z)`], before, manifestBytes(root));
});

test("gate acceptance 30: a lock naming this host and a dead pid is taken over with a note", async () => {
  const root = makeTree();
  const pid = deadPid();
  write(root, LOCK, lockContent(pid));
  const r = runBin(root, openArgs("s0", ["--lock-timeout", "5"]));
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `note: removed stale lock ${LOCK} (pid ${pid})\n`);
  assert.equal(readJsonFile(root, PATHS.manifest).entries.length, 1);
  assert.deepEqual(leftovers(artifacts(root)), []);
});

test("gate acceptance 30: a lock older than 60 s is stale whoever holds it; a fresh one from another host is held", async () => {
  const root = makeTree();
  const lockAbs = path.join(root, LOCK);
  write(root, LOCK, lockContent(process.pid, "some-other-host"));
  const before = manifestBytes(root);
  const held = runBin(root, openArgs("s0", ["--lock-timeout", "0"]));
  assertRefused(held, [`manifest is locked: ${LOCK} (pid ${process.pid} on some-other-host since 2026-03-10T11:59:00Z)`], before, manifestBytes(root));
  assert.equal(held.stderr, `ERROR: manifest is locked: ${LOCK} (pid ${process.pid} on some-other-host since 2026-03-10T11:59:00Z)\n`);

  const old = new Date(Date.now() - 120_000);
  fs.utimesSync(lockAbs, old, old);
  const r = runBin(root, openArgs("s0", ["--lock-timeout", "0"]));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `note: removed stale lock ${LOCK} (pid ${process.pid})\n`);
});

test("gate acceptance 30: an unparsable lock is held (holder unknown) until it is 60 s old, then removed as pid ?", async () => {
  const root = makeTree();
  const lockAbs = path.join(root, LOCK);
  write(root, LOCK, '{"acquired_at_u');
  const before = manifestBytes(root);
  const held = runBin(root, openArgs("s0", ["--lock-timeout", "0.2"]));
  assertRefused(held, [`manifest is locked: ${LOCK} (holder unknown)`], before, manifestBytes(root));
  assert.equal(held.stderr, `ERROR: manifest is locked: ${LOCK} (holder unknown)\n`);

  const old = new Date(Date.now() - 61_000);
  fs.utimesSync(lockAbs, old, old);
  const r = runBin(root, openArgs("s0", ["--lock-timeout", "0"]));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `note: removed stale lock ${LOCK} (pid ?)\n`);
  assert.equal(fs.existsSync(lockAbs), false);
});

test("gate acceptance 30: a writer SIGKILLed while holding the lock leaves the old manifest whole; the next edit takes over", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-OLD", "medium", "open", hoursAgo(3), 168)]) });
  const before = manifestBytes(root);
  const dir = artifacts(root);
  // The test hook stalls the writer after the temp file is complete, before the rename.
  const writer = spawnBin(root, openArgs("killed"), { FLAKEWARDEN_TEST_PAUSE_BEFORE_RENAME_MS: "60000" });
  const temp = await waitFor("the writer's complete temp file", () => {
    const name = fs.readdirSync(dir).find((n) => n.endsWith(".tmp"));
    if (name === undefined) return null;
    try {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
      return doc.entries.length === 2 ? name : null;
    } catch {
      return null;
    }
  });
  const lockHolder = JSON.parse(fs.readFileSync(path.join(root, LOCK), "utf8"));
  assert.equal(lockHolder.pid, writer.child.pid);
  assert.equal(lockHolder.host, HOST);
  writer.child.kill("SIGKILL");
  const killed = await writer.done;
  assert.equal(killed.signal, "SIGKILL");
  // The manifest is the old one, byte for byte: never truncated, never half written.
  assert.deepEqual(manifestBytes(root), before);
  assert.ok(fs.existsSync(path.join(root, LOCK)), "the dead writer's lock is still there");

  const next = runBin(root, openArgs("next", ["--lock-timeout", "5"]));
  assertNoCrash(next);
  assert.equal(next.code, 0, next.stderr);
  assert.equal(next.stderr, `note: removed stale lock ${LOCK} (pid ${writer.child.pid})\n`);
  const doc = readJsonFile(root, PATHS.manifest);
  assert.deepEqual(
    doc.entries.map((e: any) => e.id),
    ["Q-OLD", "Q-NEXT-20260310"],
  );
  assert.equal(QuarantineManifest.safeParse(doc).success, true);
  assert.equal(fs.existsSync(path.join(root, LOCK)), false);
  // Only the killed writer's own temp file remains; it never replaced the manifest.
  assert.deepEqual(leftovers(dir), [temp]);
});

test("gate acceptance 30: the lock holds {acquired_at_utc, host, pid} and SIGTERM or SIGINT releases it", async () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const root = makeTree();
    const manifestAbs = path.join(root, PATHS.manifest);
    const child = spawn(process.execPath, ["--import", "tsx", path.join(CLI_ROOT, "test/support/hold-manifest-lock.ts"), manifestAbs], {
      cwd: CLI_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, sig) => resolve(sig)));
    await waitFor("the holder to report the lock", () => (stdout.includes("locked\n") ? true : null));
    const lockAbs = `${manifestAbs}.lock`;
    const content = fs.readFileSync(lockAbs, "utf8");
    const held = JSON.parse(content);
    assert.deepEqual(Object.keys(held), ["acquired_at_utc", "host", "pid"]);
    assert.equal(held.pid, child.pid);
    assert.equal(held.host, HOST);
    assert.match(held.acquired_at_utc, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // Held by a live process: an editor gives up and leaves it alone.
    const before = manifestBytes(root);
    const blocked = runBin(root, openArgs("s0", ["--lock-timeout", "0"]));
    assertRefused(blocked, [`manifest is locked: ${LOCK} (pid ${child.pid} on ${HOST} since ${held.acquired_at_utc})`], before, manifestBytes(root));
    child.kill(signal);
    assert.equal(await exited, signal, stderr);
    assert.equal(fs.existsSync(lockAbs), false, `${signal} left the lock behind`);
    assert.equal(stdout, "locked\n", "the body did not run to completion");
  }
});

test("gate acceptance 30: a lock path that is not a regular file is exit 2, never a crash", async () => {
  const root = makeTree();
  fs.mkdirSync(path.join(root, LOCK));
  const before = manifestBytes(root);
  const r = runBin(root, openArgs("s0", ["--lock-timeout", "0"]));
  assertRefused(r, [`cannot read ${LOCK}: is a directory`], before, manifestBytes(root));
  assert.ok(fs.statSync(path.join(root, LOCK)).isDirectory(), "the directory is left alone");
});
