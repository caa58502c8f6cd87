// Flag values and SLA rules of the quarantine editing commands (gate.md §4.10).
import assert from "node:assert/strict";
import test from "node:test";
import { BUILTIN_POLICY, parsePositiveInteger, parseSeconds, resolveSlaHours, textValueProblem } from "../src/index.ts";

test("textValueProblem: blank, control characters and over-long names are refused", () => {
  assert.equal(textValueProblem("npm test"), null);
  assert.equal(textValueProblem(""), "must not be blank");
  assert.equal(textValueProblem(" \t "), "must not be blank");
  assert.equal(textValueProblem("a\nb"), "must not contain control characters");
  assert.equal(textValueProblem("a\u0085b"), "must not contain control characters");
  assert.equal(textValueProblem("a\u007fb"), "must not contain control characters");
  assert.equal(textValueProblem("x".repeat(200), 200), null);
  assert.equal(textValueProblem("x".repeat(201), 200), "must be at most 200 characters");
  // Code points, not UTF-16 units: 200 emoji are 400 units.
  assert.equal(textValueProblem("😀".repeat(200), 200), null);
  assert.equal(textValueProblem("é".repeat(201)), null);
});

test("parseSeconds: plain non-negative decimals only", () => {
  assert.equal(parseSeconds("0"), 0);
  assert.equal(parseSeconds("10"), 10);
  assert.equal(parseSeconds("0.5"), 0.5);
  for (const bad of ["", "-1", "1e3", "0x10", " 1", "1.", ".5", "Infinity", "abc"]) assert.equal(parseSeconds(bad), null, bad);
});

test("parsePositiveInteger: decimal digits, positive, safe", () => {
  assert.equal(parsePositiveInteger("168"), 168);
  assert.equal(parsePositiveInteger("007"), 7);
  for (const bad of ["0", "-1", "1.5", "72.0", "1e2", "", "9007199254740993"]) assert.equal(parsePositiveInteger(bad), null, bad);
});

test("resolveSlaHours: the policy target is the default and the cap", () => {
  assert.deepEqual(resolveSlaHours("medium", undefined, BUILTIN_POLICY), { ok: true, hours: 168 });
  assert.deepEqual(resolveSlaHours("critical", 12, BUILTIN_POLICY), { ok: true, hours: 12 });
  assert.deepEqual(resolveSlaHours("medium", 168, BUILTIN_POLICY), { ok: true, hours: 168 });
  assert.deepEqual(resolveSlaHours("medium", 200, BUILTIN_POLICY), {
    ok: false,
    reason: "above-target",
    severity: "medium",
    hours: 200,
    target: 168,
  });
});

test("resolveSlaHours: without a target the flag is required and uncapped", () => {
  assert.deepEqual(resolveSlaHours("low", undefined, BUILTIN_POLICY), { ok: false, reason: "no-target", severity: "low" });
  assert.deepEqual(resolveSlaHours("low", 10_000, BUILTIN_POLICY), { ok: true, hours: 10_000 });
});
