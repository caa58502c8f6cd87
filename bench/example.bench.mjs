// The whole loop on the example project (issue 8): `npm start`'s script, end to end, target under
// 60 s on a 2-core machine. Best of BENCH_RUNS (default 2) runs; each run rebuilds the example's
// artifacts/ folder from scratch, as npm start does.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recordFigure } from "./figures.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const TARGET_S = 60;

console.log(`example benchmark (node ${process.version}, ${os.cpus().length} cores): npm start on examples/browser-suite`);
const times = [];
for (let k = 0; k < RUNS; k++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs")], { cwd: root, encoding: "utf8" });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) {
    console.error(r.stdout.slice(-2000), r.stderr.slice(-2000));
    throw new Error(`npm start exited ${r.status}`);
  }
  times.push(s);
}
const best = Math.min(...times);
console.log(`  wall time  best ${best.toFixed(1)} s over ${RUNS} runs (${times.map((t) => t.toFixed(1)).join(", ")}) (target < ${TARGET_S} s; ratio ${(best / TARGET_S).toFixed(2)})`);
recordFigure({ bench: "example", figure: "npm start, whole loop on browser-suite (best)", value: best, unit: "s", target: TARGET_S, better: "lower" });
