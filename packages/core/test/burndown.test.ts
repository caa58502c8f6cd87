// Core burndown rules (gate.md §4.11): SLA limits, trend, reasons, history; and that "blocked"
// always agrees with the gate's WG-QUAR/WG-REACT results for the same inputs.
import assert from "node:assert/strict";
import test from "node:test";
import {
  BUILTIN_POLICY,
  BurndownReport,
  burndownHistory,
  burndownSummaryText,
  entrySlaLimit,
  evaluateBurndown,
  evaluateGate,
  type BurndownInputs,
  type HistoryInput,
  type LoadedJson,
  type ReactivateGateConfig,
} from "../src/index.ts";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const HOUR = 3_600_000;
const ago = (h: number): string => new Date(NOW - h * HOUR).toISOString();

function e(id: string, severity: string, status: string, opened: string, sla: unknown, extra: object = {}): Record<string, unknown> {
  return {
    id,
    suite: "s",
    severity,
    status,
    owner: "runtime-core",
    opened_at_utc: opened,
    sla_hours: sla,
    replay_command: "npm test",
    trace_pointer: `t/${id}.json`,
    reactivation_criteria: "3 clean reruns",
    ...extra,
  };
}

function doc(entries: unknown[], schema = "wasm-flake-quarantine-v1"): LoadedJson {
  return { kind: "json", path: "m.json", value: { schema_version: schema, entries } };
}

const NO_HISTORY: HistoryInput = { kind: "runs", path: "h", runs: [] };

function run(manifest: LoadedJson, extra: Partial<BurndownInputs> = {}) {
  return evaluateBurndown({
    policy: BUILTIN_POLICY,
    policyPath: null,
    reactivate: {},
    manifest,
    history: NO_HISTORY,
    now: NOW,
    windowDays: 14,
    ...extra,
  });
}

test("burndown core: the SLA limit is min(sla_hours, target); policy only when the target is strictly smaller", () => {
  assert.deepEqual(entrySlaLimit(500, "high", BUILTIN_POLICY), { hours: 72, source: "policy" });
  assert.deepEqual(entrySlaLimit(72, "high", BUILTIN_POLICY), { hours: 72, source: "entry" });
  assert.deepEqual(entrySlaLimit(10, "critical", BUILTIN_POLICY), { hours: 10, source: "entry" });
  assert.deepEqual(entrySlaLimit(5000, "low", BUILTIN_POLICY), { hours: 5000, source: "entry" }, "low has no target");
});

test("burndown core: a breach is strictly over the limit; elapsed_hours is fmt1 with ties to even", () => {
  const atLimit = run(doc([e("Q-A", "medium", "open", ago(168), 168)]));
  assert.deepEqual(atLimit.sla_breaches, []);
  const justOver = run(doc([e("Q-A", "medium", "open", new Date(NOW - 168 * HOUR - 1).toISOString(), 168)]));
  assert.equal(justOver.sla_breaches.length, 1);
  assert.equal(justOver.sla_breaches[0]?.elapsed_hours, 168);
  // 2.25 h is exact in binary: ties-to-even gives 2.2 where toFixed(1) would give 2.3.
  const tie = run(doc([e("Q-T", "low", "open", ago(2.25), 2)]));
  assert.deepEqual(tie.sla_breaches, [
    { id: "Q-T", severity: "low", owner: "runtime-core", elapsed_hours: 2.2, sla_limit_hours: 2, sla_source: "entry" },
  ]);
  assert.deepEqual(tie.release_gate.reasons, ["1 SLA breach(es) detected"]);
});

