// `npm start`: the whole loop on the bundled example project — detect, the gate that reads its
// dashboard, the playbook check, the quarantine with its SLA clocks, a reactivation attempt on a
// scratch copy of the manifest, and the burndown — then say where the outputs are.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const example = path.join(repo, "examples", "quickstart");
const bin = path.join(repo, "packages", "cli", "bin", "flakewarden.mjs");

// The demo's clock is pinned so its SLA clocks and verdicts read the same on any day; a real
// project leaves FLAKEWARDEN_NOW unset (or passes --now in CI for reproducible reports).
const DEMO_NOW = process.env.FLAKEWARDEN_NOW || "2026-11-28T12:00:00Z";

function step(title, args) {
  console.log(`\n$ flakewarden ${args.join(" ")}    # ${title}`);
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: example,
    stdio: "inherit",
    env: { ...process.env, FLAKEWARDEN_NOW: DEMO_NOW },
  });
  return r.status ?? 1;
}

console.log(`flakewarden example: ${path.relative(process.cwd(), example) || "."} (demo clock ${DEMO_NOW})`);
const detect = step("rerun every suite and write the variance dashboard the gate reads", ["detect"]);
const gate = step("the release gate", ["gate"]);
const playbook = step("the forensics playbook still carries its commands", ["playbook", "check"]);
const list = step("the quarantine and its SLA clocks", ["quarantine", "list"]);

// Reactivation edits the manifest; the demo works on a scratch copy so the committed one stays as is.
const scratch = path.join(example, "artifacts", "demo");
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch, { recursive: true });
fs.copyFileSync(path.join(example, "quarantine", "manifest.json"), path.join(scratch, "manifest.json"));
const reactivate = step("rerun a fixed suite three times; it returns to service only if every criterion holds", [
  "reactivate",
  "Q-SEARCH-INDEX-20261101",
  "--manifest",
  "artifacts/demo/manifest.json",
  "--artifact-root",
  "artifacts/demo/reactivation",
]);
const burndown = step("the flake burndown", ["burndown", "--format", "text", "--output", "artifacts/burndown.json"]);

const verdict = (code) => (code === 0 ? "PASS" : code === 1 ? "FAIL" : `error (exit ${code})`);
console.log(`\nDetect verdict: ${verdict(detect)}`);
console.log(`Variance dashboard: ${path.join(example, "target", "semantic-verification", "flake", "latest", "variance_dashboard.json")}`);
console.log(`Gate verdict: ${verdict(gate)}`);
console.log(`Playbook check: ${verdict(playbook)}`);
console.log(`Quarantine list: ${verdict(list)}`);
console.log(`Reactivation attempt: ${reactivate === 0 ? "reactivated" : verdict(reactivate)} (scratch manifest ${path.join(scratch, "manifest.json")})`);
console.log(`Burndown: ${burndown === 0 ? "clear of release blockers" : verdict(burndown)}`);
console.log(`Gate report: ${path.join(example, "artifacts", "wasm_flake_governance_report.json")}`);
process.exit([detect, gate, playbook, list, reactivate, burndown].every((code) => code === 0) ? 0 : 1);
