import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import test from "node:test";
import { fileURLToPath } from "node:url";
import { killAllUnits, resolveExecutable, runUnit } from "../src/index.ts";
import type { RunUnitOptions, UnitCommand } from "../src/index.ts";
import { liveGroupMembersAfterKill, readPid, waitForFile } from "./support/process-group.ts";

const NODE = process.execPath;
const ENV: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
const DENO = fileURLToPath(new URL("../../../node_modules/.bin/deno", import.meta.url));

const tmp = (): string => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "fw-run-unit-")));

function unit(dir: string, command: UnitCommand, extra: Partial<RunUnitOptions> = {}): RunUnitOptions {
  return {
    command,
    cwd: dir,
    env: ENV,
    timeoutMs: 30_000,
    logPath: path.join(dir, "run_1.log"),
    instantNs: null,
    commandStartNs: process.hrtime.bigint(),
    ...extra,
  };
}

const readLog = (dir: string): string => fs.readFileSync(path.join(dir, "run_1.log"), "utf8");

test("runUnit reports the exit code of an argv command", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const failing = await runUnit(unit(dir, { argv: [NODE, "-e", "process.exit(3)"] }));
  assert.equal(failing.exitCode, 3);
  assert.equal(failing.spawnError, null);
  assert.equal(failing.timedOut, false);
  assert.equal(failing.signal, null);
  assert.match(failing.durationNs, /^\d+$/);
  const passing = await runUnit(unit(dir, { argv: [NODE, "-e", "process.exit(0)"] }));
  assert.equal(passing.exitCode, 0);
});

test("runUnit writes stdout and stderr in write order to one descriptor of the truncated log", { timeout: 30_000 }, async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "run_1.log"), "stale content from an earlier run that is longer than the new one\n".repeat(20));
  const script = `
    const fs = require("node:fs");
    for (let i = 1; i <= 3; i++) { fs.writeSync(1, "out " + i + "\\n"); fs.writeSync(2, "err " + i + "\\n"); }
    fs.writeSync(1, fs.readlinkSync("/proc/self/fd/1") + "\\n");
    fs.writeSync(2, fs.readlinkSync("/proc/self/fd/2") + "\\n");
  `;
  const outcome = await runUnit(unit(dir, { argv: [NODE, "-e", script] }));
  assert.equal(outcome.exitCode, 0);
  const log = path.join(dir, "run_1.log");
  // Both descriptors are the log file itself (not pipes), so the kernel keeps the write order.
  assert.equal(readLog(dir), `out 1\nerr 1\nout 2\nerr 2\nout 3\nerr 3\n${log}\n${log}\n`);
});

test("runUnit in pipe mode appends both streams to the log and still sweeps the group", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const outcome = await runUnit(
    unit(dir, { shell: "sleep 60 & echo $! > gpid; echo $$ > pid; echo out 1; echo err 1 >&2; echo out 2; echo err 2 >&2; exit 4" }),
    "pipes",
  );
  assert.equal(outcome.exitCode, 4);
  const lines = readLog(dir).split("\n").filter((line) => line !== "");
  assert.deepEqual([...lines].sort(), ["err 1", "err 2", "out 1", "out 2"]);
  // Arrival order across two pipes is the scheduler's, but each stream keeps its own order.
  assert.deepEqual(lines.filter((line) => line.startsWith("out")), ["out 1", "out 2"]);
  assert.deepEqual(lines.filter((line) => line.startsWith("err")), ["err 1", "err 2"]);
  assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dir, "pid"))), []);
});

test("runUnit reports a command that cannot start, with an empty log", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const missing = await runUnit(unit(dir, { argv: ["fw-no-such-command-9f3"] }));
  assert.equal(missing.spawnError, "spawn fw-no-such-command-9f3 ENOENT");
  assert.equal(missing.exitCode, null);
  assert.equal(missing.timedOut, false);
  assert.equal(missing.signal, null);
  assert.match(missing.durationNs, /^\d+$/);
  assert.match(missing.endedAtNs, /^\d+$/);
  assert.equal(readLog(dir), "");

  const notExecutable = path.join(dir, "data.txt");
  fs.writeFileSync(notExecutable, "x", { mode: 0o644 });
  assert.equal((await runUnit(unit(dir, { argv: ["./data.txt"] }))).spawnError, "spawn ./data.txt EACCES");
  assert.equal((await runUnit(unit(dir, { argv: [] }))).spawnError, "empty argv");
  assert.equal((await runUnit(unit(path.join(dir, "gone"), { argv: [NODE, "-e", ""] }, { logPath: path.join(dir, "run_1.log") }))).spawnError, "cwd is not an existing directory");
});

