// `flakewarden drill`: forensics.md §8 acceptance 1–15.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, runCli, tempDir, write } from "./support/cli.ts";
import { drill, DRILL_DIR, DRILL_NOW, DRILL_OUT, DRILL_STUB, drillEvents } from "./support/drill.ts";


function scenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "smoke",
    argv: ["node", DRILL_STUB, "--seed", "{seed}"],
    trace_pointer: "{run_dir}/trace.json",
    expect: { seed: "{seed}" },
    probe: { argv: ["node", DRILL_STUB, "--probe"], expect_output: "(missing_forensics_fixture|not found)" },
    ...extra,
  };
}

function tree(drill: Record<string, unknown> = {}, scenarios: unknown[] = [scenario()]): string {
  const root = tempDir("fw-drill-");
  write(root, "flakewarden.json", { drill: { retry_delay_ms: 0, timeout_s: 60, scenarios, ...drill } });
  return root;
}

function json(root: string, rel: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));
}

/** Every file under a directory, relative, sorted. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

test("forensics acceptance 1: deterministic stub, --seed 4242, K = 2 → exit 0, 5 passing checks", async () => {
  const root = tree();
  const r = await drill(root, ["--seed", "4242"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^  Summary:         ${DRILL_DIR}/summary\\.json$`, "m"));
  const summary = json(root, `${DRILL_DIR}/summary.json`);
  assert.equal(summary.schema_version, "e2e-suite-summary-v3");
  assert.equal(summary.status, "passed");
  assert.equal(summary.seed, "4242");
  assert.equal(summary.checks_passed, 5);
  assert.equal(summary.checks_total, 5);
  assert.equal(summary.exit_code, 0);
  assert.equal(summary.failure_class, "none");
  assert.deepEqual(Object.keys(summary).slice(0, 8), ["schema_version", "suite_id", "scenario_id", "seed", "seed_input", "started_ts", "ended_ts", "status"]);
  assert.equal(summary.started_ts, "2026-03-06T10:00:00Z");
  const ev = drillEvents(root);
  assert.equal(ev.length, 5);
  assert.deepEqual(
    ev.map((e) => e.phase),
    ["triage_replay_run_1", "triage_replay_run_2", "determinism_compare", "payload_contract", "failure_probe_missing_fixture"],
  );
  assert.ok(ev.every((e) => e.status === "pass"));
  assert.deepEqual(Object.keys(ev[0]), ["schema_version", "phase", "status", "seed", "scenario_id", "artifact", "detail", "fingerprint"]);
  assert.match(ev[0].fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.equal(ev[0].fingerprint, ev[1].fingerprint);
  const latest = json(root, `${DRILL_OUT}/latest.json`);
  assert.deepEqual(latest, { schema_version: "incident-forensics-latest-v1", artifact_dir: DRILL_DIR, summary: `${DRILL_DIR}/summary.json`, status: "passed", seed: "4242" });
  const report = json(root, `${DRILL_DIR}/replay_report.json`);
  assert.equal(report.scenarios[0].runs[0].certificate.trace_fingerprint, "782198577955665544");
  assert.equal(report.scenarios[0].trace_pointer, `${DRILL_DIR}/smoke/run1/trace.json`);
  const incident = json(root, `${DRILL_DIR}/incident_summary.json`);
  assert.deepEqual(incident.scenarios, [{ scenario_id: "smoke", status: "passed", fingerprint: ev[0].fingerprint }]);
});

test("forensics acceptance 2: running the drill twice gives byte-identical outputs", async () => {
  const root = tree();
  const files = ["summary.json", "incident_summary.json", "incident_events.ndjson", "replay_report.json", "repro_bundle.json"];
  const first = await drill(root, ["--seed", "4242"]);
  assert.equal(first.code, 0, first.stderr);
  const before = files.map((f) => fs.readFileSync(path.join(root, DRILL_DIR, f), "utf8"));
  const second = await drill(root, ["--seed", "4242"]);
  assert.equal(second.code, 0, second.stderr);
  const after = files.map((f) => fs.readFileSync(path.join(root, DRILL_DIR, f), "utf8"));
  files.forEach((f, i) => assert.equal(after[i], before[i], f));
});

test("forensics acceptance 3: TEST_SEED=0xDEADBEEF → canonical decimal seed, also in the child", async () => {
  const root = tree();
  const r = await drill(root, [], { TEST_SEED: "0xDEADBEEF" });
  assert.equal(r.code, 0, r.stderr);
  const summary = json(root, `${DRILL_DIR}/summary.json`);
  assert.equal(summary.seed, "3735928559");
  assert.equal(summary.seed_input, "0xDEADBEEF");
  const payload = JSON.parse(fs.readFileSync(path.join(root, DRILL_DIR, "smoke", "replay_run1.json"), "utf8"));
  assert.equal(payload.seen_test_seed, "3735928559");
});

test("forensics acceptance 4: TEST_SEED=007 → every JSON file parses; seed \"7\"", async () => {
  const root = tree();
  const r = await drill(root, [], { TEST_SEED: "007" });
  assert.equal(r.code, 0, r.stderr);
  for (const f of listFiles(path.join(root, DRILL_DIR))) {
    if (f.endsWith(".json")) assert.doesNotThrow(() => json(root, `${DRILL_DIR}/${f}`), f);
  }
  assert.equal(json(root, `${DRILL_DIR}/summary.json`).seed, "7");
  assert.equal(json(root, `${DRILL_DIR}/incident_summary.json`).seed, "7");
});

for (const bad of ["0x", "-1", "12a", " 42", "18446744073709551616", "0x1_0"]) {
  test(`forensics acceptance 5: invalid seed ${JSON.stringify(bad)} → exit 2 and a config_error summary set (none with --dry-run)`, async () => {
    const root = tree();
    const r = await drill(root, ["--seed", bad]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `ERROR: invalid seed '${bad}': expected a decimal or 0x-hex unsigned 64-bit integer\n`);
    assertNoCrash(r);
    const summary = json(root, `${DRILL_DIR}/summary.json`);
    assert.equal(summary.status, "failed");
    assert.equal(summary.failure_class, "config_error");
    assert.equal(summary.exit_code, 2);
    assert.equal(summary.seed, bad);
    assert.equal(fs.readFileSync(path.join(root, DRILL_DIR, "incident_events.ndjson"), "utf8"), "");
    assert.equal(json(root, `${DRILL_DIR}/repro_bundle.json`).artifacts.replay_report, null);
    assert.equal(json(root, `${DRILL_OUT}/latest.json`).status, "failed");

    const dry = tree();
    const d = await drill(dry, ["--seed", bad, "--dry-run"]);
    assert.equal(d.code, 2);
    assertNoCrash(d);
    assert.deepEqual(listFiles(dry), ["flakewarden.json"]);
  });
}

test("forensics acceptance 6: run 2 drifts in the last digit of a u64 → exit 1, determinism_compare fails with a diff", async () => {
  const root = tree({}, [scenario({ env: { DRILL_STUB_MODE: "drift" } })]);
  const r = await drill(root, ["--seed", "4242"]);
  assert.equal(r.code, 1, r.stderr);
  const compare = drillEvents(root).find((e) => e.phase === "determinism_compare");
  assert.equal(compare.status, "fail");
  assert.equal(compare.detail, "runs differ from run 1: 2");
  assert.equal(compare.artifact, `${DRILL_DIR}/smoke/determinism.diff`);
  const diff = fs.readFileSync(path.join(root, DRILL_DIR, "smoke", "determinism.diff"), "utf8");
  assert.match(diff, /^trace_fingerprint: run_1=782198577955665544 run_2=782198577955665545$/m);
  const summary = json(root, `${DRILL_DIR}/summary.json`);
  assert.equal(summary.exit_code, 1);
  assert.deepEqual(summary.failure_kinds, ["determinism_mismatch"]);
  assert.equal(json(root, `${DRILL_DIR}/replay_report.json`).scenarios[0].diff, `${DRILL_DIR}/smoke/determinism.diff`);
});

test("forensics acceptance 7: a probe that exits 0 → exit 1, probe_failure", async () => {
  const root = tree({}, [scenario({ env: { DRILL_STUB_MODE: "probe-succeeds" } })]);
  const r = await drill(root);
  assert.equal(r.code, 1, r.stderr);
  const probe = drillEvents(root).find((e) => e.phase === "failure_probe_missing_fixture");
  assert.equal(probe.status, "fail");
  assert.equal(probe.detail, "probe unexpectedly succeeded");
  assert.equal(probe.scenario_id, "MISSING-FIXTURE-PROBE");
  assert.deepEqual(json(root, `${DRILL_DIR}/summary.json`).failure_kinds, ["probe_failure"]);
});

test("forensics acceptance 8: no JSON ever, attempts 2 → runs fail, later checks skip, probe still runs, attempt logs kept", async () => {
  const root = tree({ attempts: 2 }, [scenario({ env: { DRILL_STUB_MODE: "no-json" }, probe: { argv: ["node", DRILL_STUB, "--probe"] } })]);
  const r = await drill(root);
  assert.equal(r.code, 1, r.stderr);
  const ev = drillEvents(root);
  for (const k of [1, 2]) {
    const run = ev.find((e) => e.phase === `triage_replay_run_${k}`);
    assert.equal(run.status, "fail");
    assert.equal(run.detail, "no result payload after 2 attempt(s)");
    assert.equal(run.artifact, null);
    assert.equal(run.fingerprint, null);
    assert.ok(fs.existsSync(path.join(root, DRILL_DIR, "smoke", `run${k}.attempt1.log`)));
    assert.ok(fs.existsSync(path.join(root, DRILL_DIR, "smoke", `run${k}.attempt2.log`)));
  }
  assert.equal(ev.find((e) => e.phase === "determinism_compare").status, "skip");
  assert.equal(ev.find((e) => e.phase === "determinism_compare").detail, "skipped: replay run 1 failed");
  assert.equal(ev.find((e) => e.phase === "payload_contract").status, "skip");
  assert.equal(ev.find((e) => e.phase === "failure_probe_missing_fixture").status, "pass");
  assert.deepEqual(json(root, `${DRILL_DIR}/summary.json`).failure_kinds, ["replay_run_failure"]);
});

test("forensics acceptance 9: a fail_patterns match → one attempt only; the run fails", async () => {
  const root = tree({ attempts: 3 }, [scenario({ env: { DRILL_STUB_MODE: "refuse" }, fail_patterns: ["^\\[RCH\\] local \\(", "falling back to local"] })]);
  const r = await drill(root);
  assert.equal(r.code, 1, r.stderr);
  const run = drillEvents(root).find((e) => e.phase === "triage_replay_run_1");
  assert.equal(run.status, "fail");
  assert.equal(run.detail, "fail pattern matched: ^\\[RCH\\] local \\(");
  assert.ok(fs.existsSync(path.join(root, DRILL_DIR, "smoke", "run1.attempt1.log")));
  assert.ok(!fs.existsSync(path.join(root, DRILL_DIR, "smoke", "run1.attempt2.log")));
  assert.equal(json(root, `${DRILL_DIR}/replay_report.json`).scenarios[0].runs[0].attempts, 1);
});

test("forensics acceptance 10: from another cwd with an absolute --config → same results, no absolute root paths in outputs", async () => {
  const root = tree();
  const elsewhere = tempDir("fw-drill-cwd-");
  const r = await runCli(elsewhere, ["drill", "--now", DRILL_NOW, "--config", path.join(root, "flakewarden.json")]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(root, DRILL_DIR, "summary.json")));
  assert.deepEqual(listFiles(elsewhere), []);
  const own = ["summary.json", "incident_summary.json", "incident_events.ndjson", "replay_report.json", "repro_bundle.json"].map((f) => `${DRILL_DIR}/${f}`);
  for (const rel of [...own, `${DRILL_OUT}/latest.json`]) {
    const text = fs.readFileSync(path.join(root, rel), "utf8");
    assert.ok(!text.includes(root), `${rel} holds an absolute path under the root`);
  }
  const summary = json(root, `${DRILL_DIR}/summary.json`);
  assert.equal(summary.repro_command, "flakewarden drill --seed 4242 --runs 2 --config flakewarden.json");
  const line = r.stdout.split("\n").find((l) => l.startsWith("  Summary:"));
  assert.equal(path.resolve(elsewhere, (line as string).slice("  Summary:         ".length)), path.join(root, DRILL_DIR, "summary.json"));
});

test("forensics acceptance 11: --dry-run / INCIDENT_FORENSICS_DRY_RUN=1 → exit 0, plan JSON, nothing written", async () => {
  for (const [args, env] of [[["--dry-run"], {}], [[], { INCIDENT_FORENSICS_DRY_RUN: "1" }]] as const) {
    const root = tree({ attempts: 2, timeout_s: 10 });
    const r = await drill(root, [...args], { ...env });
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(plan), ["seed", "seed_input", "runs", "scenarios", "worst_case_seconds"]);
    assert.equal(plan.seed, "4242");
    assert.equal(plan.runs, 2);
    assert.deepEqual(plan.scenarios[0].argv, ["node", DRILL_STUB, "--seed", "{seed}"]);
    assert.equal(plan.scenarios[0].timeout_s, 10);
    assert.equal(plan.scenarios[0].attempts, 2);
    assert.equal(plan.worst_case_seconds, (2 * 2 + 1) * 10);
    assert.deepEqual(listFiles(root), ["flakewarden.json"]);
  }
});

for (const [name, args, scenarios] of [
  ["unknown --scenario", ["--scenario", "nope"], [scenario()]],
  ["--runs 1", ["--runs", "1"], [scenario()]],
  ["a scenario without probe", [], [{ id: "smoke", argv: ["node", DRILL_STUB] }]],
] as const) {
  test(`forensics acceptance 12: ${name} → exit 2, a config_error summary set, latest.json points to it`, async () => {
    const root = tree({}, [...scenarios]);
    const r = await drill(root, [...args]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^ERROR: /);
    assertNoCrash(r);
    const summary = json(root, `${DRILL_DIR}/summary.json`);
    assert.equal(summary.failure_class, "config_error");
    assert.deepEqual(summary.failure_kinds, ["config_error"]);
    assert.equal(summary.checks_total, 0);
    assert.equal(json(root, `${DRILL_DIR}/incident_summary.json`).scenarios.length, 0);
    assert.match(fs.readFileSync(path.join(root, DRILL_DIR, "drill.log"), "utf8"), /drill: /);
    assert.deepEqual(json(root, `${DRILL_OUT}/latest.json`), {
      schema_version: "incident-forensics-latest-v1",
      artifact_dir: DRILL_DIR,
      summary: `${DRILL_DIR}/summary.json`,
      status: "failed",
      seed: "4242",
    });
  });
}

test("forensics acceptance 12: an unknown flag writes nothing", async () => {
  const root = tree();
  const r = await drill(root, ["--bogus"]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "ERROR: unknown option --bogus\n");
  assertNoCrash(r);
  assert.deepEqual(listFiles(root), ["flakewarden.json"]);
});

test("forensics acceptance 13: an out dir named with \" and \\ → valid JSON and NDJSON", async () => {
  const root = tree();
  const out = 'od"d\\x';
  const r = await drill(root, ["--out", out]);
  assert.equal(r.code, 0, r.stderr);
  const dir = path.join(root, out, "artifacts_20260306_100000");
  for (const f of listFiles(dir)) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    if (f.endsWith(".json")) assert.doesNotThrow(() => JSON.parse(text), f);
    if (f.endsWith(".ndjson")) for (const l of text.split("\n").filter((x) => x !== "")) assert.doesNotThrow(() => JSON.parse(l), f);
  }
  const summary = JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8"));
  assert.equal(summary.artifact_dir, `${out}/artifacts_20260306_100000`);
  assert.ok(summary.repro_command.includes(`--out 'od"d\\x'`));
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, out, "latest.json"), "utf8")).status, "passed");
});

test("forensics acceptance 14: every repro_bundle artifact_index sha256 matches its file; trace_pointer exists", async () => {
  const root = tree();
  const r = await drill(root);
  assert.equal(r.code, 0, r.stderr);
  const bundle = json(root, `${DRILL_DIR}/repro_bundle.json`);
  assert.equal(bundle.schema_version, "incident-forensics-repro-bundle-v1");
  const indexed = bundle.artifact_index.map((e: any) => e.path);
  const expected = listFiles(path.join(root, DRILL_DIR))
    .filter((f) => f !== "repro_bundle.json")
    .map((f) => `${DRILL_DIR}/${f.split(path.sep).join("/")}`)
    .sort();
  assert.deepEqual([...indexed].sort(), expected);
  for (const e of bundle.artifact_index) {
    const bytes = fs.readFileSync(path.join(root, e.path));
    assert.equal(e.sha256, createHash("sha256").update(bytes).digest("hex"), e.path);
    assert.equal(e.size_bytes, bytes.length);
  }
  assert.ok(fs.existsSync(path.join(root, bundle.trace_pointer)));
  assert.equal(bundle.trace_pointer, `${DRILL_DIR}/replay_report.json`);
  assert.equal(bundle.artifact_pointer, bundle.trace_pointer);
  for (const s of bundle.scenarios) assert.ok(fs.existsSync(path.join(root, s.trace_pointer)), s.trace_pointer);
  assert.equal(bundle.scenarios[0].replay_command, `TEST_SEED=4242 node ${DRILL_STUB} --seed 4242`);
  assert.ok(fs.existsSync(path.join(root, bundle.artifacts.failure_probe_log)));
});

test("forensics acceptance 15: expect deterministic true vs a false payload → payload_contract fails", async () => {
  const root = tree({}, [scenario({ env: { DRILL_STUB_MODE: "nondeterministic" }, expect: { deterministic: true } })]);
  const r = await drill(root);
  assert.equal(r.code, 1, r.stderr);
  const contract = drillEvents(root).find((e) => e.phase === "payload_contract");
  assert.equal(contract.status, "fail");
  assert.equal(contract.detail, "deterministic: expected true, got false");
  assert.deepEqual(json(root, `${DRILL_DIR}/summary.json`).failure_kinds, ["payload_contract_failure"]);
});
