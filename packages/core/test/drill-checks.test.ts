// Pure drill verdicts (forensics.md §4.2 steps 3–4) and the drill config rules (§3.1).
import assert from "node:assert/strict";
import test from "node:test";
import {
  checkPayloadContract,
  compareDeterminism,
  DrillConfig,
  drillReproCommand,
  expandPlaceholders,
  failureKinds,
  fromPlainJson,
  parseLosslessJson,
  probeCommand,
  scenarioReplayCommand,
  validateDrillConfig,
  type LosslessValue,
  type RunOutcomeFacts,
} from "../src/index.ts";

function lossless(text: string): LosslessValue {
  const parsed = parseLosslessJson(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

function run(k: number, text: string | null, fingerprint: string | null, certificate: Record<string, string | null> = {}): RunOutcomeFacts {
  return { run: k, hasResult: text !== null, fingerprint, certificate, normalized: text === null ? null : { kind: "json", value: lossless(text) } };
}

test("determinism: equal fingerprints and certificates pass", () => {
  const r = compareDeterminism([run(1, '{"a":1}', "sha256:x", { a: "1" }), run(2, '{"a":1}', "sha256:x", { a: "1" })]);
  assert.deepEqual(r.verdict, { status: "pass", detail: "fingerprints identical across 2 runs" });
  assert.equal(r.diff, null);
});

test("determinism: a u64 drift beyond 2^53 is a mismatch with a one-line diff", () => {
  const r = compareDeterminism([
    run(1, '{"t":782198577955665544,"s":[1,2]}', "sha256:a", { t: "782198577955665544" }),
    run(2, '{"t":782198577955665545,"s":[1,2]}', "sha256:b", { t: "782198577955665545" }),
    run(3, '{"t":782198577955665544,"s":[1,2]}', "sha256:a", { t: "782198577955665544" }),
  ]);
  assert.deepEqual(r.verdict, { status: "fail", detail: "runs differ from run 1: 2" });
  assert.deepEqual(r.divergentRuns, [2]);
  assert.equal(r.diff, "t: run_1=782198577955665544 run_2=782198577955665545\n");
});

test("determinism: a leaf on one side only shows as <absent>; nested paths are dotted", () => {
  const r = compareDeterminism([run(1, '{"a":{"b":[1,2]}}', "sha256:a"), run(2, '{"a":{"b":[1]},"c":"x"}', "sha256:b")]);
  assert.equal(r.diff, 'a.b.1: run_1=2 run_2=<absent>\nc: run_1=<absent> run_2="x"\n');
});

test("determinism: equal fingerprints but different certificates still fail", () => {
  const r = compareDeterminism([run(1, '{"a":1}', "sha256:x", { f: "1" }), run(2, '{"a":1}', "sha256:x", { f: "2" })]);
  assert.equal(r.verdict.status, "fail");
});

test("determinism: skipped when a run has no fingerprint", () => {
  const r = compareDeterminism([run(1, '{"a":1}', "sha256:x"), run(2, null, null)]);
  assert.deepEqual(r.verdict, { status: "skip", detail: "skipped: replay run 2 failed" });
});

test("payload contract: expect mismatch, missing field, {seed} and unresolved trace pointer", () => {
  const payload = lossless('{"deterministic":false,"seed":42}');
  const bad = checkPayloadContract({
    payload,
    hasResult: true,
    expect: { deterministic: true, seed: "{seed}", absent: fromPlainJson(1) },
    configuredCertificateFields: ["steps"],
    seed: "42",
    unresolvedTracePointer: "t/trace.json",
  });
  assert.equal(bad.status, "fail");
  assert.equal(bad.detail, "deterministic: expected true, got false; absent: expected 1, got (missing); certificate field missing: steps; trace_pointer does not resolve: t/trace.json");
  assert.deepEqual(checkPayloadContract({ payload, hasResult: true, expect: { seed: "{seed}" }, configuredCertificateFields: undefined, seed: "42", unresolvedTracePointer: null }), {
    status: "pass",
    detail: "payload contract satisfied",
  });
  assert.equal(checkPayloadContract({ payload: null, hasResult: false, expect: {}, configuredCertificateFields: undefined, seed: "1", unresolvedTracePointer: null }).status, "skip");
});

test("failure kinds keep their fixed order", () => {
  const pass = { status: "pass", detail: "" } as const;
  const fail = { status: "fail", detail: "" } as const;
  assert.deepEqual(failureKinds([{ runs: [pass], determinism: pass, payload: fail, probe: fail }, { runs: [fail], determinism: pass, payload: pass, probe: pass }]), [
    "replay_run_failure",
    "payload_contract_failure",
    "probe_failure",
  ]);
});

test("repro commands are display-quoted", () => {
  assert.equal(drillReproCommand({ seed: "7", runs: "2", config: "conf/f w.yaml", scenarios: ["a"], out: null }), "flakewarden drill --seed 7 --runs 2 --config 'conf/f w.yaml' --scenario a");
  assert.equal(scenarioReplayCommand("sub", "7", { argv: ["node", "x y.mjs"] }), "cd sub && TEST_SEED=7 node 'x y.mjs'");
  assert.equal(scenarioReplayCommand(".", "7", { command: "echo $X" }), "TEST_SEED=7 sh -c 'echo $X'");
});

test("placeholders: known ones expand, other braces stay", () => {
  assert.equal(expandPlaceholders("{seed}-{run}-{x}-{}", { seed: "1", run: "2" }), "1-2-{x}-{}");
});

test("drill config: cross-field rules", () => {
  const parsed = DrillConfig.parse({
    scenarios: [
      { id: "a", argv: ["run", "{nope}"], probe: { substitute: { missing: "x" } } },
      { id: "a", argv: ["x"], command: "y", probe: { argv: ["p"], command: "q" } },
    ],
  });
  assert.deepEqual(validateDrillConfig(parsed), [
    'drill.scenarios[0].probe.substitute: "missing" occurs nowhere in the scenario\'s command',
    "drill.scenarios[0].argv[1]: unknown placeholder {nope}",
    'drill.scenarios[1].id: duplicate scenario id "a"',
    "drill.scenarios[1]: exactly one of argv or command is required",
    "drill.scenarios[1].probe: exactly one of argv, command or substitute is required",
  ]);
  assert.equal(DrillConfig.safeParse({ scenarios: [{ id: "a", argv: ["x"] }] }).success, false);
  assert.equal(DrillConfig.safeParse({ seed: 9007199254740993, scenarios: [{ id: "a", argv: ["x"], probe: { argv: ["p"] } }] }).success, false);
});

test("probe substitute rewrites the scenario's unexpanded argv", () => {
  const parsed = DrillConfig.parse({ scenarios: [{ id: "a", argv: ["run", "fixtures/ok.json", "{seed}"], probe: { substitute: { "ok.json": "gone.json" } } }] });
  assert.deepEqual(probeCommand(parsed.scenarios[0]!), { argv: ["run", "fixtures/gone.json", "{seed}"] });
  // In a command string only the replacement text is expanded; the command's own braces stay.
  const shell = DrillConfig.parse({ scenarios: [{ id: "a", command: "run ok.json {seed}", probe: { substitute: { "ok.json": "{run_dir}/gone.json" } } }] });
  assert.deepEqual(probeCommand(shell.scenarios[0]!, { run_dir: "/r/probe" }), { command: "run /r/probe/gone.json {seed}" });
});