test("runUnit runs a shell string through sh -c exactly as written, with only the given environment", { timeout: 30_000 }, async () => {
  const dir = tmp();
  // ${0##*/}: Deno passes the resolved path as argv[0] where Node passes "sh".
  const shell = `printf 'a\\nb\\nc\\n' | grep -c . >&2; echo "\${0##*/} $GREETING \${HOME-unset}"; pwd; exit 7`;
  const outcome = await runUnit(unit(dir, { shell }, { env: { ...ENV, GREETING: "hi there" } }));
  assert.equal(outcome.exitCode, 7);
  assert.equal(readLog(dir), `3\nsh hi there unset\n${dir}\n`);
});

test("runUnit kills the whole group on timeout, including a grandchild that ignores SIGTERM", { timeout: 30_000 }, async () => {
  const dir = tmp();
  // The leader dies of SIGTERM; the grandchild ignores it and must still die at once.
  const shell = "(trap '' TERM; exec sleep 60) & echo $! > gpid; echo $$ > pid; exec sleep 60";
  const outcome = await runUnit(unit(dir, { shell }, { timeoutMs: 1_500 }));
  assert.equal(outcome.timedOut, true);
  assert.equal(outcome.exitCode, null);
  assert.equal(outcome.signal, null);
  assert.equal(outcome.spawnError, null);
  const pgid = readPid(path.join(dir, "pid"));
  assert.ok(readPid(path.join(dir, "gpid")) > 0, "the grandchild was started");
  assert.deepEqual(await liveGroupMembersAfterKill(pgid), []);
});

test("runUnit escalates a timeout from SIGTERM to SIGKILL when the whole group ignores SIGTERM", { timeout: 60_000 }, async () => {
  const dir = tmp();
  const grandchild = `
    process.on("SIGTERM", () => require("node:fs").writeSync(1, "grandchild got SIGTERM\\n"));
    setInterval(() => {}, 1000);
  `;
  const child = `
    const fs = require("node:fs");
    process.on("SIGTERM", () => fs.writeSync(1, "child got SIGTERM\\n"));
    require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "inherit" });
    fs.writeFileSync("pid", String(process.pid));
    setInterval(() => {}, 1000);
  `;
  const started = Date.now();
  const outcome = await runUnit(unit(dir, { argv: [NODE, "-e", child] }, { timeoutMs: 3_000 }));
  assert.ok(Date.now() - started < 45_000, "the SIGKILL came within a generous bound");
  assert.equal(outcome.timedOut, true);
  assert.equal(outcome.exitCode, null);
  assert.equal(outcome.signal, null);
  const log = readLog(dir);
  assert.match(log, /^child got SIGTERM$/m);
  assert.match(log, /^grandchild got SIGTERM$/m);
  assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dir, "pid"))), []);
});

test("runUnit kills what is left of the group when the child exits on its own", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const outcome = await runUnit(unit(dir, { shell: "sleep 60 & echo $! > gpid; echo $$ > pid; echo done" }));
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.timedOut, false);
  assert.equal(readLog(dir), "done\n");
  assert.ok(readPid(path.join(dir, "gpid")) > 0, "the background grandchild was started");
  assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dir, "pid"))), []);
});

test("runUnit reports a child killed by a signal that was not our timeout", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const outcome = await runUnit(unit(dir, { argv: [NODE, "-e", "process.kill(process.pid, 'SIGKILL')"] }));
  assert.deepEqual(
    { signal: outcome.signal, exitCode: outcome.exitCode, timedOut: outcome.timedOut, spawnError: outcome.spawnError },
    { signal: "SIGKILL", exitCode: null, timedOut: false, spawnError: null },
  );
});

test("killAllUnits kills every running unit's process group", { timeout: 30_000 }, async () => {
  const dirs = [tmp(), tmp()];
  const runs = dirs.map((dir) => runUnit(unit(dir, { shell: "sleep 60 & echo $! > gpid; echo $$ > pid; exec sleep 60" })));
  for (const dir of dirs) await waitForFile(path.join(dir, "pid"));
  killAllUnits();
  const outcomes = await Promise.all(runs);
  for (const [i, outcome] of outcomes.entries()) {
    assert.equal(outcome.signal, "SIGKILL");
    assert.equal(outcome.timedOut, false);
    assert.equal(outcome.exitCode, null);
    assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dirs[i] ?? "", "pid"))), []);
  }
  killAllUnits(); // nothing running any more: a no-op
});

test("runUnit computes endedAtNs from the supplied instant and the command's start", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const instantNs = 1_772_323_200_000_000_000n; // 2026-03-01T00:00:00Z
  const commandStartNs = process.hrtime.bigint() - 7_000_000_000n; // as if the command began 7 s ago
  const before = process.hrtime.bigint();
  const outcome = await runUnit(unit(dir, { argv: [NODE, "-e", ""] }, { instantNs, commandStartNs }));
  const after = process.hrtime.bigint();
  const ended = BigInt(outcome.endedAtNs);
  assert.ok(ended >= instantNs + (before - commandStartNs), `${ended} too early`);
  assert.ok(ended <= instantNs + (after - commandStartNs), `${ended} too late`);
  assert.ok(BigInt(outcome.durationNs) <= after - before);
});