test("burndown core: trend clear / improving / degrading / stable", () => {
  assert.equal(run(doc([])).summary.burndown_trend, "clear");
  assert.equal(run(doc([]), { manifest: { kind: "missing", path: "m.json" } }).summary.burndown_trend, "stable");
  assert.equal(run(doc([], "other")).summary.burndown_trend, "stable", "a schema mismatch is never clear");
  const resolvedOld = e("Q-R", "low", "resolved", ago(900), 100, { resolved_at_utc: ago(800) });
  assert.equal(run(doc([resolvedOld])).summary.burndown_trend, "clear");
  const open = e("Q-O", "low", "open", ago(1), 100);
  assert.equal(run(doc([open])).summary.burndown_trend, "degrading");
  const closedRecently = e("Q-C", "low", "resolved", ago(900), 100, { resolved_at_utc: ago(2) });
  assert.equal(run(doc([open, closedRecently])).summary.burndown_trend, "stable");
  const closedRecently2 = e("Q-D", "low", "resolved", ago(900), 100, { resolved_at_utc: ago(3) });
  assert.equal(run(doc([open, closedRecently, closedRecently2])).summary.burndown_trend, "improving");
  // An invalid entry alone is not clear either.
  const invalid = run(doc([e("Q-X", "urgent", "resolved", ago(900), 100)]));
  assert.equal(invalid.summary.burndown_trend, "stable");
  assert.equal(invalid.release_gate.blocked, true);
});

test("burndown core: windows include both ends (cutoff and now)", () => {
  const atCutoff = e("Q-1", "low", "resolved", ago(14 * 24), 100, { resolved_at_utc: ago(14 * 24) });
  const atNow = e("Q-2", "low", "resolved", ago(0), 100, { resolved_at_utc: ago(0) });
  const before = e("Q-3", "low", "resolved", new Date(NOW - 14 * 24 * HOUR - 1).toISOString(), 100, {
    resolved_at_utc: new Date(NOW - 14 * 24 * HOUR - 1).toISOString(),
  });
  const r = run(doc([atCutoff, atNow, before]));
  assert.equal(r.summary.new_in_window, 2);
  assert.equal(r.summary.resolved_in_window, 2);
});

test("burndown core: owner groups in code-point order, items in manifest order", () => {
  const r = run(
    doc([
      e("Q-1", "low", "open", ago(1), 100, { owner: "ä-team" }),
      e("Q-2", "low", "open", ago(1), 100, { owner: "alpha" }),
      e("Q-3", "low", "open", ago(1), 100, { owner: "Zeta" }),
      e("Q-4", "low", "open", ago(1), 100, { owner: "alpha" }),
    ]),
  );
  assert.deepEqual(
    r.owner_routing.map((g) => [g.owner, g.items.map((i) => i.id)]),
    [
      ["Zeta", ["Q-3"]],
      ["alpha", ["Q-2", "Q-4"]],
      ["ä-team", ["Q-1"]],
    ],
  );
});

test("burndown core: due_at_utc = opened + limit, written as Z floored to the second", () => {
  const r = run(doc([e("Q-1", "critical", "open", "2026-03-10T10:30:00.999+01:30", 48)]));
  assert.equal(r.owner_routing[0]?.items[0]?.due_at_utc, "2026-03-11T09:00:00Z", "limit 24h (critical target), not 48h");
});

test("burndown core: blocked agrees with the gate's WG-QUAR or WG-REACT for the same inputs", () => {
  const evidence = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      attempt_id: "a",
      run_id: `a-${i}`,
      ts: "2026-03-10T10:00:00Z",
      status: "passed",
      fingerprint: "sha256:ab",
      certificate: null,
      artifact_dir: `r/${i}`,
    }));
  const reactivated = e("Q-R", "medium", "reactivated", ago(10), 168, {
    notes: { root_cause: "x", fix_ref: "y" },
    reactivated_at_utc: "2026-03-10T11:00:00Z",
    reactivation_evidence: evidence(3),
  });
  const cases: [string, LoadedJson, ReactivateGateConfig][] = [
    ["empty", doc([]), {}],
    ["missing", { kind: "missing", path: "m.json" }, {}],
    ["invalid json", { kind: "invalid-json", path: "m.json", line: 1, column: 2, problem: "x" }, {}],
    ["array root", { kind: "json", path: "m.json", value: [] }, {}],
    ["entries not a list", { kind: "json", path: "m.json", value: { schema_version: "wasm-flake-quarantine-v1", entries: 3 } }, {}],
    ["schema mismatch", doc([], "v0"), {}],
    ["medium open in SLA", doc([e("Q-1", "medium", "open", ago(1), 168)]), {}],
    ["medium over its own SLA", doc([e("Q-1", "medium", "open", ago(20), 10)]), {}],
    ["medium over target only", doc([e("Q-1", "medium", "open", ago(1), 200)]), {}],
    ["one high", doc([e("Q-1", "high", "open", ago(1), 72)]), {}],
    ["low no target", doc([e("Q-1", "low", "open", ago(500), 1000)]), {}],
    ["resolved only", doc([e("Q-1", "high", "resolved", ago(50), 72, { resolved_at_utc: ago(1) })]), {}],
    ["invalid entry", doc([e("Q-1", "medium", "open", "2026-03-01T00:00:00", 168)]), {}],
    ["duplicate ids", doc([e("Q-1", "low", "resolved", ago(5), 10), e("Q-1", "low", "resolved", ago(5), 10)]), {}],
    ["reactivated valid", doc([reactivated]), {}],
    ["reactivated short of min_runs", doc([reactivated]), { min_runs: 4 }],
    ["reactivated per-severity", doc([reactivated]), { min_runs_by_severity: { medium: 5 } }],
  ];
  for (const [name, manifest, reactivate] of cases) {
    const report = run(manifest, { reactivate });
    const g = evaluateGate({
      policyPath: "p",
      policy: BUILTIN_POLICY,
      dashboard: { kind: "missing", path: "d" },
      manifest,
      forensicsDoc: { kind: "missing", path: "f" },
      pilotSummary: null,
      reactivate,
      now: NOW,
      gitSha: null,
    });
    const gateFails = g.results.some((r) => /^WG-(QUAR|REACT)-/.test(r.check_id) && r.status === "fail");
    assert.equal(report.release_gate.blocked, gateFails, name);
    assert.equal(report.release_gate.reasons.length > 0, gateFails, `${name}: reasons explain exactly the blocked runs`);
    BurndownReport.parse(report);
  }
});

