// `rollback npm` with a fake npm client (forensics.md §2.4, §3.4, §4.8): how the client is found
// (FLAKEWARDEN_NPM, else `npm` on PATH), the one-time password (an argv element of mutating
// calls only, never written), and npm calls that time out (killed; the outcome is still written
// with the status §4.8 step 6 names). No registry is contacted.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, runCli, tempDir, type CliResult } from "./support/cli.ts";
import { alive, fakeNpm, fakeNpmEnv, type FakeNpm } from "./support/fake-npm.ts";
import { ROLLBACK_NOW } from "./support/rollback-run.ts";

const OTP = "314159";
const REGISTRY = "http://127.0.0.1:9/";
const CORE_UI = ["--package", "@fwtest/core", "--package", "@fwtest/ui"];
const OUT_FILES = ["rollback_plan.json", "rollback_actions.txt", "rollback_outcome.json", "rollback_instructions.md"];

interface Run extends CliResult {
  out: string;
  outcome: any;
  plan: any;
  actions: string | null;
}

async function rollback(env: Record<string, string>, args: string[]): Promise<Run> {
  const cwd = tempDir("fw-rollback-fake-");
  const out = path.join(cwd, "out");
  const r = await runCli(cwd, ["rollback", "npm", "--now", ROLLBACK_NOW, "--out", out, "--verify-delay-ms", "0", ...args], { env });
  const maybe = (name: string): string | null => (fs.existsSync(path.join(out, name)) ? fs.readFileSync(path.join(out, name), "utf8") : null);
  const outcome = maybe("rollback_outcome.json");
  const plan = maybe("rollback_plan.json");
  return { ...r, out, outcome: outcome === null ? null : JSON.parse(outcome), plan: plan === null ? null : JSON.parse(plan), actions: maybe("rollback_actions.txt") };
}

const callsOf = (fake: FakeNpm, verb: string): string[][] => fake.calls().filter((argv) => argv[0] === verb);

