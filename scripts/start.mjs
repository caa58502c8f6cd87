// `npm start`: run flakewarden on the bundled example project and say where the report is.
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
const gate = step("the release gate", ["gate"]);
const playbook = step("the forensics playbook still carries its commands", ["playbook", "check"]);

const report = path.join(example, "artifacts", "wasm_flake_governance_report.json");
console.log(`\nGate verdict: ${gate === 0 ? "PASS" : gate === 1 ? "FAIL" : `error (exit ${gate})`}`);
console.log(`Playbook check: ${playbook === 0 ? "PASS" : playbook === 1 ? "FAIL" : `error (exit ${playbook})`}`);
console.log(`Gate report: ${report}`);
process.exit(gate === 0 && playbook === 0 ? 0 : 1);
