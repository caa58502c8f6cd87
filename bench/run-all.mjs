// `npm run bench`: every benchmark under bench/, one after another, then one table of every figure
// with its target and ratio (ratio <= 1 means the target is met). Not a test: nothing here fails
// because of timing; it exits non-zero only when a benchmark itself could not run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const build = spawnSync("npm", ["run", "build", "-w", "@flakewarden/cli"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const figuresFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fw-bench-")), "figures.ndjson");
const only = process.argv.slice(2); // `npm run bench -- gate report` runs just those
const failed = [];
for (const file of fs.readdirSync(here).filter((f) => f.endsWith(".bench.mjs")).sort()) {
  if (only.length > 0 && !only.includes(file.replace(/\.bench\.mjs$/, ""))) continue;
  console.log(`\n=== ${file}`);
  // --import tsx: a benchmark may load TypeScript sources directly (ingest parses through forensics).
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, file)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, BENCH_FIGURES: figuresFile },
  });
  if (r.status !== 0) failed.push(file);
}

const figures = fs.existsSync(figuresFile)
  ? fs.readFileSync(figuresFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
  : [];
const num = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));
const rows = figures.map((f) => {
  const ratio = f.better === "higher" ? f.target / f.value : f.value / f.target;
  return [
    f.bench,
    f.figure,
    `${num(f.value)} ${f.unit}`,
    `${f.better === "higher" ? ">=" : "<="} ${num(f.target)} ${f.unit}`,
    ratio.toFixed(2),
    ratio <= 1 ? "met" : "MISSED",
  ];
});
const header = ["bench", "figure", "measured", "target", "ratio", ""];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
console.log(`\n=== summary (node ${process.version}, ${os.cpus().length} cores; ratio <= 1 meets the target)`);
console.log(line(header));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
if (failed.length > 0) console.log(`\nbenchmarks that could not run: ${failed.join(", ")}`);
process.exit(failed.length === 0 ? 0 : 1);
