// pilot.md §8 items 3, 27–29 (and 4 for cohort): `flakewarden pilot cohort` end to end.
import assert from "node:assert/strict";
import test from "node:test";
import { PilotCohortEvaluation, PilotIntakeLine } from "@flakewarden/core";
import { assertNoCrash, read } from "./support/cli.ts";
import { assertExit2At, assertUsage, cohort, COHORT_LOG, COHORT_OUT, has, ndjson, PILOT_NOW, pilotTree, problemLines, readOut } from "./support/pilot.ts";

async function runCohort(input: unknown, args: string[] = []) {
  const root = pilotTree({ "cohort.json": typeof input === "string" ? input : JSON.stringify(input) });
  const r = await cohort(root, ["--input", "cohort.json", "--now", PILOT_NOW, ...args]);
  assertNoCrash(r);
  return { root, r };
}

async function results(input: unknown): Promise<any[]> {
  const { root, r } = await runCohort(input);
  assert.equal(r.code, 0, r.stderr);
  const out = readOut(root, COHORT_OUT);
  PilotCohortEvaluation.parse(out);
  return out.results;
}

test("acceptance 3: cohort_mixed.json → exit 0, 7 evaluated, 3 eligible, score capped at 100, ineligible always high", async () => {
  const root = pilotTree();
  const r = await cohort(root, ["--input", "cohort_mixed.json", "--now", PILOT_NOW]);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `evaluated=7 eligible=3 output=${COHORT_OUT}\n`);
  const out = readOut(root, COHORT_OUT);
  PilotCohortEvaluation.parse(out);
  assert.equal(out.schema, "asupersync-pilot-cohort-eval-v1");
  assert.equal(out.generated_at, PILOT_NOW);
  assert.equal(out.candidate_count, 7);
  assert.equal(out.eligible_count, 3);
  const rows = out.results.map((x: any) => [x.candidate_id, x.eligible, x.score, x.risk_tier, x.exclusion_reasons]);
  assert.deepEqual(rows, [
    ["acme-frontend", true, 90, "low", []],
    ["maxed-out", true, 100, "low", []],
    ["legacy-io", false, 80, "high", ["requested_deferred_surface"]],
    ["invalid-profile-high-score", false, 80, "high", ["profile_not_allowed"]],
    ["prod-no-replay", false, 35, "high", ["unsupported_frameworks:angular,svelte"]],
    ["sse-user", true, 70, "low", []],
    ["unknown", false, 0, "high", ["no_framework_selected", "profile_not_allowed"]],
  ]);
  assert.deepEqual(out.results[1].selected_frameworks, ["next", "react", "vanilla"]);
  assert.deepEqual(out.results[4].warning_flags, ["missing_ci", "missing_replay_pipeline", "missing_support_contact"]);
  assert.equal(out.results[6].profile, "");
  const lines = ndjson(root, COHORT_LOG);
  assert.equal(lines.length, 7);
  for (const l of lines) PilotIntakeLine.parse(l);
  assert.deepEqual(lines.map((l) => l.candidate_id), out.results.map((x: any) => x.candidate_id));
  assert.ok(lines.every((l) => l.event === "pilot_intake_evaluation" && l.ts === PILOT_NOW && l.source_file === "cohort_mixed.json"));
  assert.deepEqual(lines[1].frameworks, ["next", "react", "vanilla"]);
});

test("acceptance 4 (cohort): rerunning gives byte-identical files ending with a newline", async () => {
  const root = pilotTree();
  const args = ["--input", "cohort_mixed.json", "--now", PILOT_NOW];
  await cohort(root, args);
  const first = [read(root, COHORT_OUT), read(root, COHORT_LOG)];
  await cohort(root, args);
  assert.deepEqual([read(root, COHORT_OUT), read(root, COHORT_LOG)], first);
  assert.ok(first[0]!.endsWith("}\n"));
  assert.ok(first[1]!.endsWith("}\n"));
});

test("acceptance 27: deferred capabilities match by exact trimmed, lowercased name; unknown profile excluded", async () => {
  const candidate = (caps: string[], profile = "FP-BR-DEV") => ({ candidate_id: caps.join("+"), profile, frameworks: ["react"], requested_capabilities: caps });
  const deferred = [["SQLite "], ["postgres"], ["mysql"], ["native_socket_listener"]];
  const allowed = [["server_sent_events"], ["processing"], ["fsm_ui"], ["signals_ui"]];
  const rows = await results([...deferred, ...allowed].map((c) => candidate(c)));
  for (const row of rows.slice(0, 4)) assert.deepEqual(row.exclusion_reasons, ["requested_deferred_surface"], row.candidate_id);
  for (const row of rows.slice(4)) assert.deepEqual(row.exclusion_reasons, [], row.candidate_id);
  const [lower] = await results([candidate([], "fp-br-det")]);
  assert.deepEqual(lower.exclusion_reasons, ["profile_not_allowed"]);
  assert.equal(lower.risk_tier, "high");
});

test("acceptance 28: an empty cohort → exit 0, zero counts, zero-byte NDJSON", async () => {
  const { root, r } = await runCohort([]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `evaluated=0 eligible=0 output=${COHORT_OUT}\n`);
  const out = readOut(root, COHORT_OUT);
  assert.equal(out.candidate_count, 0);
  assert.deepEqual(out.results, []);
  assert.equal(read(root, COHORT_LOG), "");
});

