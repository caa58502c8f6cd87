// The rules of reports.md §3–§4 through renderSite, one acceptance item (§8) per test where it applies.
import assert from "node:assert/strict";
import test from "node:test";
import { renderSite } from "../src/index.ts";
import { chanceToSee, flips, traceLetters } from "../src/site/pages/flakes-pages.ts";
import { requiredIterations, fmt2 } from "@flakewarden/core";
import { dashboard, entry, governance, hoursBefore, manifest, NOW, renderFiles } from "./support/site-from-objects.ts";

const WG006 = { check_id: "WG-DASH-006", status: "fail", detail: "flake_rate_pct breach (50.00 > 0)", findings: [{ actual: 50, check_id: "WG-DASH-006", limit: 0, message: "flake_rate_pct breach (50.00 > 0)", path: "quality_thresholds.max_flake_rate_pct", subject: null }] };
const WG011 = { check_id: "WG-QUAR-011", status: "fail", detail: "unresolved high 1 > 0", findings: [{ actual: 1, check_id: "WG-QUAR-011", limit: 0, message: "unresolved high 1 > 0", path: "quality_thresholds.max_unresolved_high_severity_flakes", subject: null }] };
const PASS = { check_id: "WG-POLICY-001", status: "pass", detail: "policy valid" };

function banner(html: string): string {
  return /<section id="verdict"[^>]*>\n<h1>([^<]*)<\/h1>\n<p>([^<]*)<\/p>/.exec(html)?.slice(1, 3).join(" | ") ?? "no banner";
}

test("acceptance 9: failing WG-DASH-006 and WG-QUAR-011 → FAIL with the reason line, details verbatim, findings, flake-rate row 50.00 vs 0", () => {
  const r = renderFiles({ "wasm_flake_governance_report.json": governance("fail", "2026-03-10T11:00:00Z", [PASS, WG006, WG011]) });
  const html = r.file("index.html");
  assert.equal(banner(html), "Overall verdict: FAIL | 1 of 1 gates failed (Flake governance gate: WG-DASH-006, WG-QUAR-011)");
  assert.ok(html.includes("flake_rate_pct breach (50.00 &gt; 0)<br>finding: flake_rate_pct breach (50.00 &gt; 0)"));
  assert.match(html, /<th scope="row">flake rate \(%\)<\/th><td>50\.00<\/td><td>0<\/td>/);
  assert.equal(r.manifest.overall_verdict, "fail");
  assert.deepEqual(r.manifest.gates, [{ kind: "governance", path: "wasm_flake_governance_report.json", verdict: "fail" }]);
});

test("acceptance 10: an original dashboard alone → NO VERDICT; a flakewarden dashboard with verdict fail → FAIL with unstable/deterministic ids", () => {
  const original = renderFiles({ "variance_dashboard.json": dashboard({ suite_count: 1, unstable_suite_count: 0 }) });
  assert.equal(banner(original.file("index.html")), "Overall verdict: NO VERDICT | No gate report found among 1 recognised inputs.");
  assert.equal(original.result.verdict, "no_verdict");
  const fw = renderFiles({ "variance_dashboard.json": dashboard({ verdict: "fail", generated_at: NOW }, [{ suite: "a", unstable: true }]) });
  assert.equal(banner(fw.file("index.html")), "Overall verdict: FAIL | 1 of 1 gates failed (Flake detection: unstable: 1, deterministic failures: 0)");
});

test("acceptance 11 (renderSite): a truncated governance report is invalid with a parse problem and the verdict is FAIL", () => {
  const r = renderFiles({ "wasm_flake_governance_report.json": '{"schema_version": "wasm-flake-governance-report-v1", "gate_st' });
  assert.equal(r.result.verdict, "fail");
  const input = r.manifest.inputs[0];
  assert.equal(input.status, "invalid");
  assert.equal(input.kind, "governance");
  assert.match(input.problems[0], /invalid JSON at line 1 column \d+/);
  assert.equal(banner(r.file("index.html")), "Overall verdict: FAIL | 0 of 0 gates failed; 1 inputs invalid");
});

