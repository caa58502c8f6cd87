// The scale scenario of reports.md §4.16: a manifest of 10,000 entries and a dashboard of 10,000 suites
// (5 iterations each, carrying the §3.2 fields; no runs[] and no per-test tables). Shared by the scale
// test and bench/report.bench.mjs.
export const SCALE_COUNT = 10_000;
const NOW_MS = Date.parse("2026-03-10T12:00:00Z");
const SEVERITIES = ["critical", "high", "medium", "low"];
const TRACES = [["pass", "pass", "pass", "pass", "pass"], ["pass", "fail", "pass", "pass", "fail"], ["fail", "fail", "fail", "fail", "fail"]];

export function scaleDashboard(n = SCALE_COUNT): object {
  const suites = Array.from({ length: n }, (_, i) => {
    const trace = TRACES[i % 3] as string[];
    const fail = trace.filter((t) => t === "fail").length;
    return {
      suite: `suite-${String(i).padStart(5, "0")}`,
      unstable: i % 3 === 1,
      iterations: 5,
      outcomes: { pass: 5 - fail, fail, skip: 0, status_trace: trace },
      likely_variance_sources: i % 3 === 1 ? ["timing", "network"] : [],
      duration_ms: { min: 100 + (i % 50), max: 130 + (i % 70), mean: 115 + (i % 60), spread_pct: (i % 97) + 0.5 },
      replay_command: `npx vitest run suite-${i} --seed 42`,
      deterministic_failure: i % 3 === 2,
      distinct_fingerprints: i % 3 === 1 ? 2 : 1,
      detection_power: { failure_rate_upper_bound_pct: fail === 0 ? 45.07 : null },
    };
  });
  return {
    schema_version: "sem-variance-dashboard-v1", generated_at: "2026-03-10T08:00:00Z", run_id: "scale", seed: 42, iterations: 5,
    suite_count: n, unstable_suite_count: suites.filter((s) => s.unstable).length, verdict: "fail", run_failed: false,
    duration_threshold_pct: 25, detection_power: { confidence_pct: 95, target_flake_rate_pct: 10, required_iterations: 29 }, suites,
  };
}

export function scaleManifest(n = SCALE_COUNT): object {
  const entries = Array.from({ length: n }, (_, i) => {
    const open = i % 4 !== 0;
    const opened = new Date(NOW_MS - ((i % 300) + 1) * 3_600_000).toISOString();
    return {
      id: `wasm-flake-${String(i).padStart(5, "0")}`,
      suite: `suite-${String(i).padStart(5, "0")}`,
      severity: SEVERITIES[i % 4],
      status: open ? "open" : "resolved",
      owner: `team-${i % 37}`,
      opened_at_utc: opened,
      sla_hours: [24, 72, 168, 336][i % 4],
      replay_command: `npx vitest run suite-${i} --seed 42`,
      trace_pointer: `traces/suite-${i}.json`,
      reactivation_criteria: "3 consecutive identical passing reruns",
      ...(open ? {} : { resolved_at_utc: new Date(NOW_MS - (i % 100) * 3_600_000).toISOString() }),
    };
  });
  return { schema_version: "wasm-flake-quarantine-v1", entries };
}
