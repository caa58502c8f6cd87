// Numbers that cannot be written back exactly are found, with their JSON path (gate.md §4.10).
import assert from "node:assert/strict";
import test from "node:test";
import { findInexactNumber, isExactNumberLiteral } from "../src/index.ts";

test("exact literals: safe integers, short decimals, equivalent spellings", () => {
  for (const ok of ["0", "-0", "72", "72.0", "1.50", "0.1", "-3.25", "9007199254740991", "-9007199254740991", "1e2", "2.5E-3", "123456789012345.6"]) {
    assert.equal(isExactNumberLiteral(ok), true, ok);
  }
});

test("inexact literals: beyond ±(2^53−1), non-finite, or more digits than a double keeps", () => {
  for (const bad of [
    "9007199254740992",
    "9007199254740993",
    "-9007199254740993",
    "18446744073709551615",
    "1e400",
    "-1e400",
    "1e-400",
    "1e20",
    "0.30000000000000000001",
    "3.141592653589793238",
  ]) {
    assert.equal(isExactNumberLiteral(bad), false, bad);
  }
});

test("findInexactNumber names the path of the first offending literal", () => {
  const text = JSON.stringify({ schema_version: "v", entries: [{ id: "a", sla_hours: 1 }, { id: "b", x: [1, 2, "PLACEHOLDER"] }] }).replace(
    '"PLACEHOLDER"',
    "9007199254740993",
  );
  assert.equal(findInexactNumber(text), "entries[1].x[2]");
  assert.equal(findInexactNumber('{"a":{"b c":{"d":1e999}}}'), 'a["b c"].d');
  assert.equal(findInexactNumber("9007199254740993"), "$");
  assert.equal(findInexactNumber('{"a": 1, "b": [ 1.0, {"c" : 12345678901234567890 } ] }'), "b[1].c");
});

test("findInexactNumber ignores digits inside strings and keys, and passes exact documents", () => {
  assert.equal(findInexactNumber('{"9007199254740993": "9007199254740993", "e": "1e400", "h": "sha256:0123456789012345678"}'), null);
  assert.equal(findInexactNumber('{"a": [1, 2.5, -0, 72.0, true, false, null, "x\\"9007199254740993"]}'), null);
  assert.equal(findInexactNumber('\uFEFF{"a": 12345678901234567}'), "a");
  assert.equal(findInexactNumber('{"\\"k": 12345678901234567}'), '["\\"k"]');
});