test("burndown core: a terminal manifest finding comes before the schema mismatch and nothing is counted", () => {
  const r = run({ kind: "json", path: "m.json", value: { schema_version: "v0", entries: "x" } });
  assert.deepEqual(r.release_gate.reasons, [
    "quarantine entries must be a list",
    "quarantine schema mismatch: expected wasm-flake-quarantine-v1, got v0",
  ]);
  assert.equal(r.summary.total_open_flakes, 0);
  assert.deepEqual(r.invalid_entries, []);
});

test("burndown core: history keeps [cutoff, now], sorts by started_at then run_id, warns per skipped run", () => {
  const json = (value: unknown): LoadedJson => ({ kind: "json", path: "x/run_manifest.json", value });
  const history: HistoryInput = {
    kind: "runs",
    path: "h",
    runs: [
      { name: "c", dir: "h/c", manifest: json({ run_id: "same", started_at_utc: "2026-03-09T00:00:00Z" }) },
      { name: "b", dir: "h/b", manifest: json({ run_id: "early", started_at_utc: "2026-03-09T00:00:00Z" }) },
      { name: "a", dir: "h/a", manifest: { kind: "missing", path: "h/a/run_manifest.json" } },
      { name: "d", dir: "h/d", manifest: { kind: "unreadable", path: "h/d/run_manifest.json", cause: "permission denied" } },
    ],
  };
  const out = burndownHistory(history, NOW - 48 * HOUR, NOW);
  assert.deepEqual(
    out.rows.map((r) => r.run_id),
    ["early", "same"],
  );
  assert.deepEqual(out.warnings, [
    "skipped history run h/a: no run_manifest.json",
    "skipped history run h/d: cannot read h/d/run_manifest.json: permission denied",
  ]);
  assert.deepEqual(burndownHistory({ kind: "missing", path: "h" }, 0, NOW), { rows: [], warnings: ["history directory not found: h"] });
});

test("burndown core: the text summary escapes control characters so one reason stays one line", () => {
  const r = run({ kind: "missing", path: "a\nb.json" });
  assert.equal(
    burndownSummaryText(r),
    "Burndown (14 days): stable; open 0 (critical 0, high 0, medium 0, low 0); overdue 0; resolved 0 / new 0\n" +
      "Release gate: BLOCKED\n  - quarantine manifest missing: a\\nb.json\n",
  );
});

test("burndown core: the same inputs give the same report", () => {
  const m = doc([e("Q-1", "high", "open", ago(100), 500), e("Q-2", "low", "open", ago(1), 10, { owner: "b" })]);
  assert.equal(JSON.stringify(run(m)), JSON.stringify(run(m)));
});