test("runUnit stamps endedAtNs with the wall clock when no instant is supplied", { timeout: 30_000 }, async () => {
  const dir = tmp();
  const before = BigInt(Date.now()) * 1_000_000n;
  const outcome = await runUnit(unit(dir, { argv: [NODE, "-e", ""] }));
  const after = BigInt(Date.now()) * 1_000_000n;
  assert.match(outcome.endedAtNs, /^\d+$/);
  assert.ok(BigInt(outcome.endedAtNs) >= before && BigInt(outcome.endedAtNs) <= after);
});

test("resolveExecutable searches PATH of the given environment the way execvp does", () => {
  const dir = tmp();
  const first = path.join(dir, "first");
  const second = path.join(dir, "second");
  fs.mkdirSync(path.join(first, "tool"), { recursive: true }); // a directory is not an executable
  fs.mkdirSync(second);
  fs.writeFileSync(path.join(first, "plain"), "#!/bin/sh\n", { mode: 0o644 });
  for (const name of ["tool", "plain", "only-second"]) fs.writeFileSync(path.join(second, name), "#!/bin/sh\n", { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "here"), "#!/bin/sh\n", { mode: 0o755 });
  const env = { PATH: `${first}:${second}` };
  assert.equal(resolveExecutable("tool", "/", env), path.join(second, "tool"));
  assert.equal(resolveExecutable("plain", "/", env), path.join(second, "plain"));
  assert.equal(resolveExecutable("only-second", "/", env), path.join(second, "only-second"));
  assert.equal(resolveExecutable("fw-no-such-command-9f3", "/", env), null);
  assert.equal(resolveExecutable("", dir, env), null);
  // Earlier PATH entries win.
  fs.writeFileSync(path.join(first, "only-second"), "#!/bin/sh\n", { mode: 0o755 });
  assert.equal(resolveExecutable("only-second", "/", env), path.join(first, "only-second"));
  // Relative and empty PATH entries are relative to the child's cwd.
  assert.equal(resolveExecutable("tool", dir, { PATH: "second" }), path.join(second, "tool"));
  assert.equal(resolveExecutable("here", dir, { PATH: `${first}:` }), path.join(dir, "here"));
  assert.equal(resolveExecutable("here", dir, env), null);
  // With a "/", PATH plays no part and the name is relative to cwd.
  assert.equal(resolveExecutable("./here", dir, { PATH: "" }), path.join(dir, "here"));
  assert.equal(resolveExecutable("second/tool", dir, {}), path.join(second, "tool"));
  assert.equal(resolveExecutable(path.join(second, "tool"), "/", {}), path.join(second, "tool"));
  assert.equal(resolveExecutable("./first/plain", dir, env), null);
  assert.equal(resolveExecutable("./first/tool", dir, env), null);
  // No PATH at all: execvp's default search path.
  const sh = resolveExecutable("sh", dir, {});
  assert.ok(sh === "/usr/bin/sh" || sh === "/bin/sh", String(sh));
});

test("runUnit runs unchanged under Deno, log shared and group killed on timeout", { timeout: 60_000 }, async () => {
  const dir = tmp();
  const script = path.join(dir, "deno-run.ts");
  const runUnitUrl = new URL("../src/run-unit.ts", import.meta.url).href;
  fs.writeFileSync(
    script,
    `import { runUnit } from ${JSON.stringify(runUnitUrl)};
     const outcome = await runUnit({
       command: { shell: "(trap '' TERM; exec sleep 60) & echo $$ > pid; echo out; echo err >&2; readlink /proc/$$/fd/1 /proc/$$/fd/2; exec sleep 60" },
       cwd: ${JSON.stringify(dir)}, env: { PATH: ${JSON.stringify(ENV.PATH)} }, timeoutMs: 1500,
       logPath: ${JSON.stringify(path.join(dir, "run_1.log"))}, instantNs: null, commandStartNs: 0n,
     });
     console.log(JSON.stringify(outcome));`,
  );
  const deno = spawnSync(DENO, ["run", "-A", "--no-lock", script], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(deno.status, 0, deno.stderr);
  const outcome = JSON.parse(deno.stdout) as Record<string, unknown>;
  assert.equal(outcome.timedOut, true);
  assert.equal(outcome.exitCode, null);
  const log = path.join(dir, "run_1.log");
  assert.equal(readLog(dir), `out\nerr\n${log}\n${log}\n`);
  assert.deepEqual(await liveGroupMembersAfterKill(readPid(path.join(dir, "pid"))), []);
});
