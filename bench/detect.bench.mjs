// Detect benchmark: 4 suites x 10 iterations of a 100 ms `sleep 0.1` (an argv command, so no
// interpreter start-up inflates a run) through the bundled CLI, with --jobs 2 and --jobs 1.
// The ideal wall time is the sleeping alone: 40 runs x 0.1 s / jobs. Prints wall / ideal
// (target <= 1.15 for --jobs 2). Not a test: nothing here asserts timing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { recordFigure } from "./figures.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const bin = path.join(repo, "packages", "cli", "bin", "flakewarden.mjs");
const NOW = "2026-03-10T12:00:00Z";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SUITES = 4;
const ITERATIONS = 10;
const SLEEP_S = 0.1;
const TARGET_RATIO = 1.15;

function makeProject() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fw-bench-detect-"));
  const suites = Array.from({ length: SUITES }, (_, i) => ({ name: `sleep_${i + 1}`, command: ["sleep", String(SLEEP_S)] }));
  fs.writeFileSync(path.join(root, "flakewarden.json"), `${JSON.stringify({ suites }, null, 2)}\n`);
  return root;
}

function runOnce(root, jobs, k) {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [bin, "detect", "--iterations", String(ITERATIONS), "--jobs", String(jobs), "--run-id", `j${jobs}-${k}`, "--now", NOW, "--duration-threshold", "100000"],
    { cwd: root, encoding: "utf8", env: { ...process.env, FLAKEWARDEN_NOW: "" } },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`detect exited ${r.status}: ${r.stderr}`);
  return ms;
}

/**
 * The same sleeps with no CLI at all: `jobs` shell loops side by side. On a small or busy machine
 * `sleep 0.1` alone takes well over 100 ms, so this floor shows what is ours and what is not.
 */
function shellFloorMs(jobs) {
  const perLoop = (SUITES * ITERATIONS) / jobs;
  const loop = `i=0; while [ $i -lt ${perLoop} ]; do sleep ${SLEEP_S}; i=$((i+1)); done`;
  const script = `${Array.from({ length: jobs }, () => `(${loop}) &`).join(" ")} wait`;
  const times = Array.from({ length: RUNS }, () => {
    const start = process.hrtime.bigint();
    spawnSync("sh", ["-c", script]);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return Math.min(...times);
}

function measure(jobs) {
  const root = makeProject();
  const idealMs = (SUITES * ITERATIONS * SLEEP_S * 1000) / jobs;
  const times = Array.from({ length: RUNS }, (_, k) => runOnce(root, jobs, k));
  const best = Math.min(...times);
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const target = jobs === 2 ? ` (target <= ${TARGET_RATIO})` : "";
  console.log(`--jobs ${jobs}: ideal ${(idealMs / 1000).toFixed(1)} s`);
  console.log(`  wall time  best ${best.toFixed(0)} ms, median ${median.toFixed(0)} ms over ${RUNS} runs`);
  console.log(`  wall/ideal best ${(best / idealMs).toFixed(3)}, median ${(median / idealMs).toFixed(3)}${target}`);
  if (jobs === 2) {
    recordFigure({ bench: "detect", figure: "--jobs 2 wall time / ideal (best)", value: best / idealMs, unit: "x", target: TARGET_RATIO, better: "lower" });
  }
  const floor = shellFloorMs(jobs);
  console.log(`  shell floor (the same sleeps, no CLI) ${floor.toFixed(0)} ms = ${(floor / idealMs).toFixed(3)} x ideal; detect best / floor ${(best / floor).toFixed(3)}`);
  fs.rmSync(root, { recursive: true, force: true });
}

console.log(`detect benchmark (node ${process.version}, ${os.cpus().length} cores): ${SUITES} suites x ${ITERATIONS} iterations of sleep ${SLEEP_S}`);
measure(2);
measure(1);
