// The hand-written fast paths must agree with the declarative grammar and schemas they stand in for.
import assert from "node:assert/strict";
import test from "node:test";
import { isPositiveInteger, parseTimestamp, PositiveInteger, Timestamp, TIMESTAMP_PATTERN } from "../src/index.ts";

const GRAMMAR = new RegExp(TIMESTAMP_PATTERN);

// A small deterministic generator (no Math.random in tests either: failures must reproduce).
function* variants(): Generator<string> {
  const bases = ["2026-03-10T12:00:00Z", "2024-02-29T23:59:59.999+05:30", "0001-01-01T00:00:00-00:00", "2026-12-31T00:00:00.1234567Z"];
  const alphabet = ["0", "9", "-", ":", "T", "Z", "z", ".", "+", " ", "1", "٣", ""];
  for (const base of bases) {
    yield base;
    for (let i = 0; i < base.length; i++) {
      for (const c of alphabet) yield base.slice(0, i) + c + base.slice(i + 1);
      yield base.slice(0, i) + base.slice(i + 1);
    }
    yield `${base}x`;
    yield ` ${base}`;
  }
}

test("parseTimestamp accepts exactly the published grammar (plus calendar rules)", () => {
  let accepted = 0;
  let checked = 0;
  for (const s of variants()) {
    checked += 1;
    const parsed = parseTimestamp(s);
    if (!GRAMMAR.test(s)) {
      assert.equal(parsed, null, `${JSON.stringify(s)} is outside the grammar but parsed`);
      continue;
    }
    assert.equal(parsed !== null, Timestamp.safeParse(s).success, JSON.stringify(s));
    if (parsed !== null) accepted += 1;
  }
  assert.ok(checked > 300 && accepted > 20, `${checked} checked, ${accepted} accepted`);
});

test("parseTimestamp converts offsets and truncates fractions like Date.parse", () => {
  for (const s of ["2026-03-10T13:30:00+01:30", "2024-02-29T23:59:59.999-05:45", "1999-12-31T23:59:59.9999Z", "2026-03-10T12:00:00.5Z"]) {
    const truncated = s.replace(/(\.\d{3})\d+/, "$1");
    assert.equal(parseTimestamp(s), Date.parse(truncated), s);
  }
  // Years below 100 are not shifted into the 1900s.
  assert.equal(parseTimestamp("0050-06-01T00:00:00Z"), new Date("0050-06-01T00:00:00Z").getTime());
  assert.equal(new Date(parseTimestamp("0050-06-01T00:00:00Z") ?? 0).getUTCFullYear(), 50);
});

test("isPositiveInteger agrees with the PositiveInteger schema", () => {
  const values: unknown[] = [1, 72, 72.0, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity, "1", true, null, undefined, [], {}];
  for (const v of values) assert.equal(isPositiveInteger(v), PositiveInteger.safeParse(v).success, String(v));
});
