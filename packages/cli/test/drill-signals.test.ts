// `flakewarden drill` and signals (forensics.md §4.2 steps 2 and 5, README "never a stale
// verdict"): a timed-out replay's group gets SIGTERM, then SIGKILL 5 s later; a replay or probe
// ended by a signal names it; SIGINT/SIGTERM to flakewarden kill the running replay's group and
// end the drill by the signal without a summary.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, BIN, DENO, FIXTURES, REPO_ROOT, runCli, tempDir, write } from "./support/cli.ts";
import { liveGroupMembers } from "./support/detect.ts";
import { drill, DRILL_DIR, DRILL_NOW, DRILL_OUT, DRILL_STUB, drillEvents } from "./support/drill.ts";

const SIGNAL_STUB = path.join(FIXTURES, "drill", "signal-stub.fixture.mjs");
const HANG = path.join(FIXTURES, "detect", "hang.fixture.sh");
const SUMMARY_SET = ["summary.json", "incident_summary.json", "incident_events.ndjson", "replay_report.json", "repro_bundle.json"];

function signalTree(mode: string, drill: Record<string, unknown> = {}): string {
  const root = tempDir("fw-drill-sig-");
  write(root, "flakewarden.json", {
    drill: {
      retry_delay_ms: 0,
      attempts: 1,
      timeout_s: 1,
      scenarios: [
        {
          id: "smoke",
          argv: ["node", SIGNAL_STUB],
          env: { DRILL_SIGNAL_MODE: mode },
          probe: { argv: ["node", SIGNAL_STUB, "--probe"] },
        },
      ],
      ...drill,
    },
  });
  return root;
}

const phase = (root: string, name: string): any => drillEvents(root).find((e) => e.phase === name);
const drillLog = (root: string): string => fs.readFileSync(path.join(root, DRILL_DIR, "drill.log"), "utf8");

test("drill: a replay that times out is sent SIGTERM, fails 'timed out after 1s', and drill.log names the signal", { timeout: 60_000 }, async () => {
  const root = signalTree("hang");
  const r = await drill(root);
  assert.equal(r.code, 1, r.stderr);
  assertNoCrash(r);
  assert.deepEqual([phase(root, "triage_replay_run_1").status, phase(root, "triage_replay_run_1").detail], ["fail", "timed out after 1s"]);
  assert.equal(phase(root, "triage_replay_run_1").artifact, null, "a timed-out attempt has no result");
  assert.equal(phase(root, "triage_replay_run_2").status, "pass");
  assert.equal(phase(root, "determinism_compare").detail, "skipped: replay run 1 failed");
  assert.match(drillLog(root), /^drill: smoke run 1: attempt 1 timed out after 1s; killed by SIGTERM$/m);
  assert.equal(fs.readFileSync(path.join(root, DRILL_DIR, "smoke", "run1.attempt1.log"), "utf8"), "hanging\n");
  const run1 = JSON.parse(fs.readFileSync(path.join(root, DRILL_DIR, "replay_report.json"), "utf8")).scenarios[0].runs[0];
  assert.deepEqual([run1.status, run1.exit_code, run1.attempts], ["failed", null, 1]);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, DRILL_DIR, "summary.json"), "utf8")).failure_kinds, ["replay_run_failure"]);
});

test("drill: a replay group that ignores SIGTERM is killed with SIGKILL 5 s later", { timeout: 90_000 }, async () => {
  // 3 s leave the stub time to install its SIGTERM handler before the timeout fires.
  const root = signalTree("ignore-term", { timeout_s: 3 });
  const r = await drill(root);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(phase(root, "triage_replay_run_1").detail, "timed out after 3s");
  assert.match(drillLog(root), /^drill: smoke run 1: attempt 1 timed out after 3s; killed by SIGKILL$/m);
  // SIGTERM came first: the stub saw it (and ignored it).
  assert.equal(fs.readFileSync(path.join(root, DRILL_DIR, "smoke", "run1.attempt1.log"), "utf8"), "got SIGTERM\n");
  const [leader, grandchild] = fs.readFileSync(path.join(root, DRILL_DIR, "smoke", "run1", "pids"), "utf8").trim().split("\n").map(Number);
  assert.ok((grandchild ?? 0) > 0, "the grandchild was started");
  assert.deepEqual(liveGroupMembers(leader ?? 0), [], "nothing of the replay's group outlives it");
});

test("drill: a replay ended by a signal flakewarden did not send fails naming it; a probe so ended passes naming it", { timeout: 60_000 }, async () => {
  const root = signalTree("self-kill", { timeout_s: 60 });
  const r = await drill(root);
  assert.equal(r.code, 1, r.stderr);
  for (const k of [1, 2]) {
    const run = phase(root, `triage_replay_run_${k}`);
    assert.deepEqual([run.status, run.detail], ["fail", "exit code signal SIGKILL not accepted"]);
    assert.match(run.fingerprint, /^sha256:/, "the payload printed before the signal still counts as a result");
  }
  assert.equal(phase(root, "determinism_compare").status, "pass");
  const probe = phase(root, "failure_probe_missing_fixture");
  assert.deepEqual([probe.status, probe.detail], ["pass", "probe failed as expected (exit signal SIGKILL)"]);
  const report = JSON.parse(fs.readFileSync(path.join(root, DRILL_DIR, "replay_report.json"), "utf8")).scenarios[0];
  assert.equal(report.runs[0].exit_code, null);
  assert.equal(report.probe.exit_code, null);
});

