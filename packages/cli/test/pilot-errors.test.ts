// `pilot evaluate` beyond the acceptance list: every exit code and error path (pilot.md §2.3,
// §2.4), hostile strings, paths as given, and the outputs rule on exit 2 and 3.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, NOW_MS, read, runBin, write } from "./support/cli.ts";
import { runCliWithThrowingStdout } from "./support/internal-error.ts";
import { ALERTS, assertExit2At, assertUsage, E, evaluate, evaluateInput, has, ndjson, PILOT_NOW, pilotTree, problemLines, readOut, SUMMARY } from "./support/pilot.ts";

const PASS = ["--telemetry-input", "telemetry_pass.json"];

test("clock: FLAKEWARDEN_NOW beats ASUPERSYNC_EVAL_TS; only the winner is validated; empty means unset; system clock format", async () => {
  const root = pilotTree();
  const r1 = await evaluate(root, PASS, { FLAKEWARDEN_NOW: "2026-05-01T10:00:00.5-03:30", ASUPERSYNC_EVAL_TS: "not a time" });
  assert.equal(r1.code, 0, r1.stderr);
  assert.equal(readOut(root, SUMMARY).generated_at, "2026-05-01T10:00:00.5-03:30");
  const r2 = await evaluate(root, PASS, { FLAKEWARDEN_NOW: "2026-13-01T00:00:00Z" });
  assertUsage(r2, /^flakewarden pilot evaluate: FLAKEWARDEN_NOW: invalid timestamp '2026-13-01T00:00:00Z'/);
  const r3 = await evaluate(root, PASS, { FLAKEWARDEN_NOW: "", ASUPERSYNC_EVAL_TS: "" });
  assert.equal(r3.code, 0, r3.stderr);
  assert.equal(readOut(root, SUMMARY).generated_at, new Date(NOW_MS).toISOString());
  assert.match(readOut(root, SUMMARY).generated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  for (const bad of ["", "2026-03-03T24:00:00Z", "2026-03-03T00:00:00+24:00", "2026-02-29T00:00:00Z", "2026-03-03 00:00:00Z"]) {
    assertUsage(await evaluate(root, [...PASS, "--now", bad]), /^flakewarden pilot evaluate: --now: invalid timestamp/);
  }
});

test("arguments: a flag without a value, an empty path, a positional, the same output twice; --help", async () => {
  const root = pilotTree();
  assertUsage(await evaluate(root, ["--telemetry-input"]), /^flakewarden pilot evaluate: --telemetry-input: needs a value\n$/);
  assertUsage(await evaluate(root, ["--telemetry-input", ""]), /--telemetry-input must not be empty/);
  assertUsage(await evaluate(root, [...PASS, "extra"]), /unexpected argument/);
  assertUsage(await evaluate(root, [...PASS, "--output", "o.json"]), /^flakewarden pilot evaluate: --output: .*pilot cohort/);
  assertUsage(await evaluate(root, [...PASS, "--log-output=o.json"]), /^flakewarden pilot evaluate: --log-output: .*pilot cohort/);
  assertUsage(await evaluate(root, [...PASS, "--allow-empty=yes"]), /^flakewarden pilot evaluate: --allow-empty: takes no value\n$/);
  assertUsage(await evaluate(root, [...PASS, "-x"]), /^flakewarden pilot evaluate: -x: unknown option\n$/);
  assertUsage(
    await evaluate(root, [...PASS, "--telemetry-output", "a/x.json", "--telemetry-log-output", "a/../a/x.json"]),
    /--telemetry-log-output: resolves to the same file as --telemetry-output/,
  );
  assert.ok(!fs.existsSync(path.join(root, "artifacts")), "argument errors create nothing");
  const help = await evaluate(root, ["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: flakewarden pilot evaluate --telemetry-input <path>/);
  const group = await evaluate(root, []);
  assert.equal(group.code, 2);
});

test("unreadable input: a directory, not UTF-8, an empty file; each one line naming the file, outputs removed", async () => {
  const root = pilotTree();
  await evaluate(root, [...PASS, "--now", PILOT_NOW]);
  fs.mkdirSync(path.join(root, "dir.json"));
  write(root, "latin1.json", new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
  write(root, "empty.json", "");
  const cases: [string, RegExp][] = [
    ["dir.json", /^flakewarden pilot evaluate: dir\.json: cannot read: is a directory\n$/],
    ["latin1.json", /^flakewarden pilot evaluate: latin1\.json: cannot read: not valid UTF-8\n$/],
    ["empty.json", /^flakewarden pilot evaluate: empty\.json: malformed JSON at line 1 column 1\n$/],
  ];
  for (const [file, pattern] of cases) {
    assertUsage(await evaluate(root, ["--telemetry-input", file, "--now", PILOT_NOW]), pattern);
    assert.ok(!has(root, SUMMARY) && !has(root, ALERTS), file);
  }
});

test("unwritable output: exit 2 naming the path; neither output survives", async () => {
  const root = pilotTree({ "blocker": "a file where a directory should be" });
  const r = await evaluate(root, [...PASS, "--now", PILOT_NOW, "--telemetry-log-output", "blocker/alerts.ndjson"]);
  assertUsage(r, /^flakewarden pilot evaluate: blocker\/alerts\.ndjson: cannot write: /);
  assert.ok(!has(root, SUMMARY), "the summary written first is removed again");
  assert.equal(read(root, "blocker"), "a file where a directory should be");
});

test("an output path that is the input itself is never deleted by a failed run", async () => {
  const root = pilotTree({ "t.json": { events: [42] } });
  const r = await evaluate(root, ["--telemetry-input", "t.json", "--telemetry-output", "./t.json", "--now", PILOT_NOW]);
  assertExit2At(root, r, "$.events[0]", [ALERTS]);
  assert.equal(read(root, "t.json"), '{\n  "events": [\n    42\n  ]\n}\n');
});

test("exit 3: an internal error prints the stack and 'this is a bug' and removes both outputs", async () => {
  const root = pilotTree();
  const { code, stderr } = await runCliWithThrowingStdout(root, ["pilot", "evaluate", ...PASS, "--now", PILOT_NOW], () => NOW_MS);
  assert.equal(code, 3);
  assert.match(stderr, /this is a bug/);
  assert.ok(!has(root, SUMMARY) && !has(root, ALERTS));
});

test("hostile strings: control characters are escaped on stderr; __proto__ keys and names are data", async () => {
  const { root, r } = await evaluateInput({ events: [E({ framework: "re\nact\u001b[31m" })] });
  assertExit2At(root, r, "$.events[0].framework");
  assert.deepEqual(problemLines(r), ["$.events[0].framework: unsupported framework: re\\nact\\u001b[31m (expected next, react or vanilla)"]);
  const keys = await evaluateInput(`{"events": [${JSON.stringify(E({ signal_name: "__proto__" })).slice(0, -1)}, "__proto__": {"x": 1}}], "__proto__": 5}`);
  assertNoCrash(keys.r);
  assert.equal(keys.r.code, 0, keys.r.stderr);
  assert.equal(readOut(keys.root, SUMMARY).aggregations[0].signal_name, "__proto__");
  const weird = await evaluateInput({ events: [E({ "a b": 1 }), { ...E(), "\u0000": 2, signal_value: "x" }] });
  assert.deepEqual(problemLines(weird.r), ["$.events[1].signal_value: must be numeric"]);
});

test("paths are echoed as given: ./ prefix kept in source_file, absolute --telemetry-output on stdout", async () => {
  const root = pilotTree();
  const abs = path.join(root, "out", "summary.json");
  const r = await evaluate(root, ["--telemetry-input", "./telemetry_pass.json", "--telemetry-output", abs, "--now", PILOT_NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `status=pass events=6 alerts=0 output=${abs}\n`);
  assert.equal(ndjson(root, ALERTS)[0].source_file, "./telemetry_pass.json");
});

test("the bundled bin reads a YAML policy (yaml loaded lazily) and reports problems without a stack", () => {
  const root = pilotTree({
    "policy.yaml": "schema_version: flakewarden-pilot-policy-v1\nthresholds:\n  incident_mtta_minutes: {kind: max, value: .nan}\n",
    "good.yaml": "schema_version: flakewarden-pilot-policy-v1\nframeworks:\n  next:\n    required_signals: [x]\n",
  });
  const bad = runBin(root, [...PASS, "--policy", "policy.yaml", "--now", PILOT_NOW].flatMap((a, i) => (i === 0 ? ["pilot", "evaluate", a] : [a])));
  assertNoCrash(bad);
  assert.equal(bad.code, 2, bad.stderr);
  assert.equal(
    bad.stderr,
    "flakewarden pilot evaluate: policy.yaml: invalid policy\n$.thresholds.incident_mtta_minutes.value: must be a finite number (got NaN)\n",
  );
  const good = runBin(root, ["pilot", "evaluate", ...PASS, "--policy", "good.yaml", "--now", PILOT_NOW]);
  assert.equal(good.code, 1, good.stderr);
  assert.deepEqual(readOut(root, SUMMARY).failure_reasons, ["missing_required_signal"]);
  assert.equal(readOut(root, SUMMARY).policy_file, "good.yaml");
});