test("acceptance 12: a naive opened_at_utc makes the manifest invalid at entries[k].opened_at_utc; the other entries render; FAIL", () => {
  const r = renderFiles({ "wasm_flake_quarantine_manifest.json": manifest([entry("good"), entry("bad", { opened_at_utc: "2026-03-01T00:00:00" }), entry("also-good")]) });
  assert.equal(r.result.verdict, "fail");
  assert.deepEqual(r.manifest.inputs[0].problems, ["entries[1].opened_at_utc: timestamp has no UTC offset"]);
  const q = r.file("quarantine.html");
  assert.ok(q.includes(">good</th>") && q.includes(">also-good</th>") && !q.includes(">bad</th>"));
  assert.ok(q.includes("entries[1].opened_at_utc: timestamp has no UTC offset"), "Invalid items table");
});

test("acceptance 13: a pilot summary containing NaN is invalid and the verdict is FAIL", () => {
  const r = renderFiles({ "pilot_observability_summary.json": '{"schema_version": "asupersync-pilot-observability-v1", "generated_at": "2026-03-10T09:00:00Z", "status": "pass", "x": NaN}' });
  assert.equal(r.manifest.inputs[0].status, "invalid");
  assert.equal(r.manifest.inputs[0].kind, "pilot");
  assert.equal(r.result.verdict, "fail");
});

test("acceptance 14: reports at 10:00Z (pass) and 11:00Z (fail) → the 11:00Z one is current (FAIL) and 10:00Z is under History", () => {
  const r = renderFiles({
    "a/wasm_flake_governance_report.json": governance("fail", "2026-03-10T11:00:00Z", [WG006]),
    "b/wasm_flake_governance_report.json": governance("pass", "2026-03-10T10:00:00+00:00", [PASS]),
  });
  assert.equal(r.result.verdict, "fail");
  assert.deepEqual(r.manifest.gates.map((g: any) => g.path), ["a/wasm_flake_governance_report.json"]);
  const html = r.file("index.html");
  const history = html.slice(html.indexOf("<summary>History (1)</summary>"));
  assert.ok(history.includes("b/wasm_flake_governance_report.json") && history.includes("2026-03-10 10:00:00Z"));
});

test("acceptance 15: events disagreeing with their report → warning; the verdict is unchanged", () => {
  const ts = "2026-03-10T11:00:00Z";
  const events = [{ schema_version: "wasm-flake-governance-event-v1", check_id: "WG-POLICY-001", status: "fail", detail: "x", generated_at_utc: ts }].map((e) => JSON.stringify(e)).join("\n") + "\n";
  const agree = [{ schema_version: "wasm-flake-governance-event-v1", check_id: "WG-POLICY-001", status: "pass", detail: "x", generated_at_utc: ts }].map((e) => JSON.stringify(e)).join("\n") + "\n";
  const report = governance("pass", ts, [PASS]);
  const bad = renderFiles({ "wasm_flake_governance_report.json": report, "wasm_flake_governance_events.ndjson": events });
  assert.ok(bad.file("index.html").includes("events disagree with report"));
  assert.equal(bad.result.verdict, "pass");
  const good = renderFiles({ "wasm_flake_governance_report.json": report, "wasm_flake_governance_events.ndjson": agree });
  assert.ok(!good.file("index.html").includes("events disagree with report"));
});

test("acceptance 16: SLA clock readings at now 2026-03-10T12:00:00Z with sla_hours 72", () => {
  const cases: [string, string][] = [
    ["2026-03-09T12:00:00+00:00", "48.0 h left"],
    ["2026-03-06T12:00:00Z", "overdue by 24.0 h"],
    ["2026-03-07T12:00:00Z", "0.0 h left"],
    ["2026-03-07T13:30:00+01:30", "0.0 h left"],
    ["2026-03-11T00:00:00Z", "not started (opened_at in the future)"],
  ];
  for (const [opened, shown] of cases) {
    const r = renderFiles({ "wasm_flake_quarantine_manifest.json": manifest([entry("e", { opened_at_utc: opened })]) });
    assert.ok(r.file("quarantine.html").includes(` ${shown}</td>`), `${opened} → ${shown}`);
    assert.ok(r.file("quarantine.md").includes(shown), `${opened} → ${shown} (Markdown)`);
  }
});

test("acceptance 17: a governance pass evaluated before an open entry went overdue → verdict may be stale", () => {
  const r = renderFiles({
    "wasm_flake_governance_report.json": governance("pass", "2026-03-09T00:00:00Z", [PASS]),
    "wasm_flake_quarantine_manifest.json": manifest([entry("late", { opened_at_utc: "2026-03-06T00:00:00Z" })]),
  });
  assert.match(r.file("index.html"), /verdict may be stale: 1 entries overdue as of 2026-03-10 12:00:00Z; gate evaluated at 2026-03-09 00:00:00Z/);
  assert.equal(r.result.verdict, "pass");
});

