// `npm start`: run flakewarden on the bundled example project (detect, then the gate that reads
// its dashboard, then the playbook check) and say where the outputs are.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const example = path.join(repo, "examples", "quickstart");
const bin = path.join(repo, "packages", "cli", "bin", "flakewarden.mjs");

function step(title, args) {
  console.log(`\n$ flakewarden ${args.join(" ")}    # ${title}`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: example, stdio: "inherit" });
  return r.status ?? 1;
}

console.log(`flakewarden example: ${path.relative(process.cwd(), example) || "."}`);
const detect = step("rerun every suite and write the variance dashboard the gate reads", ["detect"]);
const gate = step("the release gate", ["gate"]);
const playbook = step("the forensics playbook still carries its commands", ["playbook", "check"]);

const report = path.join(example, "artifacts", "wasm_flake_governance_report.json");
const dashboard = path.join(example, "target", "semantic-verification", "flake", "latest", "variance_dashboard.json");
const verdict = (code) => (code === 0 ? "PASS" : code === 1 ? "FAIL" : `error (exit ${code})`);
console.log(`\nDetect verdict: ${verdict(detect)}`);
console.log(`Variance dashboard: ${dashboard}`);
console.log(`Gate verdict: ${verdict(gate)}`);
console.log(`Playbook check: ${verdict(playbook)}`);
console.log(`Gate report: ${report}`);
process.exit(detect === 0 && gate === 0 && playbook === 0 ? 0 : 1);
