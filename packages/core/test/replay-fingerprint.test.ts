// Replay normalisation and fingerprints (forensics.md §4.3), and payload selection (§4.4 step 2).
import assert from "node:assert/strict";
import test from "node:test";
import {
  canonicalText,
  caseFingerprint,
  caseOutcomes,
  certificateFieldsFor,
  certificateOf,
  DEFAULT_IGNORE_KEYS,
  fingerprintOfJson,
  fingerprintOfText,
  fromPlainJson,
  lastPayloadLine,
  matchesPayload,
  normalizeJsonResult,
  normalizeTextResult,
  parseLosslessJson,
  pathPlaceholders,
  type LosslessValue,
  type NormalizeOptions,
} from "../src/index.ts";

// A stand-in hash that keeps its input visible: the tests check what is hashed.
const IDENTITY = (text: string): string => `[${text}]`;

const PATHS = {
  root: "/w/proj",
  runDirAbs: "/w/proj/target/r/Q-1/ra-1/run_1",
  runDirRel: "target/r/Q-1/ra-1/run_1",
  artifactDirAbs: "/w/proj/target/r/Q-1/ra-1",
  artifactDirRel: "target/r/Q-1/ra-1",
};

function options(extra: Partial<NormalizeOptions> = {}): NormalizeOptions {
  return { paths: PATHS, replace: [], ignoreKeys: DEFAULT_IGNORE_KEYS, ...extra };
}

function parse(text: string): LosslessValue {
  const r = parseLosslessJson(text);
  if (!r.ok) throw new Error(r.problem);
  return r.value;
}

test("path placeholders: longest first, absolute and root-relative forms", () => {
  assert.deepEqual(
    pathPlaceholders(PATHS).map(([, p]) => p),
    ["<RUN_DIR>", "<ARTIFACT_DIR>", "<RUN_DIR>", "<ARTIFACT_DIR>", "<ROOT>"],
  );
  const v = normalizeJsonResult(
    parse('{"a":"/w/proj/target/r/Q-1/ra-1/run_1/trace.bin","b":"target/r/Q-1/ra-1/x","c":"/w/proj/src","d":["target/r/Q-1/ra-1/run_1"]}'),
    options(),
  );
  assert.equal(canonicalText(v), '{"a":"<RUN_DIR>/trace.bin","b":"<ARTIFACT_DIR>/x","c":"<ROOT>/src","d":["<RUN_DIR>"]}');
});

test("ignore_keys drop at any depth; replace rules apply to string values with $1", () => {
  const v = normalizeJsonResult(parse('{"timestamp":1,"x":{"duration_ms":5,"id":"run-123"},"k":[{"elapsed_ms":2,"v":"keep"}]}'), {
    ...options(),
    replace: [{ pattern: "run-(\\d+)", with: "run-N$1" }],
  });
  assert.equal(canonicalText(v), '{"k":[{"v":"keep"}],"x":{"id":"run-N123"}}');
  const custom = normalizeJsonResult(parse('{"timestamp":1,"seen":2}'), options({ ignoreKeys: ["seen"] }));
  assert.equal(canonicalText(custom), '{"timestamp":1}');
});

test("text results: paths, replace, then timestamps and durations, CRLF to LF", () => {
  const text = "start 2026-03-06T10:00:00.123Z in /w/proj/target/r/Q-1/ra-1/run_1\r\ntook 15ms and 2.5 s\r\n";
  assert.equal(normalizeTextResult(text, options()), "start <TS> in <RUN_DIR>\ntook <DUR> and <DUR>\n");
  assert.equal(fingerprintOfText("a\n", IDENTITY), "sha256:[a\n]");
});

test("fingerprints hash the canonical text of the normalised payload", () => {
  const one = normalizeJsonResult(parse('{"b":1,"a":"x","timestamp":"t1"}'), options());
  const two = normalizeJsonResult(parse('{"a":"x","timestamp":"t2","b":1}'), options());
  assert.equal(fingerprintOfJson(one, IDENTITY), 'sha256:[{"a":"x","b":1}]');
  assert.equal(fingerprintOfJson(one, IDENTITY), fingerprintOfJson(two, IDENTITY));
});

test("certificate fields: configured, else the defaults present in the first payload", () => {
  const payload = parse('{"trace_fingerprint":782198577955665544,"steps":12,"other":1}');
  assert.deepEqual(certificateFieldsFor(undefined, payload), ["steps", "trace_fingerprint"]);
  assert.deepEqual(certificateFieldsFor(["other", "nope"], payload), ["other", "nope"]);
  assert.deepEqual(certificateFieldsFor(undefined, null), []);
  assert.deepEqual(certificateOf(payload, ["trace_fingerprint", "nope"]), { trace_fingerprint: "782198577955665544", nope: null });
});

test("payload_match compares canonical text; {seed} matches the seed as integer or string", () => {
  const p = parse('{"kind":"replay","seed":4242,"s":"4242","n":{"x":[1,2]},"f":4242.0}');
  assert.equal(matchesPayload(p, { kind: "replay" }, null), true);
  assert.equal(matchesPayload(p, { kind: "other" }, null), false);
  assert.equal(matchesPayload(p, { "n.x": fromPlainJson([1, 2]) }, null), true);
  assert.equal(matchesPayload(p, { missing: null }, null), false);
  assert.equal(matchesPayload(p, { seed: "{seed}" }, "4242"), true);
  assert.equal(matchesPayload(p, { s: "{seed}" }, "4242"), true);
  assert.equal(matchesPayload(p, { f: "{seed}" }, "4242"), false);
  assert.equal(matchesPayload(p, { seed: "{seed}" }, "7"), false);
});

test("the last stdout line that is a JSON object satisfying payload_match is the result", () => {
  const stdout = ['{"kind":"replay","v":1}', "log line", '  {"kind":"replay","v":2}  ', '{"kind":"progress","v":3}', "[1,2]", "{broken", ""].join("\n");
  assert.equal(lastPayloadLine(stdout, {}, null)?.line, '{"kind":"progress","v":3}');
  assert.equal(lastPayloadLine(stdout, { kind: "replay" }, null)?.line, '{"kind":"replay","v":2}');
  assert.equal(lastPayloadLine("no json here\n", {}, null), null);
});

test("JUnit/TAP fingerprint: sorted status and normalised id lines, order and durations ignored", () => {
  const normalize = (id: string): string => id.replace(/\d+ms/g, "<dur>");
  const a = caseOutcomes(
    [
      { id: "b took 5ms", status: "pass" },
      { id: "a", status: "fail" },
    ],
    normalize,
  );
  const b = caseOutcomes(
    [
      { id: "a", status: "fail" },
      { id: "b took 9ms", status: "pass" },
    ],
    normalize,
  );
  assert.deepEqual(a, [
    { id: "a", status: "fail" },
    { id: "b took <dur>", status: "pass" },
  ]);
  assert.equal(caseFingerprint(a, IDENTITY), "sha256:[fail a\npass b took <dur>\n]");
  assert.equal(caseFingerprint(a, IDENTITY), caseFingerprint(b, IDENTITY));
  assert.equal(caseFingerprint([], IDENTITY), "sha256:[]");
});
