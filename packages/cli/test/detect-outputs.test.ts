// detect's files and console (detector.md §2.6, §3.2–§3.6; §8 items 23, 25, 27, 34).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { BIN, NOW, runCli } from "./support/cli.ts";
import { baseEnv, detect, exitOn, fixtureScript, maskDashboard, maskEvents, NODE, nodeCode, OUT, project, suiteOf } from "./support/detect.ts";

const VERDICT_ARGS = ["--duration-threshold", "100000"];

test("acceptance 23: 2 suites x 3 iterations give 6 NDJSON events in plan order", async () => {
  const root = project({ suites: [{ name: "A", command: exitOn([2]), witness_ids: ["W7.1"] }, { name: "B", command: exitOn([]) }] });
  const r = await detect(root, ["--iterations", "3", "--jobs", "4", "--run-id", "r23", ...VERDICT_ARGS]);
  assert.equal(r.code, 1, r.stderr);
  const text = r.events as string;
  assert.ok(text.endsWith("\n"));
  const lines = text.slice(0, -1).split("\n");
  assert.equal(lines.length, 6);
  const events = lines.map((l) => JSON.parse(l));
  assert.deepEqual(events.map((e) => `${e.suite}${e.seq}`), ["A1", "A2", "A3", "B1", "B2", "B3"]);
  assert.deepEqual(events.map((e) => e.global_seq), [1, 2, 3, 4, 5, 6]);
  assert.equal(events[0].entry_id, "svl-r23-A-001");
  assert.equal(events[5].entry_id, "svl-r23-B-003");
  assert.deepEqual(events.map((e) => "verdict_reason" in e), [false, true, false, false, false, false]);
  assert.equal(events[1].verdict_reason, "exit status 1");
  assert.equal(events[1].verdict, "fail");
  assert.equal(events[0].witness_id, "W7.1");
  assert.equal(events[3].witness_id, null);
  assert.equal(events[0].seed, 4242);
  assert.equal(events[0].artifact_path, "A/run_1.log");
  assert.equal(events[0].config_hash, r.dashboard.config_hash);
  // timestamp_ns are the digits of runs[].ended_at_ns, verbatim (larger than 2^53).
  const runs = [...suiteOf(r.dashboard, "A").runs, ...suiteOf(r.dashboard, "B").runs];
  lines.forEach((line, i) => {
    const digits = /"timestamp_ns":(\d+),/.exec(line)?.[1];
    assert.equal(digits, runs[i].ended_at_ns);
    assert.equal(/"duration_ns":(\d+),/.exec(line)?.[1], runs[i].duration_ns);
  });
  // artifact_hash is the SHA-256 of the log bytes.
  const { createHash } = await import("node:crypto");
  const log = fs.readFileSync(path.join(root, OUT, "r23", "A", "run_1.log"));
  assert.equal(events[0].artifact_hash, createHash("sha256").update(log).digest("hex"));
});

test("dashboard, summary and stdout agree; paths stay relative to what was given", async () => {
  const root = project({ out_dir: "./flake-out/", suites: [{ name: "A", command: exitOn([]) }] });
  const r = await detect(root, ["--iterations", "2", "--run-id", "r1", "--ci", "--json", ...VERDICT_ARGS], { out: "flake-out" });
  assert.equal(r.code, 0, r.stderr);
  const summary = fs.readFileSync(path.join(root, "flake-out", "r1", "summary.txt"), "utf8");
  assert.equal(
    summary,
    "=== variance summary ===\nrun_id: r1\nunstable_suites: 0\nsuite_count: 1\nevents_file: flake-out/r1/variance_events.ndjson\ndeterministic_failures: 0\nverdict: pass\n\n",
  );
  assert.equal(r.stdout, `${summary}dashboard: flake-out/r1/variance_dashboard.json\nCI verdict: PASS\n`);
  const d = r.dashboard;
  assert.equal(d.ci_mode, true);
  assert.equal(d.config_path, "flakewarden.json");
  assert.match(d.config_hash, /^[0-9a-f]{64}$/);
  assert.deepEqual(d.artifacts, { variance_events_ndjson: "variance_events.ndjson", summary: "summary.txt" });
  assert.equal(d.producer, "flakewarden");
  assert.equal(d.source, "detect");
  assert.equal(d.fingerprint_scheme, "flakewarden-outcome-v1");
  assert.deepEqual(d.detection_power, { confidence_pct: 95, target_flake_rate_pct: null, required_iterations: null });
  assert.equal(d.shard, null);
  assert.equal(d.merged_from, null);
  assert.deepEqual(d.suite_filter, []);
  assert.equal(d.generated_at, "2026-03-10T12:00:00Z");
  assert.deepEqual(suiteOf(d, "A").artifacts.logs, ["A/run_1.log", "A/run_2.log"]);
  assert.ok(!JSON.stringify(d).includes(root), "no absolute machine path in the dashboard");
  assert.ok(!(r.events as string).includes(root), "no absolute machine path in the events");
  const raw = fs.readFileSync(path.join(root, "flake-out", "r1", "variance_dashboard.json"), "utf8");
  assert.ok(raw.startsWith('{\n  "schema_version": "sem-variance-dashboard-v1",\n  "generated_at"'));
  assert.ok(raw.endsWith("}\n"));
});

