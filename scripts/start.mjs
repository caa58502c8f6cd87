// `npm start`: the whole flakewarden loop on the bundled example project (examples/browser-suite):
// find the flaky suite, quarantine it, evaluate the release gate and, because that gate fails, run
// the incident drill, assemble the incident packet and plan the npm rollback; then render the
// static site. Every output lands under examples/browser-suite/artifacts/.
//
// Each step prints the exact command it runs (from the example's folder), so a reader can copy it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const example = path.join(repo, "examples", "browser-suite");
const bin = path.join(repo, "packages", "cli", "bin", "flakewarden.mjs");
const out = path.join(example, "artifacts");

// The demo's clock is pinned so its SLA clocks, ids and verdicts read the same on any day; a real
// project leaves FLAKEWARDEN_NOW unset (or passes --now in CI for reproducible reports).
const DEMO_NOW = process.env.FLAKEWARDEN_NOW || "2026-11-28T12:00:00Z";
const started = process.hrtime.bigint();

/** Quote an argument for display only (commands are run as argv arrays, never through a shell). */
function shown(arg) {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function step(title, args, env = {}) {
  const prefix = Object.entries(env).map(([k, v]) => `${k}=${shown(v)} `).join("");
  console.log(`\n# ${title}\n$ ${prefix}npx flakewarden ${args.map(shown).join(" ")}`);
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: example,
    stdio: "inherit",
    env: { ...process.env, FLAKEWARDEN_NOW: DEMO_NOW, ...env },
  });
  return r.status ?? 1;
}

const verdict = (code) => (code === 0 ? "PASS" : code === 1 ? "FAIL" : `error (exit ${code})`);
const rel = (p) => path.relative(process.cwd(), p) || ".";

console.log(`flakewarden example: ${rel(example)} (demo clock ${DEMO_NOW}; outputs in ${rel(out)}/)`);
// One output folder, rebuilt from scratch: the site and the packet describe this run only.
fs.rmSync(out, { recursive: true, force: true });
// Quarantine sync edits the manifest; the demo works on a copy so the committed one stays as is.
fs.mkdirSync(path.join(out, "quarantine"), { recursive: true });
fs.copyFileSync(path.join(example, "quarantine", "manifest.json"), path.join(out, "quarantine", "manifest.json"));
const MANIFEST = "artifacts/quarantine/manifest.json";
// The entries' trace pointers name the committed evidence/ folder; a CI job uploads that evidence
// with its artifacts, and so does the demo, so the report can link every pointer.
fs.cpSync(path.join(example, "evidence"), path.join(out, "evidence"), { recursive: true });
// A named run: the quarantine entry and the incident packet then point at this run's own logs and
// dashboard, which stay valid after the next detect moves `latest`.
const RUN_ID = "rc-v1.4.0";
const DASHBOARD = `artifacts/flake/${RUN_ID}/variance_dashboard.json`;

const results = [];
const record = (name, code) => (results.push({ name, code }), code);

record("detect", step("1. rerun every suite 5 times with seed 4242 and classify it", ["detect", "--jobs", "2", "--run-id", RUN_ID]));
record("quarantine sync", step("2. quarantine the unstable suites, with an owner and an SLA", ["quarantine", "sync", "--dashboard", DASHBOARD, "--manifest", MANIFEST]));
record("pilot evaluate", step("3. evaluate the pilot's SLO telemetry", ["pilot", "evaluate", "--telemetry-input", "telemetry/pilot_telemetry.json"]));
record("playbook check", step("4. the forensics playbook still carries its commands", ["playbook", "check"]));
const gate = record(
  "gate",
  step("5. the release gate", ["gate", "--quarantine-manifest", MANIFEST, "--pilot-summary", "artifacts/pilot/pilot_observability_summary.json"]),
);

let incidentId = null;
if (gate === 1) {
  console.log("\nThe release gate failed: run the incident drill, assemble the incident packet, plan the rollback.");
  record("drill", step("6. deterministic incident drill: replay the scheduler twice and compare certificates", ["drill", "--seed", "4242"]));
  record("incident", step("7. the incident packet for the release the gate blocked", ["incident", "--tag", "v1.4.0", "--dashboard", DASHBOARD, "--manifest", MANIFEST]));
  try {
    const packet = JSON.parse(fs.readFileSync(path.join(out, "wasm", "release", "incident_response_packet.json"), "utf8"));
    incidentId = packet.incident?.incident_id ?? null;
  } catch {
    incidentId = null;
  }
  // The example has no registry: an offline stand-in answers the dry run's read-only `npm view`
  // calls from registry/snapshot.json and refuses anything that would change a registry.
  record(
    "rollback npm (dry run)",
    step(
      "8. plan the npm dist-tag rollback to the last good version (dry run: nothing moves)",
      ["rollback", "npm", "--to", "1.3.2", "--tag", "latest", "--deprecate", "1.4.0", "--reason", `${incidentId ?? "incident"}: scheduler flake blocked v1.4.0`],
      { FLAKEWARDEN_NPM: "tools/offline-npm.mjs" },
    ),
  );
}
const report = record("report", step("9. render the static site for release engineers and auditors", ["report", "--in", "artifacts", "--out", "artifacts/site"]));

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log("\n=== flakewarden example: summary ===");
for (const { name, code } of results) console.log(`  ${name.padEnd(24)} ${name === "incident" && code === 0 ? "written" : verdict(code)}`);
console.log(`  release gate: ${gate === 0 ? "PASS: the release may ship" : gate === 1 ? "FAIL: the release is blocked" : verdict(gate)}`);
if (incidentId !== null) console.log(`  incident: ${incidentId} (packet in ${rel(path.join(out, "wasm", "release"))}/)`);
console.log(`  outputs: ${rel(out)}/ (${seconds.toFixed(1)} s)`);
const index = path.join(out, "site", "index.html");
if (report === 0 && fs.existsSync(index)) console.log(`\nReport: ${index}`);
else console.log(`\nReport: not written (flakewarden report exited ${report})`);

// The demo succeeds when every step did its job; a failed gate is the story it tells, not an error.
const expected = { detect: 1, gate: 1 };
const broken = results.filter(({ name, code }) => code !== 0 && code !== expected[name]);
process.exit(broken.length === 0 && report === 0 ? 0 : 1);
