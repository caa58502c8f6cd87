// Report benchmark (reports.md §4.16): the scale scenario (a manifest of 10,000 entries and a dashboard of
// 10,000 suites) through the bundled CLI, `flakewarden report` in one process with no workers, pinned to
// one core with `taskset -c 0` where available. Prints the best-of-3 wall time against the 2 s target
// and the ratio. Not a test: nothing here asserts timing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recordFigure } from "./figures.mjs";
import { scaleDashboard, scaleManifest } from "../packages/report/test/support/scale-fixture.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const bin = path.join(repo, "packages", "cli", "bin", "flakewarden.mjs");
const NOW = "2026-03-10T12:00:00Z";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_MS = 2000;

const root = fs.mkdtempSync(path.join(os.tmpdir(), "fw-bench-report-"));
fs.mkdirSync(path.join(root, "in"));
fs.writeFileSync(path.join(root, "in", "variance_dashboard.json"), `${JSON.stringify(scaleDashboard(), null, 2)}\n`);
fs.writeFileSync(path.join(root, "in", "wasm_flake_quarantine_manifest.json"), `${JSON.stringify(scaleManifest(), null, 2)}\n`);

const taskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
const times = [];
for (let k = 0; k < RUNS; k++) {
  const args = [bin, "report", "--in", "in", "--out", "site", "--now", NOW];
  const start = process.hrtime.bigint();
  const r = taskset
    ? spawnSync("taskset", ["-c", "0", process.execPath, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, FLAKEWARDEN_NOW: "" } })
    : spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, FLAKEWARDEN_NOW: "" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`report exited ${r.status}: ${r.stderr}`);
  times.push(ms);
}
const best = Math.min(...times);
console.log(`report benchmark (node ${process.version}, ${os.cpus().length} cores${taskset ? ", taskset -c 0" : ""}): 10,000 entries + 10,000 suites`);
console.log(`  wall time best ${best.toFixed(0)} ms of ${RUNS} (${times.map((t) => t.toFixed(0)).join(", ")}); target <= ${TARGET_MS} ms; ratio ${(best / TARGET_MS).toFixed(2)}`);
recordFigure({ bench: "report", figure: "scale scenario wall time (best of 3)", value: best, unit: "ms", target: TARGET_MS, better: "lower" });
fs.rmSync(root, { recursive: true, force: true });