test("rollback npm: --otp reaches the mutating npm calls as its own argv element, before --registry, and is written nowhere", async () => {
  const fake = fakeNpm();
  const r = await rollback(fakeNpmEnv(fake, { FAKE_NPM_REQUIRE_OTP: OTP }), [
    ...CORE_UI,
    "--to", "1.0.0",
    "--reason", "r",
    "--deprecate", "1.1.0",
    "--registry", REGISTRY,
    "--otp", OTP,
    "--execute",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outcome.status, "succeeded");
  assert.deepEqual(callsOf(fake, "dist-tag"), [
    ["dist-tag", "add", "@fwtest/core@1.0.0", "latest", "--otp", OTP, "--registry", REGISTRY],
    ["dist-tag", "add", "@fwtest/ui@1.0.0", "latest", "--otp", OTP, "--registry", REGISTRY],
  ]);
  assert.deepEqual(callsOf(fake, "deprecate"), [
    ["deprecate", "@fwtest/core@1.1.0", "r", "--otp", OTP, "--registry", REGISTRY],
    ["deprecate", "@fwtest/ui@1.1.0", "r", "--otp", OTP, "--registry", REGISTRY],
  ]);
  // Reads and whoami never get the code.
  for (const argv of [...callsOf(fake, "view"), ...callsOf(fake, "whoami")]) assert.ok(!argv.includes("--otp") && !argv.includes(OTP), argv.join(" "));
  assert.equal(
    r.actions,
    [
      `npm dist-tag add @fwtest/core@1.0.0 latest --otp *** --registry ${REGISTRY}`,
      `npm dist-tag add @fwtest/ui@1.0.0 latest --otp *** --registry ${REGISTRY}`,
      `npm deprecate @fwtest/core@1.1.0 r --otp *** --registry ${REGISTRY}`,
      `npm deprecate @fwtest/ui@1.1.0 r --otp *** --registry ${REGISTRY}`,
      "",
    ].join("\n"),
  );
  assert.deepEqual(r.outcome.actions_executed, (r.actions as string).trimEnd().split("\n"));
  for (const name of OUT_FILES) assert.ok(!fs.readFileSync(path.join(r.out, name), "utf8").includes(OTP), `${name} holds the one-time password`);
  assert.ok(!r.stdout.includes(OTP) && !r.stderr.includes(OTP), "the one-time password was printed");
  assert.match(r.stdout, /^npm dist-tag add @fwtest\/core@1\.0\.0 latest --otp \*\*\* --registry /m);
  assert.equal(fake.distTags("@fwtest/core").latest, "1.0.0");
});

test("rollback npm: a dry run with --otp shows --otp *** and sends the code to no npm call", async () => {
  const fake = fakeNpm();
  const r = await rollback(fakeNpmEnv(fake), [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--otp", OTP]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      "npm dist-tag add @fwtest/core@1.0.0 latest --otp ***",
      "npm dist-tag add @fwtest/ui@1.0.0 latest --otp ***",
      "npm view @fwtest/core dist-tags --json",
      "npm view @fwtest/ui dist-tags --json",
      "",
    ].join("\n"),
  );
  assert.deepEqual(r.plan.commands[0].argv, ["npm", "dist-tag", "add", "@fwtest/core@1.0.0", "latest", "--otp", "***"]);
  assert.ok(fake.calls().every((argv) => argv[0] === "view" && !argv.includes(OTP)), JSON.stringify(fake.calls()));
  for (const name of ["rollback_plan.json", "rollback_instructions.md"]) assert.ok(!fs.readFileSync(path.join(r.out, name), "utf8").includes(OTP), name);
  assert.equal(r.outcome, null);
});

test("rollback npm: without the --otp the registry demands, every move fails → failed, exit 1, outcome written, no deprecation", async () => {
  const fake = fakeNpm();
  const r = await rollback(fakeNpmEnv(fake, { FAKE_NPM_REQUIRE_OTP: OTP }), [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--deprecate", "1.1.0", "--execute"]);
  assert.equal(r.code, 1, r.stderr);
  assertNoCrash(r);
  assert.equal(r.outcome.status, "failed");
  assert.deepEqual(r.outcome.results.map((x: any) => [x.package, x.status, x.exit_code]), [
    ["@fwtest/core", "failed", 1],
    ["@fwtest/ui", "failed", 1],
  ]);
  assert.match(r.outcome.results[0].stderr_tail, /EOTP/);
  assert.deepEqual(r.outcome.deprecations.map((d: any) => d.status), ["not_attempted", "not_attempted"]);
  assert.deepEqual(callsOf(fake, "deprecate"), []);
  assert.deepEqual(r.outcome.verification.packages.map((p: any) => p.status), ["mismatch", "mismatch"]);
});

test("rollback npm: a dist-tag move that outlives --npm-timeout-s is killed; the outcome records partial_failure", async () => {
  const fake = fakeNpm();
  const r = await rollback(fakeNpmEnv(fake, { FAKE_NPM_HANG_ON: "dist-tag add @fwtest/core@" }), [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--npm-timeout-s", "1", "--execute"]);
  assert.equal(r.code, 1, r.stderr);
  assertNoCrash(r);
  assert.equal(r.outcome.status, "partial_failure");
  assert.deepEqual(r.outcome.results.map((x: any) => [x.package, x.status, x.exit_code]), [
    ["@fwtest/core", "failed", null],
    ["@fwtest/ui", "moved", 0],
  ]);
  assert.match(r.outcome.results[0].stderr_tail, /flakewarden: npm timed out after 1 s and was killed \(SIG(TERM|KILL)\)\n$/);
  assert.equal(r.outcome.results[1].stderr_tail.includes("timed out"), false);
  // The line was appended before the spawn, so the timed-out move is on record as attempted.
  assert.deepEqual(r.outcome.actions_executed, ["npm dist-tag add @fwtest/core@1.0.0 latest", "npm dist-tag add @fwtest/ui@1.0.0 latest"]);
  assert.equal(r.outcome.action_count, 2);
  assert.deepEqual(r.outcome.verification.packages.map((p: any) => [p.package, p.status]), [
    ["@fwtest/core", "mismatch"],
    ["@fwtest/ui", "verified"],
  ]);
  assert.equal(r.outcome.verification.all_verified, false);
  assert.match(r.stderr, /^rollback npm: partial_failure$/m);
  assert.deepEqual(fake.hungPids().filter(alive), [], "the hung npm was killed");
});

test("rollback npm: when every move times out the outcome says failed", async () => {
  const fake = fakeNpm();
  const r = await rollback(fakeNpmEnv(fake, { FAKE_NPM_HANG_ON: "dist-tag add" }), [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--npm-timeout-s", "1", "--execute"]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.outcome.status, "failed");
  assert.deepEqual(r.outcome.results.map((x: any) => x.exit_code), [null, null]);
  assert.equal(r.outcome.action_count, 2);
  assert.deepEqual(fake.hungPids().filter(alive), []);
});

test("rollback npm: npm whoami timing out aborts before anything moves; the outcome is written", async () => {
  const fake = fakeNpm();
  const r = await rollback(fakeNpmEnv(fake, { FAKE_NPM_HANG_ON: "whoami" }), [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--npm-timeout-s", "1", "--execute"]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.outcome.status, "aborted");
  assert.equal(r.outcome.action_count, 0);
  assert.equal(r.outcome.verification, null);
  assert.equal(r.actions, "");
  assert.deepEqual(callsOf(fake, "dist-tag"), []);
  assert.match(r.stderr, /npm whoami failed, nothing was moved: timed out/);
});

test("rollback npm: a registry read that times out blocks the rollback (registry_readable), dry run and execute alike", async () => {
  const fake = fakeNpm();
  const hang = fakeNpmEnv(fake, { FAKE_NPM_HANG_ON: "view @fwtest/ui --json" });
  const dry = await rollback(hang, [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--npm-timeout-s", "1"]);
  assert.equal(dry.code, 1, dry.stderr);
  assert.equal(dry.stdout, "", "a blocked dry run prints nothing to paste");
  assert.match(dry.stderr, /^FAIL registry_readable @fwtest\/ui: npm timed out$/m);
  const run = await rollback(hang, [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--npm-timeout-s", "1", "--execute"]);
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.outcome.status, "blocked");
  assert.deepEqual(callsOf(fake, "dist-tag"), []);
  assert.deepEqual(fake.hungPids().filter(alive), []);
});

test("rollback npm: FLAKEWARDEN_NPM names the client; `npm` on PATH is then never run, and plans still show `npm`", async () => {
  const fake = fakeNpm();
  const decoy = fakeNpm();
  // PATH's npm is the decoy: any call it records means FLAKEWARDEN_NPM was ignored.
  const env = { ...fakeNpmEnv(decoy), FLAKEWARDEN_NPM: fake.namedBin };
  const r = await rollback({ ...env, FAKE_NPM_DIR: fake.dir }, [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--execute"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outcome.status, "succeeded");
  assert.equal(decoy.calls().length, 0);
  assert.ok(callsOf(fake, "dist-tag").length === 2);
  assert.ok(r.plan.commands.every((c: any) => c.argv[0] === "npm"));
  assert.ok(r.outcome.actions_executed.every((l: string) => l.startsWith("npm dist-tag add ")));
});

test("rollback npm: an empty FLAKEWARDEN_NPM counts as unset (npm on PATH); a missing client blocks with 'could not start'", async () => {
  const fake = fakeNpm();
  const viaPath = await rollback({ ...fakeNpmEnv(fake), FLAKEWARDEN_NPM: "" }, [...CORE_UI, "--to", "1.0.0", "--reason", "r"]);
  assert.equal(viaPath.code, 0, viaPath.stderr);
  assert.ok(fake.calls().length > 0);
  const missing = await rollback({ ...fakeNpmEnv(fake), FLAKEWARDEN_NPM: path.join(fake.dir, "no-such-npm") }, [...CORE_UI, "--to", "1.0.0", "--reason", "r", "--execute"]);
  assert.equal(missing.code, 1, missing.stderr);
  assertNoCrash(missing);
  assert.equal(missing.outcome.status, "blocked");
  assert.match(missing.stderr, /^FAIL registry_readable @fwtest\/core: npm could not start: ENOENT$/m);
});

for (const [when, breakOn, status, spawnedMoves] of [
  ["before any move", "whoami", "aborted", 0],
  ["after the first move", "dist-tag add @fwtest/core@", "partial_failure", 1],
] as const) {
  test(`rollback npm: an internal error ${when} → exit 3, and the outcome is still written (${status}, error set)`, async () => {
    const fake = fakeNpm();
    const cwd = tempDir("fw-rollback-break-");
    const out = path.join(cwd, "out");
    // The fake npm turns the actions file into a directory, so appending the next line throws.
    const env = fakeNpmEnv(fake, { FAKE_NPM_BREAK_ON: breakOn, FAKE_NPM_BREAK_PATH: path.join(out, "rollback_actions.txt") });
    const r = await runCli(cwd, ["rollback", "npm", "--now", ROLLBACK_NOW, "--out", out, "--verify-delay-ms", "0", ...CORE_UI, "--to", "1.0.0", "--reason", "r", "--execute"], { env });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /this is a bug/);
    const outcome = JSON.parse(fs.readFileSync(path.join(out, "rollback_outcome.json"), "utf8"));
    assert.equal(outcome.status, status);
    assert.equal(typeof outcome.error, "string");
    assert.match(outcome.error, /EISDIR|illegal operation on a directory/);
    assert.equal(callsOf(fake, "dist-tag").length, spawnedMoves);
    assert.ok(fs.existsSync(path.join(out, "rollback_instructions.md")), "the instructions are written in the same finally path");
  });
}