test("--suite filters in config order; the filter and the effective values are recorded", async () => {
  const root = project({ iterations: 3, seed: 11, duration_threshold_pct: 100000.5, warmup_runs: 1, duration_floor_ms: 5, suites: ["a", "b", "c"].map((name) => ({ name, command: exitOn([]) })) });
  const r = await detect(root, ["--suite", "c", "--suite", "a"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.dashboard.suites.map((s: any) => s.suite), ["a", "c"]);
  assert.deepEqual(r.dashboard.suite_filter, ["a", "c"]);
  assert.equal(r.dashboard.iterations, 3);
  assert.equal(r.dashboard.seed, 11);
  assert.equal(r.dashboard.duration_threshold_pct, 100000.5);
  assert.equal(r.dashboard.warmup_runs, 1);
  assert.equal(r.dashboard.duration_floor_ms, 5);
  assert.deepEqual(suiteOf(r.dashboard, "a").runs.map((x: any) => x.warmup), [true, false, false]);
  assert.equal(suiteOf(r.dashboard, "a").duration_ms.samples, 2);
});

test("acceptance 25: two runs in one second get -2; latest follows the later one and passes signal-quality rules 5-6", async () => {
  const root = project({ suites: [{ name: "A", command: exitOn([]) }] });
  const first = await detect(root, ["--iterations", "2", ...VERDICT_ARGS]);
  const second = await detect(root, ["--iterations", "2", ...VERDICT_ARGS]);
  assert.equal(first.code, 0);
  assert.equal(second.code, 0);
  assert.ok(first.stdout.includes("run_id: sem-flake-20260310T120000Z\n"));
  assert.ok(second.stdout.includes("run_id: sem-flake-20260310T120000Z-2\n"));
  const latest = path.join(root, OUT, "latest");
  assert.equal(fs.readlinkSync(latest), "sem-flake-20260310T120000Z-2");
  assert.equal(second.dashboard.run_id, "sem-flake-20260310T120000Z-2");
  const sq = await runCli(root, [
    "signal-quality",
    "--dashboard",
    `${OUT}/latest/variance_dashboard.json`,
    "--report",
    "missing-report.json",
    "--output",
    "sq/report.json",
    "--now",
    NOW,
  ]);
  const report = JSON.parse(fs.readFileSync(path.join(root, "sq", "report.json"), "utf8"));
  const status = (id: string): string => report.checks.find((c: any) => c.id === id)?.status;
  assert.equal(status("SQ-EVENTS-LINK"), "pass", JSON.stringify(report.checks));
  assert.equal(status("SQ-SUMMARY-LINK"), "pass");
  assert.equal(status("SQ-DASHBOARD-SCHEMA"), "pass");
  assert.equal(report.diagnostics_links.variance_events_ndjson, `${OUT}/latest/variance_events.ndjson`);
  assert.equal(sq.code, 1, "the missing verification report still fails the gate");
});

test("acceptance 25: a SIGINT-ed run kills its suites, writes no dashboard, leaves no latest and ends by the signal", async () => {
  const root = project({
    suites: [{ name: "slow", command: ["sh", fixtureScript("hang.fixture.sh")], env: { PIDS_FILE: "pids.txt" } }],
  });
  // A completed earlier run, whose latest must not survive the interrupted one.
  fs.writeFileSync(path.join(root, "ok.json"), JSON.stringify({ suites: [{ name: "A", command: exitOn([]) }] }));
  const earlier = await detect(root, ["--config", "ok.json", "--iterations", "2", ...VERDICT_ARGS]);
  assert.equal(earlier.code, 0);
  const child = spawn(NODE, [BIN, "detect", "--iterations", "3", "--run-id", "int", "--now", NOW], {
    cwd: root,
    env: { ...baseEnv(), FLAKEWARDEN_NOW: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  // Wait until the first run's shell and grandchild have recorded their pids.
  const pidsFile = path.join(root, "pids.txt");
  const deadline = Date.now() + 30_000;
  while (!(fs.existsSync(pidsFile) && fs.readFileSync(pidsFile, "utf8").trim().split("\n").length >= 2)) {
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGINT");
  const { code, signal } = await exited;
  assert.equal(signal, "SIGINT", `ended with code ${code}: ${stderr}`);
  assert.equal(stdout, "");
  assert.equal(fs.existsSync(path.join(root, OUT, "latest")), false);
  assert.equal(fs.existsSync(path.join(root, OUT, "int", "variance_dashboard.json")), false);
  assert.ok(fs.existsSync(path.join(root, OUT, "int", "slow", "run_1.log")));
  assert.equal(fs.existsSync(path.join(root, OUT, "int", "slow", "run_2.log")), false, "no unit starts after the signal");
  const { liveGroupMembers } = await import("./support/detect.ts");
  for (const pid of fs.readFileSync(pidsFile, "utf8").trim().split("\n").map(Number)) assert.deepEqual(liveGroupMembers(pid), []);
});

test("acceptance 27: --jobs 4 and --jobs 1 give equal outputs after masking measured fields", async () => {
  const config = {
    suites: [
      { name: "A", command: exitOn([2]) },
      { name: "B", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "fail-on-3"], result_file: "out-{suite}-{iteration}.xml" },
      { name: "C", command: nodeCode("console.log(Date.now())"), witness_ids: ["W1"] },
      { name: "D", command: [NODE, fixtureScript("tap-writer.fixture.mjs")], result_file: "-", result_format: "tap" },
    ],
  };
  const outputs = [];
  for (const jobs of ["4", "1"]) {
    const root = project(config);
    const r = await detect(root, ["--iterations", "3", "--jobs", jobs, "--run-id", "same", ...VERDICT_ARGS]);
    const runDir = path.join(root, OUT, "same");
    outputs.push({
      code: r.code,
      stdout: r.stdout,
      dashboard: maskDashboard(r.dashboard),
      events: maskEvents(r.events as string),
      summary: fs.readFileSync(path.join(runDir, "summary.txt"), "utf8"),
      tables: ["B", "D"].map((s) => fs.readFileSync(path.join(runDir, s, "tests.ndjson"), "utf8")),
    });
  }
  assert.equal(outputs[0]?.code, 1);
  assert.deepEqual(outputs[0], outputs[1]);
  assert.equal(suiteOf(outputs[0]?.dashboard, "B").outcomes.status_trace.join(","), "pass,pass,fail");
});

test("acceptance 34: without a TTY, stderr has one line per run and per suite; stdout only summary, dashboard and verdict", async () => {
  const root = project({ suites: [{ name: "A", command: exitOn([]) }, { name: "B", command: exitOn([1]) }] });
  const r = await detect(root, ["--iterations", "3", "--jobs", "1", "--run-id", "c34", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines[0], "[flakewarden] run c34: 2 suites x 3 iterations, jobs 1, seed 4242");
  const runLines = lines.filter((l) => / run \d+\/3: (pass|fail|skip) \(\d+ms\)$/.test(l));
  assert.deepEqual(runLines.map((l) => l.replace(/ \(\d+ms\)$/, "")), [
    "[flakewarden] A run 1/3: pass",
    "[flakewarden] A run 2/3: pass",
    "[flakewarden] A run 3/3: pass",
    "[flakewarden] B run 1/3: fail",
    "[flakewarden] B run 2/3: pass",
    "[flakewarden] B run 3/3: pass",
  ]);
  const suiteLines = lines.filter((l) => /: pass=\d/.test(l));
  assert.equal(suiteLines.length, 2);
  assert.match(suiteLines[1] as string, /^\[flakewarden\] B: pass=2 fail=1 skip=0 spread=[\d.]+% unstable=true$/);
  assert.equal(lines.length, 9, r.stderr);
  assert.ok(!r.stderr.includes("\r"));
  const out = r.stdout.split("\n");
  assert.deepEqual(out.slice(0, 8), [
    "=== variance summary ===",
    "run_id: c34",
    "unstable_suites: 1",
    "suite_count: 2",
    `events_file: ${OUT}/c34/variance_events.ndjson`,
    "deterministic_failures: 0",
    "verdict: fail",
    "",
  ]);
  assert.deepEqual(out.slice(8), [`dashboard: ${OUT}/c34/variance_dashboard.json`, "verdict: FAIL (run_failed=1 unstable_suites=1 deterministic_failures=0)", ""]);
});

test("acceptance 34: on a TTY, progress is one line redrawn in place and erased at the end", async () => {
  const root = project({ suites: [{ name: "A", command: exitOn([]) }] });
  const r = await detect(root, ["--iterations", "3", "--jobs", "1", ...VERDICT_ARGS], { isTTY: true });
  assert.equal(r.code, 0);
  assert.ok(!r.stderr.includes("\n"), JSON.stringify(r.stderr));
  const frames = r.stderr.split("\r\x1b[K");
  assert.equal(frames[0], "");
  assert.equal(frames[frames.length - 1], "", "the line is erased at the end");
  const drawn = frames.filter((f) => f !== "");
  assert.ok(drawn.length >= 2, JSON.stringify(r.stderr));
  for (const frame of drawn) assert.match(frame, /^\[flakewarden\] \[[#-]{20}\] \d\/3 runs {2}pass \d fail 0 skip 0 {2}\d+s$/);
  assert.match(drawn[0] as string, /\[-{20}\] 0\/3 runs/);
  assert.ok(r.stdout.endsWith("verdict: PASS\n"));
});

test("--verbose prints the last 20 lines of each non-passing log between markers", async () => {
  const root = project({ suites: [{ name: "V", command: nodeCode("for (let i = 1; i <= 25; i++) console.log('line ' + i); process.exit(Number(process.env.FLAKEWARDEN_ITERATION) === 2 ? 3 : 0)") }] });
  const r = await detect(root, ["--iterations", "2", "--verbose", "--run-id", "v", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  const expected = `--- tail: ${OUT}/v/V/run_2.log ---\n${Array.from({ length: 20 }, (_, i) => `line ${i + 6}\n`).join("")}--- end tail ---\n`;
  assert.ok(r.stderr.includes(expected), r.stderr);
  assert.equal(r.stderr.split("--- tail:").length, 2, "only the failing run is shown");
});

test("events' commit_hash: FLAKEWARDEN_COMMIT, else GITHUB_SHA, else CI_COMMIT_SHA, else the repository HEAD, else null", async () => {
  const root = project({ suites: [{ name: "A", command: exitOn([]) }] });
  const commitOf = async (env: Record<string, string | undefined>): Promise<unknown> => {
    const r = await detect(root, ["--iterations", "2", ...VERDICT_ARGS], { env: { FLAKEWARDEN_COMMIT: undefined, ...env } });
    assert.equal(r.code, 0, r.stderr);
    const values = new Set((r.events as string).trimEnd().split("\n").map((l) => JSON.parse(l).commit_hash));
    assert.equal(values.size, 1);
    return [...values][0];
  };
  assert.equal(await commitOf({ FLAKEWARDEN_COMMIT: "fw", GITHUB_SHA: "gh", CI_COMMIT_SHA: "gl" }), "fw");
  assert.equal(await commitOf({ FLAKEWARDEN_COMMIT: "", GITHUB_SHA: "gh", CI_COMMIT_SHA: "gl" }), "gh");
  assert.equal(await commitOf({ CI_COMMIT_SHA: "gl" }), "gl");
  assert.equal(await commitOf({}), null);
  const sha = "a".repeat(40);
  fs.mkdirSync(path.join(root, ".git"));
  fs.writeFileSync(path.join(root, ".git", "HEAD"), `${sha}\n`);
  assert.equal(await commitOf({}), sha);
});

test("a result_file in a folder that does not exist yet: detect creates the folder, so the suite can write its report", async () => {
  const root = project({
    suites: [{ name: "B", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "fail-on-3"], result_file: "reports/junit/{suite}.xml" }],
  });
  assert.equal(fs.existsSync(path.join(root, "reports")), false);
  const r = await detect(root, ["--iterations", "3", "--jobs", "1", "--run-id", "nested", ...VERDICT_ARGS]);
  assert.equal(r.code, 1, r.stderr);
  assert.ok(fs.existsSync(path.join(root, "reports", "junit", "B.xml")));
  assert.equal(suiteOf(r.dashboard, "B").outcomes.status_trace.join(","), "pass,pass,fail");
  assert.equal(suiteOf(r.dashboard, "B").test_cases.total, 2, "the JUnit file was parsed, not just the exit status");
});
