// runArgv follows the detect unit's process-group rules (group-supervisor.ts): SIGTERM on
// timeout, SIGKILL 5 s later, a sweep when the child exits, killAllUnits on SIGINT/SIGTERM, and
// the signal that ended the child is reported.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import test from "node:test";
import { killAllUnits, runArgv } from "../src/index.ts";
import { liveGroupMembersAfterKill, readPid, waitForFile } from "./support/process-group.ts";

const NODE = process.execPath;
const tmp = (): string => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "fw-run-argv-")));

test("runArgv's timeout sends SIGTERM first, so a child can say why it stops", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const script = `
    process.on("SIGTERM", () => { process.stdout.write("got SIGTERM\\n"); process.exit(0); });
    require("node:fs").writeFileSync("pid", String(process.pid));
    setInterval(() => {}, 1000);
  `;
  const r = await runArgv({ argv: [NODE, "-e", script], cwd: dir, timeoutMs: 1_000 });
  assert.equal(r.timedOut, true);
  assert.equal(r.stdout, "got SIGTERM\n");
  // It exited by itself after the SIGTERM: no signal ended it, and a timed-out run has no exit code.
  assert.equal(r.signal, null);
  assert.equal(r.exitCode, null);
});

test("runArgv names SIGTERM when the timeout's SIGTERM ended the child", { timeout: 30_000 }, async () => {
  const r = await runArgv({ argv: [NODE, "-e", "setInterval(() => {}, 1000)"], cwd: tmp(), timeoutMs: 500 });
  assert.deepEqual({ timedOut: r.timedOut, signal: r.signal, exitCode: r.exitCode }, { timedOut: true, signal: "SIGTERM", exitCode: null });
});

test("runArgv escalates to SIGKILL when the whole group ignores SIGTERM", { timeout: 60_000 }, async () => {
  const dir = tmp();
  const grandchild = `process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);`;
  const child = `
    const fs = require("node:fs");
    process.on("SIGTERM", () => fs.writeSync(2, "child got SIGTERM\\n"));
    require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "ignore" });
    fs.writeFileSync("pid", String(process.pid));
    setInterval(() => {}, 1000);
  `;
  const r = await runArgv({ argv: [NODE, "-e", child], cwd: dir, timeoutMs: 1_000 });
  assert.equal(r.timedOut, true);
  assert.equal(r.signal, "SIGKILL");
  assert.equal(r.exitCode, null);
  assert.match(r.stderr, /^child got SIGTERM$/m);
  assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dir, "pid"))), []);
});

test("runArgv reports a signal that was not its timeout", { timeout: 30_000 }, async () => {
  const r = await runArgv({ argv: [NODE, "-e", "process.stdout.write('{}\\n'); process.kill(process.pid, 'SIGKILL')"], cwd: tmp(), timeoutMs: 30_000 });
  assert.deepEqual(
    { timedOut: r.timedOut, signal: r.signal, exitCode: r.exitCode, spawnError: r.spawnError, stdout: r.stdout },
    { timedOut: false, signal: "SIGKILL", exitCode: null, spawnError: null, stdout: "{}\n" },
  );
});

test("runArgv returns when the child exits and kills a grandchild that still holds its pipes", { timeout: 30_000 }, async () => {
  const dir = tmp();
  // Without the sweep the background sleep would keep stdout open for 60 s.
  const r = await runArgv({ argv: ["sh", "-c", "sleep 60 & echo $$ > pid; echo done"], cwd: dir, timeoutMs: 30_000 });
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout, "done\n");
  assert.equal(r.timedOut, false);
  assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dir, "pid"))), []);
});

test("killAllUnits also kills the group of a running runArgv child", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const running = runArgv({ argv: ["sh", "-c", "(trap '' TERM; exec sleep 60) & echo $$ > pid; exec sleep 60"], cwd: dir, timeoutMs: 60_000 });
  await waitForFile(path.join(dir, "pid"));
  killAllUnits();
  const r = await running;
  assert.equal(r.signal, "SIGKILL");
  assert.equal(r.timedOut, false);
  assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dir, "pid"))), []);
});

test("runArgv reports an argument the runtime refuses as a start failure, not a throw", async () => {
  const r = await runArgv({ argv: [NODE, "-e", "x\u0000y"], cwd: tmp(), timeoutMs: 5_000 });
  assert.equal(r.exitCode, null);
  assert.notEqual(r.spawnError, null);
});
