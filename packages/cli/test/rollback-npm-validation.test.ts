// `rollback npm` input validation (forensics.md §2.4): each bad input is exit 2 with one line,
// before npm is ever run, and nothing is written. FLAKEWARDEN_NPM points at a binary that does
// not exist, so a test would fail loudly if validation let the command reach npm.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { show } from "@flakewarden/core";
import { assertNoCrash, runCli, tempDir, write } from "./support/cli.ts";

const BASE = ["--package", "@fwtest/core", "--to", "1.0.0", "--reason", "r", "--registry", "http://127.0.0.1:9"];

async function refused(args: string[], expected: string, setup?: (cwd: string) => void): Promise<void> {
  const cwd = tempDir("fw-rollback-validate-");
  setup?.(cwd);
  const before = fs.readdirSync(cwd).sort();
  const r = await runCli(cwd, ["rollback", "npm", "--now", "2026-03-06T10:00:00Z", "--execute", ...args], {
    env: { FLAKEWARDEN_NPM: path.join(cwd, "no-such-npm") },
  });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, `ERROR: ${expected}\n`);
  assertNoCrash(r);
  assert.deepEqual(fs.readdirSync(cwd).sort(), before, "nothing written");
}

/** BASE with one flag's value replaced (or the flag removed with null). */
function withFlag(flag: string, value: string | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < BASE.length; i += 2) if (BASE[i] !== flag) out.push(BASE[i] as string, BASE[i + 1] as string);
  return value === null ? out : [...out, flag, value];
}

test("forensics acceptance 43: --to v1.0.0 is exit 2", async () => {
  await refused(withFlag("--to", "v1.0.0"), `invalid --to 'v1.0.0': expected a SemVer 2.0.0 version such as 1.2.3 or 1.3.0-rc.1 (no leading v, no build metadata)`);
});

test("forensics acceptance 43: --to 1.0 is exit 2", async () => {
  await refused(withFlag("--to", "1.0"), `invalid --to '1.0': expected a SemVer 2.0.0 version such as 1.2.3 or 1.3.0-rc.1 (no leading v, no build metadata)`);
});

test("forensics acceptance 43: --tag 1.0 is exit 2", async () => {
  await refused(
    [...BASE, "--tag", "1.0"],
    `invalid --tag '1.0': a dist-tag starts with a letter, holds only letters, digits, '.', '_' or '-', and must not look like a version or range`,
  );
});

test("forensics acceptance 43: an empty or blank reason is exit 2", async () => {
  await refused(withFlag("--reason", ""), "invalid --reason: must not be empty");
  await refused(withFlag("--reason", "   "), "invalid --reason: must not be empty");
});

test("forensics acceptance 43: a reason with a newline is exit 2", async () => {
  await refused(withFlag("--reason", "line one\nline two"), "invalid --reason: contains a control character");
});

test("forensics acceptance 43: package 'Bad Name' is exit 2", async () => {
  await refused([...withFlag("--package", null), "--package", "Bad Name"], `invalid --package 'Bad Name': not a valid npm package name`);
});

test("rollback npm: further refused inputs name the problem", async () => {
  await refused(withFlag("--to", "1.0.0+build"), `invalid --to '1.0.0+build': expected a SemVer 2.0.0 version such as 1.2.3 or 1.3.0-rc.1 (no leading v, no build metadata)`);
  await refused([...BASE, "--deprecate", "1.0.0"], `--deprecate '1.0.0' must differ from --to`);
  await refused([...BASE, "--deprecate", "1.1"], `invalid --deprecate '1.1': expected a SemVer 2.0.0 version such as 1.2.3 or 1.3.0-rc.1 (no leading v, no build metadata)`);
  for (const tag of ["x", "X", "v1", "x.1", "9lives", "a b"]) {
    await refused([...BASE, "--tag", tag], `invalid --tag '${tag}': a dist-tag starts with a letter, holds only letters, digits, '.', '_' or '-', and must not look like a version or range`);
  }
  await refused(withFlag("--reason", "x".repeat(1001)), "invalid --reason: longer than 1000 characters");
  await refused(withFlag("--registry", "ftp://127.0.0.1/"), `invalid --registry 'ftp://127.0.0.1/': expected an http: or https: URL`);
  await refused(withFlag("--to", null), "missing required option --to");
  await refused(withFlag("--reason", null), "missing required option --reason");
  await refused(withFlag("--package", null), "no packages: pass --package NAME or set rollback.npm.packages in the config");
  await refused([...BASE, "--verify-attempts", "0"], `invalid --verify-attempts '0': expected an integer of at least 1`);
  await refused([...BASE, "--npm-timeout-s", "1.5"], `invalid --npm-timeout-s '1.5': expected an integer of at least 1`);
  await refused([...BASE, "--verify-delay-ms", "-1"], `invalid --verify-delay-ms '-1': expected an integer of at least 0`);
  // Lowercase and allowed characters, only too long (npm's 214-character limit); long values are shortened in messages.
  await refused([...withFlag("--package", null), "--package", "a".repeat(215)], `invalid --package '${show("a".repeat(215))}': not a valid npm package name`);
});

test("rollback npm: a 1000-character reason with quotes and non-ASCII passes validation", async () => {
  // Reaches npm, which does not exist here: the read fails and the plan is blocked (exit 1), proving validation accepted it.
  const cwd = tempDir("fw-rollback-validate-");
  const reason = `é'"$\``.repeat(200);
  const r = await runCli(cwd, ["rollback", "npm", "--now", "2026-03-06T10:00:00Z", ...withFlag("--reason", reason), "--out", "out"], {
    env: { FLAKEWARDEN_NPM: path.join(cwd, "no-such-npm") },
  });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  const plan = JSON.parse(fs.readFileSync(path.join(cwd, "out", "rollback_plan.json"), "utf8"));
  assert.equal(plan.status, "blocked");
  assert.equal(plan.rollback_reason, reason);
  assert.equal(plan.safety_checks[0].check_id, "registry_readable");
  assert.equal(plan.safety_checks[0].status, "fail");
  assert.match(plan.safety_checks[0].detail, /^npm could not start: ENOENT/);
});

test("rollback npm: an invalid rollback config section is exit 2", async () => {
  await refused(withFlag("--package", null), "invalid config flakewarden.json: rollback.npm.packages: Invalid input: expected array, received string", (cwd) =>
    write(cwd, "flakewarden.json", { rollback: { npm: { packages: "@fwtest/core" } } }),
  );
});
