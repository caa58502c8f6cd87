// `flakewarden incident --drill-dir` with a drill that really ran (forensics.md §2.3, §4.6, §4.7,
// §7.1, §7.2, §7.4): the packet's drill evidence, severity, repro commands, artifact index and
// postmortem timeline come from that drill's own files.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { FIXTURES, runCli, write } from "./support/cli.ts";
import { incident, NOW, OUT, tree } from "./support/incident.ts";

const STUB = path.join(FIXTURES, "drill", "stub.fixture.mjs");
const DRILL_DIR = "target/e2e-results/wasm_incident_forensics/artifacts_20260306_093000";

/** An incident tree whose gates all pass and whose config drills the stub (in `mode`). */
function drillTree(mode: string): string {
  const root = tree({ gate_status: "pass" });
  write(root, "flakewarden.json", {
    drill: {
      retry_delay_ms: 0,
      scenarios: [
        {
          id: "smoke",
          argv: ["node", STUB, "--seed", "{seed}"],
          env: { DRILL_STUB_MODE: mode },
          probe: { argv: ["node", STUB, "--probe"] },
        },
      ],
    },
  });
  return root;
}

async function runDrill(root: string, expectedCode: number): Promise<void> {
  // Half an hour before the incident is declared.
  const r = await runCli(root, ["drill", "--seed", "4242", "--now", "2026-03-06T09:30:00Z"]);
  assert.equal(r.code, expectedCode, r.stderr);
}

const json = (root: string, rel: string): any => JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));

/** Every file under a directory, root-relative with `/`, sorted. */
function filesUnder(root: string, rel: string): string[] {
  return (fs.readdirSync(path.join(root, rel), { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, rel, f)).isFile())
    .map((f) => `${rel}/${f.split(path.sep).join("/")}`)
    .sort();
}

test("incident --drill-dir: a drill whose replays drift → drill evidence in the packet, sev_1 on a stable tag, its repro command published", async () => {
  const root = drillTree("drift");
  await runDrill(root, 1);
  const r = await incident(root, ["--drill-dir", DRILL_DIR]);
  assert.equal(r.code, 0, r.stderr);
  const packet = json(root, `${OUT}/incident_response_packet.json`);
  const bundle = json(root, `${DRILL_DIR}/repro_bundle.json`);
  assert.deepEqual(packet.evidence.drill, {
    artifact_dir: DRILL_DIR,
    status: "failed",
    seed: "4242",
    replay_command: bundle.replay_command,
    failure_kinds: ["determinism_mismatch"],
    scenarios: [{ scenario_id: "smoke", fingerprint: null }],
  });
  assert.equal(bundle.replay_command, "flakewarden drill --seed 4242 --runs 2");
  assert.deepEqual(packet.evidence_errors, []);
  assert.equal(packet.incident.gate_status, "pass");
  assert.equal(packet.incident.severity, "sev_1");
  assert.deepEqual(packet.incident.severity_reasons, ["drill determinism mismatch on stable version 1.4.0"]);

  const safety = json(root, `${OUT}/rollback_safety_report.json`);
  assert.deepEqual(safety.deterministic_repro_commands, ["flakewarden drill --seed 4242", "flakewarden drill --seed 4242 --runs 2"]);
  assert.equal(safety.rollback_safety_checks.find((c: any) => c.check_id === "deterministic_replay_commands_published").status, "pass");

  // Every file of the drill dir is indexed with its real hash.
  const index = json(root, `${OUT}/artifact_index.json`);
  const drillEntries = index.entries.filter((e: any) => e.role === "drill_artifact");
  assert.deepEqual(
    drillEntries.map((e: any) => e.path),
    filesUnder(root, DRILL_DIR),
  );
  for (const e of drillEntries) {
    const bytes = fs.readFileSync(path.join(root, e.path));
    assert.equal(e.sha256, createHash("sha256").update(bytes).digest("hex"), e.path);
    assert.equal(e.size_bytes, bytes.length, e.path);
  }
  assert.ok(drillEntries.some((e: any) => e.path === `${DRILL_DIR}/smoke/determinism.diff`));

  // The postmortem timeline has the drill's end, linked to its summary.
  const timeline = json(root, `${OUT}/postmortem.json`).incident_timeline_utc;
  assert.deepEqual(
    timeline.find((row: any) => row.event.startsWith("drill ended")),
    { ts: "2026-03-06T09:30:00.000Z", event: "drill ended (failed)", data_link: `${DRILL_DIR}/incident_summary.json` },
  );
});

