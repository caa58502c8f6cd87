// Gate benchmark (issue 2): a 100,000-suite dashboard and a 100,000-entry manifest through the
// bundled CLI, end to end, plus a small input. Prints wall time, peak RSS and the ratio to target.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { recordFigure } from "./figures.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const bin = path.join(repo, "packages", "cli", "bin", "flakewarden.mjs");
const hook = path.join(here, "rss-hook.mjs");
const NOW = "2026-03-10T12:00:00Z";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** A project with n suites (2% unstable, each of those quarantined) and n manifest entries. */
function makeProject(n) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `fw-bench-gate-${n}-`));
  const policy = JSON.parse(fs.readFileSync(path.join(repo, "packages/cli/test/fixtures/reference-gate/wasm_flake_governance_policy.json"), "utf8"));
  policy.detection.required_suites = ["suite_00000", "suite_00001"];
  policy.quality_thresholds.max_flake_rate_pct = 5;
  writeJson(path.join(root, ".github/wasm_flake_governance_policy.json"), policy);
  const suites = [];
  const entries = [];
  for (let i = 0; i < n; i++) {
    const name = `suite_${String(i).padStart(5, "0")}`;
    const unstable = i % 50 === 7;
    suites.push({ suite: name, unstable, outcomes: { pass: 5, fail: 0 }, duration_ms: { spread_pct: (i % 17) + 0.5 } });
    entries.push({
      id: `Q-${name.toUpperCase().replace(/_/g, "-")}-20260301`,
      suite: name,
      severity: unstable ? "medium" : "low",
      status: unstable ? "open" : "resolved",
      owner: `team-${i % 40}`,
      opened_at_utc: "2026-03-08T00:00:00Z",
      sla_hours: unstable ? 168 : 500,
      replay_command: `TEST_SEED=4242 npm test -- ${name}`,
      trace_pointer: `artifacts/traces/${name}.json`,
      reactivation_criteria: "three consecutive deterministic reruns pass",
      ...(unstable ? {} : { resolved_at_utc: "2026-03-09T00:00:00Z", notes: { root_cause: "race", fix_ref: `PR#${i}` } }),
    });
  }
  writeJson(path.join(root, "target/semantic-verification/flake/latest/variance_dashboard.json"), {
    schema_version: "sem-variance-dashboard-v1",
    suite_count: n,
    unstable_suite_count: suites.filter((s) => s.unstable).length,
    suites,
  });
  writeJson(path.join(root, "artifacts/wasm_flake_quarantine_manifest.json"), { schema_version: "wasm-flake-quarantine-v1", entries });
  fs.mkdirSync(path.join(root, "docs"), { recursive: true });
  fs.copyFileSync(
    path.join(repo, "packages/cli/test/fixtures/reference-gate/wasm_flake_governance_and_forensics.md"),
    path.join(root, "docs/wasm_flake_governance_and_forensics.md"),
  );
  return root;
}

function runOnce(root) {
  const rssFile = path.join(root, ".rss");
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", hook, bin, "gate", "--now", NOW], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, FLAKEWARDEN_BENCH_RSS_FILE: rssFile, GITHUB_STEP_SUMMARY: "" },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`gate exited ${r.status}: ${r.stderr}`);
  return { ms, rssMb: Number(fs.readFileSync(rssFile, "utf8")) / 1024, verdict: r.stdout.split("\n")[0] };
}

function measure(label, n, targetMs, targetMb) {
  const root = makeProject(n);
  runOnce(root); // warm the file cache
  const runs = Array.from({ length: RUNS }, () => runOnce(root));
  const best = Math.min(...runs.map((r) => r.ms));
  const median = runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const rss = Math.max(...runs.map((r) => r.rssMb));
  console.log(`${label}: ${runs[0].verdict}`);
  console.log(`  wall time  best ${best.toFixed(0)} ms, median ${median.toFixed(0)} ms over ${RUNS} runs` +
    ` (target < ${targetMs} ms; ratio ${(median / targetMs).toFixed(2)})`);
  recordFigure({ bench: "gate", figure: `${label}: wall time (median)`, value: median, unit: "ms", target: targetMs, better: "lower" });
  if (targetMb !== null) recordFigure({ bench: "gate", figure: `${label}: peak RSS`, value: rss, unit: "MB", target: targetMb, better: "lower" });
  if (targetMb !== null) console.log(`  peak RSS   ${rss.toFixed(0)} MB (target < ${targetMb} MB; ratio ${(rss / targetMb).toFixed(2)})`);
  else console.log(`  peak RSS   ${rss.toFixed(0)} MB`);
  fs.rmSync(root, { recursive: true, force: true });
}

console.log(`gate benchmark (node ${process.version}, ${os.cpus().length} cores)`);
measure("small input (2 suites, 2 entries)", 2, 150, null);
measure("large input (100,000 suites, 100,000 entries)", 100_000, 1500, 400);