test("drill: under deno run a timed-out replay gives the in-process exit code, events and drill.log bytes", { timeout: 120_000 }, async () => {
  const files = ["incident_events.ndjson", "summary.json", "incident_summary.json", "drill.log"];
  const expectedRoot = signalTree("hang");
  const expected = await drill(expectedRoot);
  assert.equal(expected.code, 1, expected.stderr);
  const denoRoot = signalTree("hang");
  const deno = spawnSync(DENO, ["run", "-A", path.join(REPO_ROOT, "packages/cli/src/main.ts"), "drill", "--now", DRILL_NOW], {
    cwd: denoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "", TEST_SEED: "" },
  });
  assert.equal(deno.status, expected.code, deno.stderr);
  assert.equal(deno.stdout, expected.stdout);
  for (const f of files) assert.equal(fs.readFileSync(path.join(denoRoot, DRILL_DIR, f), "utf8"), fs.readFileSync(path.join(expectedRoot, DRILL_DIR, f), "utf8"), f);
  assert.match(drillLog(denoRoot), /^drill: smoke run 1: attempt 1 timed out after 1s; killed by SIGTERM$/m);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  test(`drill: ${signal} kills the running replay's group, writes no summary, removes latest.json and ends by the signal`, { timeout: 90_000 }, async () => {
    const root = tempDir("fw-drill-stop-");
    const pidsFile = path.join(root, "pids.txt");
    const probe = { argv: ["node", DRILL_STUB, "--probe"] };
    write(root, "flakewarden.json", {
      drill: { retry_delay_ms: 0, attempts: 3, timeout_s: 600, scenarios: [{ id: "slow", argv: ["sh", HANG], env: { PIDS_FILE: pidsFile }, probe }] },
    });
    // An earlier, passing drill (another instant): its latest.json must not survive the stopped one.
    write(root, "ok.json", { drill: { retry_delay_ms: 0, scenarios: [{ id: "smoke", argv: ["node", DRILL_STUB, "--seed", "{seed}"], probe }] } });
    const earlier = await runCli(root, ["drill", "--config", "ok.json", "--now", "2026-03-05T09:00:00Z"]);
    assert.equal(earlier.code, 0, earlier.stderr);
    assert.ok(fs.existsSync(path.join(root, DRILL_OUT, "latest.json")));
    // The same instant as this drill, so the stopped run replaces this older summary set.
    for (const f of SUMMARY_SET) write(root, `${DRILL_DIR}/${f}`, "{}\n");

    const child = spawn(process.execPath, [BIN, "drill", "--now", DRILL_NOW], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "", TEST_SEED: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, sig) => resolve({ code, signal: sig })));
    // Wait until the replay's shell and its SIGTERM-ignoring grandchild have recorded their pids.
    const deadline = Date.now() + 60_000;
    while (!(fs.existsSync(pidsFile) && fs.readFileSync(pidsFile, "utf8").trim().split("\n").length >= 2)) {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill(signal);
    const ended = await exited;
    assert.equal(ended.signal, signal, `ended with code ${ended.code}: ${stderr}`);
    assert.equal(stdout, "", "no Summary line for an orchestrator to scrape");
    assert.match(stderr, new RegExp(`^drill: stopped by ${signal} before the drill finished; its replays were killed and no summary or latest\\.json was written$`, "m"));
    assert.equal(fs.existsSync(path.join(root, DRILL_OUT, "latest.json")), false);
    for (const f of SUMMARY_SET) assert.equal(fs.existsSync(path.join(root, DRILL_DIR, f)), false, `${f} presents no verdict`);
    assert.ok(fs.existsSync(path.join(root, DRILL_OUT, "artifacts_20260305_090000", "summary.json")), "another drill's own artifacts are left alone");
    assert.ok(fs.existsSync(path.join(root, DRILL_DIR, "slow", "run1.attempt1.log")), "the killed replay's output is kept");
    assert.equal(fs.existsSync(path.join(root, DRILL_DIR, "slow", "run1.attempt2.log")), false, "no retry after the signal");
    assert.equal(fs.existsSync(path.join(root, DRILL_DIR, "slow", "expected_failure.log")), false, "the probe does not run after the signal");
    assert.match(fs.readFileSync(path.join(root, DRILL_DIR, "drill.log"), "utf8"), new RegExp(`^drill: stopped by ${signal} `, "m"));
    for (const pid of fs.readFileSync(pidsFile, "utf8").trim().split("\n").map(Number)) assert.deepEqual(liveGroupMembers(pid), []);
  });
}
