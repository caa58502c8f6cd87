// The pilot JSON reader and paths (pilot.md §4.1): non-finite tokens become markers reported by
// path; syntax errors carry the gate's line/column rule; keys are plain data.
import assert from "node:assert/strict";
import test from "node:test";
import fc from "fast-check";
import { childPath, parseJson, isPilotObject, NonFinite, nonFiniteProblems, parsePilotJson, pilotJsonText, pilotNdjsonText, PILOT_MAX_DEPTH } from "../src/index.ts";
import { jsonFragmentText } from "./support/json-fragments.ts";

function value(text: string): any {
  const r = parsePilotJson(text);
  assert.ok(r.ok, text);
  return r.value;
}

function position(text: string): [number, number] {
  const r = parsePilotJson(text);
  assert.ok(!r.ok, `${text} should not parse`);
  return [r.line, r.column];
}

test("reader: NaN, Infinity, -Infinity and overflowing numbers become NonFinite markers", () => {
  const v = value('[NaN, Infinity, -Infinity, 1e400, -1e400, 1.5, -0]');
  assert.deepEqual(v.slice(0, 5).map((x: NonFinite) => x.token), ["NaN", "Infinity", "-Infinity", "Infinity", "-Infinity"]);
  assert.ok(v.slice(0, 5).every((x: unknown) => x instanceof NonFinite));
  assert.equal(v[5], 1.5);
  assert.deepEqual(
    nonFiniteProblems(value('{"a": [1, NaN], "b c": {"d": -Infinity}}')),
    [
      { path: "$.a[1]", message: "must be a finite number (got NaN)" },
      { path: '$["b c"].d', message: "must be a finite number (got -Infinity)" },
    ],
  );
});

test("reader: syntax errors point at the first character that cannot continue the text", () => {
  assert.deepEqual(position('{"a": 1,}'), [1, 9]);
  assert.deepEqual(position('[1,\n2,\n]'), [3, 1]);
  assert.deepEqual(position("tru"), [1, 4]);
  assert.deepEqual(position("Nan"), [1, 3]);
  assert.deepEqual(position("-Inf"), [1, 5]);
  assert.deepEqual(position("01"), [1, 2]);
  assert.deepEqual(position("1."), [1, 3]);
  assert.deepEqual(position('"a\\x"'), [1, 4]);
  assert.deepEqual(position('"\u{1F600}" x'), [1, 5]);
  assert.deepEqual(position(""), [1, 1]);
  assert.deepEqual(position("{'a': 1}"), [1, 2]);
  assert.deepEqual(position("[1] [2]"), [1, 5]);
});

test("reader: BOM skipped, repeated key keeps its last value, __proto__ and constructor are plain keys", () => {
  const v = value('\uFEFF{"a": 1, "__proto__": {"x": 1}, "constructor": 2, "a": 3}');
  assert.ok(isPilotObject(v));
  assert.equal(v.a, 3);
  assert.deepEqual(Object.keys(v), ["__proto__", "constructor", "a"]);
  assert.equal(Object.getPrototypeOf(v), null);
  // The writer keeps such keys too (an assignment-based copy would drop __proto__).
  assert.equal(pilotNdjsonText([v]), '{"__proto__":{"x":1},"a":3,"constructor":2}\n');
});

test("reader: nesting beyond the depth limit is a syntax error, not a stack overflow", () => {
  const deep = "[".repeat(PILOT_MAX_DEPTH + 1) + "]".repeat(PILOT_MAX_DEPTH + 1);
  const r = parsePilotJson(deep);
  assert.equal(r.ok, false);
  assert.ok(parsePilotJson("[".repeat(PILOT_MAX_DEPTH) + "]".repeat(PILOT_MAX_DEPTH)).ok);
});

test("paths: identifier keys with a dot, others as JSON strings, indices in brackets", () => {
  assert.equal(childPath("$", "events"), "$.events");
  assert.equal(childPath("$.events", 3), "$.events[3]");
  assert.equal(childPath("$", "a b"), '$["a b"]');
  assert.equal(childPath("$", "1x"), '$["1x"]');
  assert.equal(childPath("$", 'q"\n'), '$["q\\"\\n"]');
});

test("writer: keys sorted by code point at every level, 2-space indent, newline; strict numbers only", () => {
  const text = pilotJsonText({ b: [1, { "\u{1F600}": 1, "\uFFFF": 2 }], a: -0, c: 1e-7 });
  assert.equal(text, '{\n  "a": 0,\n  "b": [\n    1,\n    {\n      "\uFFFF": 2,\n      "\u{1F600}": 1\n    }\n  ],\n  "c": 1e-7\n}\n');
  assert.throws(() => pilotJsonText({ x: Number.NaN }), /non-finite/);
  assert.equal(pilotNdjsonText([]), "");
});

test("reader: on standard JSON it agrees with the gate's parser on success and on the error position", () => {
  fc.assert(
    fc.property(jsonFragmentText, (text) => {
      const ours = parsePilotJson(text);
      const gate = parseJson(text);
      assert.equal(ours.ok, gate.ok, text);
      if (!ours.ok && !gate.ok) assert.deepEqual([ours.line, ours.column], [gate.line, gate.column], JSON.stringify(text));
    }),
    { numRuns: 300 },
  );
});