test("acceptance 29: invalid cohort inputs are exit 2 with paths; 14.7 days truncate; old outputs removed", async () => {
  const outs = [COHORT_OUT, COHORT_LOG];
  const cases: [unknown, string][] = [
    [{}, "$"],
    [[{}, 42], "$[1]"],
    [[{ frameworks: ["react", 3] }], "$[0].frameworks[1]"],
    [[{ pilot_window_days: "14.5" }], "$[0].pilot_window_days"],
    [[{ pilot_window_days: null }], "$[0].pilot_window_days"],
  ];
  for (const [input, at] of cases) {
    const { root, r } = await runCohort(input);
    assertExit2At(root, r, at, outs);
  }
  const { r: r0 } = await runCohort([{ frameworks: ["react", 3] }]);
  assert.deepEqual(problemLines(r0), ["$[0].frameworks[1]: must be a string (got number)"]);
  const { r: r1 } = await runCohort([{ pilot_window_days: "14.5" }]);
  assert.deepEqual(problemLines(r1), ['$[0].pilot_window_days: must be a number or an integer string (got "14.5")']);
  assert.match(r1.stderr, /^flakewarden pilot cohort: cohort\.json: invalid cohort input\n/);

  const days = await results([{ profile: "FP-BR-DEV", frameworks: ["react"], has_replay_pipeline: true, pilot_window_days: 14.7 }, { profile: "FP-BR-DEV", frameworks: ["react"], has_replay_pipeline: true, pilot_window_days: 6.9 }]);
  // 30 + 10 + 15 + (14 days → 10) vs (6 days → 0)
  assert.deepEqual(days.map((d) => d.score), [65, 55]);

  const root = pilotTree({ "bad.json": "[{}, 42]" });
  const ok = await cohort(root, ["--input", "cohort_mixed.json", "--now", PILOT_NOW]);
  assert.equal(ok.code, 0);
  assert.ok(has(root, COHORT_OUT) && has(root, COHORT_LOG));
  const bad = await cohort(root, ["--input", "bad.json", "--now", PILOT_NOW]);
  assertExit2At(root, bad, "$[1]", outs);
});

test("cohort: type errors for every field, candidate_id defaults, truthiness as the original", async () => {
  const { root, r } = await runCohort([
    { candidate_id: 1.5, profile: null, frameworks: "react", requested_capabilities: [null], pilot_window_days: true },
  ]);
  assertExit2At(root, r, "$[0].candidate_id", [COHORT_OUT, COHORT_LOG]);
  assert.deepEqual(
    problemLines(r).map((l) => l.split(": ")[0]),
    ["$[0].candidate_id", "$[0].profile", "$[0].frameworks", "$[0].requested_capabilities[0]", "$[0].pilot_window_days"],
  );
  const rows = await results([
    { candidate_id: null, profile: "FP-BR-DET", frameworks: [" React "], has_replay_pipeline: [0], has_ci: {}, security_owner: "no", support_contact: 0, pilot_window_days: " +31 " },
    { candidate_id: 7.0, profile: "FP-BR-PROD", frameworks: ["next"], has_replay_pipeline: 1, has_ci: "yes", security_owner: {}, support_contact: [], pilot_window_days: 30 },
  ]);
  assert.deepEqual(rows.map((x) => x.candidate_id), ["unknown", "7"]);
  // DET 30 + react 10 + replay 15 + security 10 + 31 days 5 = 70; no ci, no support contact.
  assert.deepEqual([rows[0].score, rows[0].risk_tier, rows[0].warning_flags], [70, "low", ["missing_ci", "missing_support_contact"]]);
  // PROD is at most medium risk even when eligible with a high score.
  assert.deepEqual([rows[1].score, rows[1].risk_tier, rows[1].eligible], [20 + 10 + 15 + 10 + 10, "medium", true]);
});

test("cohort: usage, clock and file errors are one line; non-finite numbers are reported first", async () => {
  const root = pilotTree();
  assertUsage(await cohort(root, []), /^flakewarden pilot cohort: --input: required option missing\n$/);
  assertUsage(await cohort(root, ["--input", "x", "--policy", "p"]), /--policy: .*pilot evaluate/);
  assertUsage(await cohort(root, ["--input", "x", "--allow-empty"]), /--allow-empty: .*pilot evaluate/);
  assertUsage(await cohort(root, ["--input", "cohort_mixed.json", "--now", "2026-02-30T00:00:00Z"]), /^flakewarden pilot cohort: --now: invalid timestamp/);
  assertUsage(await cohort(root, ["--input", "nope.json"]), /^flakewarden pilot cohort: nope\.json: file not found\n$/);
  assertUsage(await cohort(root, ["--input", "cohort_mixed.json", "--output", "o.json", "--log-output", "./o.json"]), /--log-output: resolves to the same file as --output/);
  const { r } = await runCohort('[{"pilot_window_days": NaN, "profile": 3}]');
  assert.deepEqual(problemLines(r), ["$[0].pilot_window_days: must be a finite number (got NaN)", "$[0].profile: must be a string (got number)"]);
  const env = await cohort(root, ["--input", "cohort_mixed.json"], { FLAKEWARDEN_NOW: "", ASUPERSYNC_EVAL_TS: PILOT_NOW });
  assert.equal(env.code, 0, env.stderr);
  assert.equal(readOut(root, COHORT_OUT).generated_at, PILOT_NOW);
  const bad = await cohort(root, ["--input", "cohort_mixed.json"], { ASUPERSYNC_EVAL_TS: "soon" });
  assertUsage(bad, /^flakewarden pilot cohort: ASUPERSYNC_EVAL_TS: invalid timestamp/);
  assert.ok(!has(root, COHORT_OUT), "a clock error removes the previous evaluation");
});