test("acceptance 18: order overdue high, low (5 h left), critical (10 h left), resolved", () => {
  const r = renderFiles({
    "wasm_flake_quarantine_manifest.json": manifest([
      entry("resolved", { status: "resolved", resolved_at_utc: hoursBefore(1) }),
      entry("critical", { severity: "critical", sla_hours: 24, opened_at_utc: hoursBefore(14) }),
      entry("low", { severity: "low", sla_hours: 24, opened_at_utc: hoursBefore(19) }),
      entry("overdue-high", { opened_at_utc: hoursBefore(100) }),
    ]),
  });
  const ids = [...r.file("quarantine.html").matchAll(/<tr id="q-[0-9a-f]{12}"><th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.deepEqual(ids, ["overdue-high", "low", "critical", "resolved"]);
});

test("acceptance 19: 450 entries → quarantine, -2, -3 with 200/200/50 in HTML and Markdown; burndown only on the first page", () => {
  const entries = Array.from({ length: 450 }, (_, i) => entry(`e${String(i).padStart(3, "0")}`));
  const r = renderFiles({ "wasm_flake_quarantine_manifest.json": manifest(entries), "burndown_report.json": burndownReport() });
  const count = (t: string): number => (t.match(/<tr id="q-/g) ?? []).length;
  assert.deepEqual(["quarantine.html", "quarantine-2.html", "quarantine-3.html"].map((p) => count(r.file(p))), [200, 200, 50]);
  const mdRows = (t: string): number => t.split("\n").filter((l) => /^\| e\d{3} \|/.test(l)).length;
  assert.deepEqual(["quarantine.md", "quarantine-2.md", "quarantine-3.md"].map((p) => mdRows(r.file(p))), [200, 200, 50]);
  assert.ok(!r.has("quarantine-4.html"));
  assert.ok(r.file("quarantine.html").includes('id="burndown"') && r.file("quarantine.md").includes("## Burndown"));
  for (const p of ["quarantine-2.html", "quarantine-3.html", "quarantine-2.md"]) assert.ok(!r.file(p).includes("Burndown"), p);
  assert.ok(r.file("quarantine-2.html").includes("Page 2 of 3"));
});

function burndownReport(window: unknown = 7): Record<string, unknown> {
  return {
    schema_version: "nightly-burndown-report-v1", generated_at_utc: "2026-03-10T06:00:00Z", window_days: window,
    summary: { total_open_flakes: 1, critical_flakes: 0, high_flakes: 1, medium_flakes: 0, overdue_sla_count: 0, resolved_in_window: 0, new_in_window: 0, burndown_trend: "flat" },
    release_gate: { blocked: false, reasons: [] }, sla_breaches: [], owner_routing: [], history: [],
  };
}

test("acceptance 20: detection power at N = 5, C = 95 and at N = 10", () => {
  const chances = [1, 2, 5, 10, 20, 50].map((p) => fmt2(chanceToSee(p / 100, 5) * 100));
  assert.deepEqual(chances, ["4.90", "9.61", "22.62", "40.95", "67.23", "96.88"]);
  assert.deepEqual([1, 2, 5, 10, 20, 50].map((p) => requiredIterations(p / 100, 0.95)), [299, 149, 59, 29, 14, 5]);
  assert.equal(fmt2(chanceToSee(0.1, 10) * 100), "65.13");
  const html = renderFiles({ "variance_dashboard.json": dashboard({ iterations: 5, generated_at: NOW }) }).file("flakes.html");
  for (const [p, c, n] of [["1 %", "4.90 %", "299"], ["50 %", "96.88 %", "5"]]) assert.ok(html.includes(`<th scope="row">${p}</th><td>${c}</td><td>${n}</td>`), p);
  assert.ok(renderFiles({ "variance_dashboard.json": dashboard() }).file("flakes.html").includes('id="detection-power">Detection power</h2>\n<p>not recorded</p>'));
});

test("acceptance 21: trace pass,fail,skip,fail,pass → P F S F P, flips 2", () => {
  const trace = ["pass", "fail", "skip", "fail", "pass"];
  assert.equal(traceLetters(trace), "P F S F P");
  assert.equal(flips(trace), 2);
  const html = renderFiles({ "variance_dashboard.json": dashboard({}, [{ suite: "s", unstable: true, outcomes: { pass: 2, fail: 2, skip: 1, status_trace: trace } }]) }).file("flakes.html");
  assert.ok(html.includes('<code>P F S F P</code><span class="visually-hidden"> (pass, fail, skip, fail, pass)</span></td><td>2</td>'));
});

test("acceptance 22: trend 50.00, 0.00, 25.00; header suite_count 0 over 2 unstable suites → 100.00 plus the mismatch warning", () => {
  const s = (n: number, u: number) => Array.from({ length: n }, (_, i) => ({ suite: `s${i}`, unstable: i < u }));
  const r = renderFiles({
    "t1/variance_dashboard.json": dashboard({ generated_at: "2026-03-08T00:00:00Z" }, s(2, 1)),
    "t2/variance_dashboard.json": dashboard({ generated_at: "2026-03-09T00:00:00Z" }, s(2, 0)),
    "t3/variance_dashboard.json": dashboard({ generated_at: "2026-03-10T00:00:00Z" }, s(4, 1)),
  });
  const html = r.file("flakes.html");
  const data = [...html.matchAll(/<th scope="row">t\d\/variance_dashboard\.json<\/th><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(data, ["50.00", "0.00", "25.00"]);
  const m = renderFiles({ "variance_dashboard.json": dashboard({ suite_count: 0, generated_at: NOW }, s(2, 2)) });
  assert.ok(m.file("index.html").includes("dashboard header counts differ from suites[]: suite_count 0 vs 2"));
  assert.match(m.file("flakes.html"), /<td>100\.00<\/td>/);
});

test("acceptance 23: W = 7 burndown series 1,2,2,2,1,1,1 and 1 entries not plotted", () => {
  const day = 24;
  const r = renderFiles({
    "burndown_report.json": burndownReport(7),
    "wasm_flake_quarantine_manifest.json": manifest([
      entry("A", { opened_at_utc: hoursBefore(10 * day) }),
      entry("B", { status: "resolved", opened_at_utc: hoursBefore(5 * day), resolved_at_utc: hoursBefore(2 * day) }),
      entry("C", { status: "resolved", opened_at_utc: hoursBefore(3 * day) }),
    ]),
  });
  const md = r.file("quarantine.md");
  const series = md.split("\n").filter((l) => /^\| 2026-03-\d\d \d\d:\d\d:\d\dZ \| \d+ \|$/.test(l)).map((l) => l.split("|")[2]!.trim());
  assert.deepEqual(series, ["1", "2", "2", "2", "1", "1", "1"]);
  assert.ok(md.includes("1 entries not plotted"));
  assert.ok(r.file("quarantine.html").includes("1 entries not plotted"));
});

test("acceptance 24: two suites with the same replay_command → the replay-command warning", () => {
  const same = [{ suite: "a", unstable: false, replay_command: "x" }, { suite: "b", unstable: false, replay_command: "x" }];
  assert.ok(renderFiles({ "variance_dashboard.json": dashboard({}, same) }).file("index.html").includes("every suite has the same replay_command; these commands are not reliable"));
  const differ = [{ suite: "a", unstable: false, replay_command: "x" }, { suite: "b", unstable: false, replay_command: "y" }];
  assert.ok(!renderFiles({ "variance_dashboard.json": dashboard({}, differ) }).file("index.html").includes("same replay_command"));
});

test("acceptance 26: a pointer resolved by segment-wise suffix links to the file; a missing one is dangling and counted", () => {
  const r = renderFiles({
    "wasm/release/release_traceability.json": { schema_version: "wasm-release-traceability-v1", version: "1.0.0", tag: "v1", release_blocking_criteria: [], required_gate_reports: [] },
    "wasm_flake_quarantine_manifest.json": manifest([
      entry("found", { trace_pointer: "artifacts/wasm/release/release_traceability.json" }),
      entry("missing", { trace_pointer: "artifacts/nowhere.json" }),
    ]),
  });
  const q = r.file("quarantine.html");
  assert.ok(q.includes('<a href="../in/wasm/release/release_traceability.json">artifacts/wasm/release/release_traceability.json</a>'));
  assert.ok(q.includes('<code>artifacts/nowhere.json</code> <span class="badge badge-warn">not found under --in</span>'));
  assert.ok(r.file("index.html").includes("1 dangling pointers"));
  assert.ok(r.file("quarantine.md").includes("](<../in/wasm/release/release_traceability.json>)"));
});

test("a pointer to an artifact folder that exists under --in links to the folder; a folder that is not there stays dangling", () => {
  const r = renderFiles({
    "drill/artifacts_1/summary.json": { note: "not a recognised artifact" },
    "wasm_flake_quarantine_manifest.json": manifest([
      entry("dir", { trace_pointer: "artifacts/drill/artifacts_1" }),
      entry("gone", { trace_pointer: "artifacts/drill/artifacts_2" }),
    ]),
  });
  const q = r.file("quarantine.html");
  assert.ok(q.includes('<a href="../in/drill/artifacts_1/">artifacts/drill/artifacts_1</a>'), q);
  assert.ok(q.includes('<code>artifacts/drill/artifacts_2</code> <span class="badge badge-warn">not found under --in</span>'));
  assert.ok(r.file("index.html").includes("1 dangling pointers"));
});

test("a dangling or removed pointer with a pipe in a Markdown table cell keeps the row's column count", () => {
  const r = renderFiles({
    "wasm_flake_quarantine_manifest.json": manifest([
      entry("dangling", { trace_pointer: "evidence/a|b.json" }),
      entry("removed", { trace_pointer: "javascript:a|b" }),
    ]),
  });
  const md = r.file("quarantine.md");
  // Unescaped pipes: those not preceded by an odd number of backslashes.
  const pipes = (line: string): number => (line.match(/(?<!\\)(?:\\\\)*\|/g) ?? []).length;
  const header = md.split("\n").find((l) => l.startsWith("| id |"));
  assert.ok(header !== undefined, md);
  const rows = md.split("\n").filter((l) => l.startsWith("| dangling |") || l.startsWith("| removed |"));
  assert.equal(rows.length, 2, md);
  for (const row of rows) assert.equal(pipes(row), pipes(header), row);
  assert.ok(rows[0]!.includes("a\\|b.json"), rows[0]);
});

test("acceptance 41: reactivated entry with 3 evidence records and reactivation_min_runs 4 → open, overdue, not valid (evidence_runs), 3 of 4; without a governance report → valid and the default note", () => {
  const evidence = [1, 2, 3].map((i) => ({ attempt_id: "att-1", run_id: `r${i}`, ts: `2026-03-0${i + 5}T00:00:00Z`, status: "passed", fingerprint: "fp", artifact_dir: `a/${i}` }));
  const reactivated = entry("react", {
    status: "reactivated", opened_at_utc: hoursBefore(96), notes: { root_cause: "race", fix_ref: "PR-7" }, reactivated_at_utc: "2026-03-09T00:00:00Z", reactivation_evidence: evidence,
  });
  const gov = governance("pass", "2026-03-10T11:00:00Z", [PASS], { thresholds: { reactivation_min_runs: { critical: 4, high: 4, medium: 4, low: 4 } } });
  const r = renderFiles({ "wasm_flake_quarantine_manifest.json": manifest([reactivated]), "wasm_flake_governance_report.json": gov });
  const q = r.file("quarantine.html");
  assert.ok(q.includes("overdue by 24.0 h"));
  assert.ok(q.includes("not valid (evidence_runs)"));
  assert.ok(q.includes("3 of 4 consecutive identical passing reruns"));
  assert.ok(!q.includes("using the default 3"));
  const alone = renderFiles({ "wasm_flake_quarantine_manifest.json": manifest([reactivated]) }).file("quarantine.html");
  assert.ok(alone.includes(" valid<br>") && !alone.includes("not valid"));
  assert.ok(alone.includes("reactivation minimum runs not recorded in a governance report; using the default 3"));
  assert.ok(alone.includes("closed 2026-03-09 00:00:00Z"));
});

test("inputs that are ignored are listed with a reason; unknown ids are not recognised", () => {
  const r = renderFiles({
    "variance_dashboard.json": dashboard(),
    "x/unknown.json": { hello: 1 },
    "x/repro.json": { schema_version: "incident-forensics-repro-bundle-v1" },
    "x/broken.json": "{nope",
  });
  const byPath = Object.fromEntries(r.manifest.inputs.map((i: any) => [i.path, i]));
  assert.equal(byPath["x/unknown.json"].status, "ignored");
  assert.equal(byPath["x/broken.json"].status, "ignored");
  assert.deepEqual(byPath["x/repro.json"].problems, ["repro bundles are not rendered"]);
  assert.equal(r.result.recognised, 1);
  assert.ok(r.file("index.html").includes("Ignored inputs"));
});

test("--format md writes no .html and no flakes page; html,md writes flakes.html but no flakes.md", () => {
  const md = renderFiles({ "variance_dashboard.json": dashboard() }, { formats: ["md"] });
  assert.deepEqual(md.result.files.map((f) => f.path), [".flakewarden-report", "index.md", "quarantine.md", "report_manifest.json"]);
  assert.ok(!md.file("index.md").includes("flakes"), "no link to an HTML-only page without html");
  const both = renderFiles({ "variance_dashboard.json": dashboard() });
  assert.ok(both.has("flakes.html") && !both.has("flakes.md"));
  assert.ok(both.file("index.md").includes("[Flakes](<flakes.html>)"));
});

test("64-bit fingerprints and seeds are shown from their source text (§4.1)", () => {
  const drill = '{"schema_version":"incident-forensics-drill-summary-v1","status":"passed","seed":18446744073709551615,"started_ts":"2026-03-10T07:00:00Z","ended_ts":"2026-03-10T07:01:00Z","checks_passed":1,"checks_failed":0,"failure_class":null,"repro_command":"x","scenarios":[{"scenario_id":"s","status":"passed","fingerprint":18446744073709551615}]}';
  const html = renderFiles({ "incident_summary.json": drill }).file("index.html");
  assert.ok(html.includes("<code>18446744073709551615</code>"), "fingerprint digits kept");
  assert.ok(!html.includes("18446744073709552000"));
});

test("strict input: BOM skipped, last duplicate key wins, invalid UTF-8 under a known name is invalid", () => {
  const bom = renderFiles({ "variance_dashboard.json": `\uFEFF${JSON.stringify(dashboard({ verdict: "fail" }, [{ suite: "a", unstable: true }]))}` });
  assert.equal(bom.result.verdict, "fail");
  const dup = renderFiles({ "variance_dashboard.json": '{"schema_version":"sem-variance-dashboard-v1","verdict":"fail","verdict":"pass","suites":[{"suite":"a","unstable":false}]}' });
  assert.equal(dup.result.verdict, "pass");
  const r = renderSiteBytes("wasm_flake_quarantine_manifest.json", new Uint8Array([0x7b, 0xff, 0x7d]));
  assert.equal(r.inputs[0].status, "invalid");
  assert.match(r.inputs[0].problems[0], /not valid UTF-8/);
});

test("test tables: found through the current dashboard; a table named only by a history dashboard is ignored", () => {
  const line = (id: string, trace: string[], unstable: boolean) => JSON.stringify({ id, trace, unstable, sources: [] });
  const r = renderFiles({
    "new/variance_dashboard.json": dashboard({ generated_at: "2026-03-10T00:00:00Z" }, [{ suite: "s", unstable: true, test_cases: { total: 2, unstable_count: 1, table: "t/s.ndjson" } }, { suite: "m", unstable: false, test_cases: { total: 1, unstable_count: 0, table: "t/missing.ndjson" } }]),
    "new/t/s.ndjson": `${line("b", ["pass", "fail"], true)}\n${line("a", ["fail", "fail"], false)}\n${line("c", ["pass", "pass"], false)}\n`,
    "old/variance_dashboard.json": dashboard({ generated_at: "2026-03-09T00:00:00Z" }, [{ suite: "s", unstable: false, test_cases: { total: 1, unstable_count: 0, table: "t/old.ndjson" } }]),
    "old/t/old.ndjson": `${line("x", ["pass"], false)}\n`,
  });
  const html = r.file("flakes.html");
  assert.ok(html.includes("<summary>s: 3 tests, 1 unstable</summary>"));
  assert.ok(html.indexOf('<th scope="row">b</th>') < html.indexOf('<th scope="row">a</th>'), "unstable tests first, then failing ones");
  assert.ok(!html.includes('<th scope="row">c</th>'), "passing tests are only counted");
  assert.ok(html.includes("m: per-test table not found: t/missing.ndjson"));
  const old = r.manifest.inputs.find((i: any) => i.path === "old/t/old.ndjson");
  assert.deepEqual([old.status, old.problems], ["ignored", ["table of a history dashboard"]]);
  assert.equal(r.manifest.inputs.find((i: any) => i.path === "new/t/s.ndjson").kind, "test_table");
});

function renderSiteBytes(p: string, bytes: Uint8Array): any {
  const out = renderSite({ inputs: [{ path: p, bytes, skipped: null }], fileIndex: new Set([p]), linkPrefix: "../in", now: NOW, clockSource: "--now", toolVersion: "t", formats: ["md"] });
  return JSON.parse(new TextDecoder().decode(out.files.find((f) => f.path === "report_manifest.json")!.bytes));
}