test("incident --drill-dir: the same drift on a prerelease is sev_2 'drill failed'", async () => {
  const root = drillTree("drift");
  await runDrill(root, 1);
  const r = await runCli(root, ["incident", "--tag", "v1.4.0-rc.1", "--now", NOW, "--drill-dir", DRILL_DIR]);
  assert.equal(r.code, 0, r.stderr);
  const packet = json(root, `${OUT}/incident_response_packet.json`);
  assert.equal(packet.incident.severity, "sev_2");
  assert.deepEqual(packet.incident.severity_reasons, ["drill failed: determinism_mismatch"]);
});

test("incident --drill-dir latest: a passing drill found through latest.json → its fingerprint, no drill severity reason", async () => {
  const root = drillTree("stable");
  await runDrill(root, 0);
  const r = await incident(root, ["--drill-dir", "latest"]);
  assert.equal(r.code, 0, r.stderr);
  const packet = json(root, `${OUT}/incident_response_packet.json`);
  const summary = json(root, `${DRILL_DIR}/incident_summary.json`);
  assert.equal(packet.evidence.drill.artifact_dir, DRILL_DIR);
  assert.equal(packet.evidence.drill.status, "passed");
  assert.deepEqual(packet.evidence.drill.failure_kinds, []);
  assert.deepEqual(packet.evidence.drill.scenarios, summary.scenarios.map((s: any) => ({ scenario_id: s.scenario_id, fingerprint: s.fingerprint })));
  assert.match(packet.evidence.drill.scenarios[0].fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.equal(packet.incident.severity, "sev_3");
  assert.deepEqual(packet.incident.severity_reasons, ["no sev_1 or sev_2 trigger"]);
  assert.deepEqual(packet.evidence_errors, []);
  // The same packet as naming the directory itself.
  const named = await incident(root, ["--drill-dir", DRILL_DIR]);
  assert.equal(named.code, 0, named.stderr);
  assert.deepEqual(json(root, `${OUT}/incident_response_packet.json`).evidence.drill, packet.evidence.drill);
});

test("incident --drill-dir: a drill dir without its summary (a stopped drill) → evidence error, no drill evidence, exit 0", async () => {
  const root = drillTree("stable");
  await runDrill(root, 0);
  fs.rmSync(path.join(root, DRILL_DIR, "incident_summary.json"));
  const r = await incident(root, ["--drill-dir", DRILL_DIR]);
  assert.equal(r.code, 0, r.stderr);
  const packet = json(root, `${OUT}/incident_response_packet.json`);
  assert.deepEqual(packet.evidence_errors, [{ path: `${DRILL_DIR}/incident_summary.json`, error: "file not found" }]);
  assert.equal(packet.evidence.drill, null);
});

test("incident --drill-dir: a directory that does not exist → listed missing and as an evidence error, exit 0", async () => {
  const root = drillTree("stable");
  const r = await incident(root, ["--drill-dir", "nowhere"]);
  assert.equal(r.code, 0, r.stderr);
  const packet = json(root, `${OUT}/incident_response_packet.json`);
  assert.deepEqual(packet.evidence_errors, [{ path: "nowhere/incident_summary.json", error: "file not found" }]);
  assert.equal(packet.evidence.drill, null);
  assert.ok(json(root, `${OUT}/artifact_index.json`).missing.some((m: any) => m.path === "nowhere" && m.role === "drill_artifact"));
});
