import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { gitHeadSha, runArgv } from "../src/index.ts";

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "fw-forensics-"));

test("runArgv runs a real child with an argv array and captures its output and exit code", async () => {
  const r = await runArgv({ argv: [process.execPath, "-e", "process.stdout.write('out'); process.stderr.write('err'); process.exit(3)"], cwd: tmp(), timeoutMs: 10_000 });
  assert.deepEqual(r, { exitCode: 3, stdout: "out", stderr: "err", timedOut: false, signal: null, spawnError: null });
});

test("runArgv never goes through a shell: metacharacters arrive verbatim", async () => {
  const hostile = "$(touch pwned); `id` | rm -rf / ; 'quoted'";
  const dir = tmp();
  const r = await runArgv({ argv: [process.execPath, "-e", "process.stdout.write(process.argv[1])", hostile], cwd: dir, timeoutMs: 10_000 });
  assert.equal(r.stdout, hostile);
  assert.equal(fs.existsSync(path.join(dir, "pwned")), false);
});

test("runArgv kills the whole process group on timeout, grandchildren included", async () => {
  const dir = tmp();
  const marker = path.join(dir, "grandchild-survived");
  // The child starts a grandchild that would write a marker after 1.5 s, then both sleep.
  const grandchild = `setTimeout(() => require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"), 1500)`;
  const script = `
    const { spawn } = require("node:child_process");
    spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "ignore" });
    setTimeout(() => {}, 60000);
  `;
  const r = await runArgv({ argv: [process.execPath, "-e", script], cwd: dir, timeoutMs: 300 });
  assert.equal(r.timedOut, true);
  assert.equal(r.exitCode, null);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.equal(fs.existsSync(marker), false, "the grandchild outlived the timeout");
});

test("runArgv reports a command that cannot start instead of throwing", async () => {
  const r = await runArgv({ argv: ["definitely-not-a-command-fw"], cwd: tmp(), timeoutMs: 5_000 });
  assert.equal(r.exitCode, null);
  assert.equal(r.spawnError, "ENOENT");
});

test("gitHeadSha reads HEAD in a repository and is null outside one", async () => {
  const dir = tmp();
  assert.equal(await gitHeadSha(dir), null);
  const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
  git("init", "-q");
  fs.writeFileSync(path.join(dir, "f"), "x");
  git("add", "f");
  git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "c");
  const expected = git("rev-parse", "HEAD").stdout.trim();
  assert.match(expected, /^[0-9a-f]{40}$/);
  assert.equal(await gitHeadSha(dir), expected);
  // From a subdirectory, after packing refs, and through the real git (GIT_DIR set) alike.
  fs.mkdirSync(path.join(dir, "sub"));
  assert.equal(await gitHeadSha(path.join(dir, "sub")), expected);
  git("pack-refs", "--all");
  assert.equal(fs.existsSync(path.join(dir, ".git", "refs", "heads", "master")) || fs.existsSync(path.join(dir, ".git", "refs", "heads", "main")), false);
  assert.equal(await gitHeadSha(dir), expected);
  assert.equal(await gitHeadSha(dir, { env: { GIT_DIR: path.join(dir, ".git") } }), expected);
  // A detached HEAD names the commit itself.
  git("checkout", "-q", "--detach");
  assert.equal(await gitHeadSha(dir), expected);
});

test("gitHeadSha is null in a repository without commits", async () => {
  const dir = tmp();
  spawnSync("git", ["init", "-q"], { cwd: dir });
  assert.equal(await gitHeadSha(dir), null);
});
