// The one timestamp grammar (gate.md §4.1) and the two output forms.
import assert from "node:assert/strict";
import test from "node:test";
import { formatOffsetUtc, formatZulu, parseTimestamp, TIMESTAMP_PATTERN } from "../src/index.ts";

const NOON = Date.UTC(2026, 2, 10, 12, 0, 0, 0); // 2026-03-10T12:00:00Z

test("accepts Z and +00:00 as the same instant", () => {
  assert.equal(parseTimestamp("2026-03-10T12:00:00Z"), NOON);
  assert.equal(parseTimestamp("2026-03-10T12:00:00+00:00"), NOON);
  assert.equal(parseTimestamp("2026-03-10T12:00:00-00:00"), NOON);
});

test("converts positive and negative offsets to UTC", () => {
  assert.equal(parseTimestamp("2026-03-10T13:30:00+01:30"), NOON);
  assert.equal(parseTimestamp("2026-03-10T07:00:00-05:00"), NOON);
  assert.equal(parseTimestamp("2026-03-11T00:00:00+12:00"), NOON);
  // The largest offset allowed, crossing a month boundary.
  assert.equal(parseTimestamp("2026-03-01T00:00:00+23:59"), Date.UTC(2026, 1, 28, 0, 1, 0));
  assert.equal(parseTimestamp("2026-02-28T23:59:00-23:59"), Date.UTC(2026, 2, 1, 23, 58, 0));
});

test("fractions are truncated to milliseconds, never rounded", () => {
  assert.equal(parseTimestamp("2026-03-10T12:00:00.123456Z"), NOON + 123);
  assert.equal(parseTimestamp("2026-03-10T12:00:00.9999Z"), NOON + 999);
  assert.equal(parseTimestamp("2026-03-10T12:00:00.999999999+00:00"), NOON + 999);
  assert.equal(parseTimestamp("2026-03-10T12:00:00.5Z"), NOON + 500);
  assert.equal(parseTimestamp("2026-03-10T12:00:00.05Z"), NOON + 50);
  assert.equal(parseTimestamp("2026-03-10T12:00:00.000Z"), NOON);
  assert.equal(parseTimestamp("2026-03-10T12:00:00.0001Z"), NOON);
});

test("rejects every gate.md §4.1 example", () => {
  const rejected = [
    "2026-03-01T00:00:00", // naive
    "2026-03-01 00:00:00Z", // space separator
    "20260301T000000Z", // basic format
    "2026-W10-1T00:00:00Z", // week date
    "2026-03-01T00:00Z", // no seconds
    "2026-03-01T00:00:00z", // lowercase z
    "2026-02-30T00:00:00Z", // no such day
  ];
  for (const raw of rejected) assert.equal(parseTimestamp(raw), null, raw);
});

test("rejects out-of-range fields: hour 24, minute or second 60, offset +24:00 or :60", () => {
  const rejected = [
    "2026-03-01T24:00:00Z",
    "2026-03-01T00:60:00Z",
    "2026-03-01T00:00:60Z",
    "2026-03-01T00:00:00+24:00",
    "2026-03-01T00:00:00-24:00",
    "2026-03-01T00:00:00+01:60",
    "2026-13-01T00:00:00Z",
    "2026-00-01T00:00:00Z",
    "2026-03-00T00:00:00Z",
    "2026-04-31T00:00:00Z",
  ];
  for (const raw of rejected) assert.equal(parseTimestamp(raw), null, raw);
});

test("rejects other near misses of the grammar", () => {
  const rejected = [
    "2026-03-01T00:00:00.Z", // empty fraction
    "2026-03-01T00:00:00+0100", // offset without colon
    "2026-03-01T00:00:00+01", // offset without minutes
    "2026-03-01t00:00:00Z", // lowercase T
    " 2026-03-01T00:00:00Z", // leading space
    "2026-03-01T00:00:00Z\n", // trailing newline
    "2026-3-1T00:00:00Z", // unpadded
    "+002026-03-01T00:00:00Z", // expanded year
    "",
  ];
  for (const raw of rejected) assert.equal(parseTimestamp(raw), null, JSON.stringify(raw));
});

test("non-strings are never timestamps", () => {
  for (const raw of [12, 1773144000000, null, undefined, true, {}, ["2026-03-10T12:00:00Z"]]) {
    assert.equal(parseTimestamp(raw), null, String(raw));
  }
});

test("leap years: Feb 29 exists in 2024 and 2000, not in 2023, 2026 or 1900", () => {
  assert.equal(parseTimestamp("2024-02-29T00:00:00Z"), Date.UTC(2024, 1, 29));
  assert.equal(parseTimestamp("2000-02-29T12:00:00Z"), Date.UTC(2000, 1, 29, 12));
  assert.equal(parseTimestamp("2023-02-29T00:00:00Z"), null);
  assert.equal(parseTimestamp("2026-02-29T00:00:00Z"), null);
  assert.equal(parseTimestamp("1900-02-29T00:00:00Z"), null);
  assert.equal(parseTimestamp("2026-02-28T23:59:59Z"), Date.UTC(2026, 1, 28, 23, 59, 59));
});

test("years before 100 are not shifted to the 1900s", () => {
  assert.equal(parseTimestamp("0001-01-01T00:00:00Z"), -62135596800000);
  // CPython: datetime(99, 12, 31, 23, 59, 59, tzinfo=utc) - epoch
  assert.equal(parseTimestamp("0099-12-31T23:59:59Z"), -59011459201000);
  assert.equal(formatZulu(-59011459201000), "0099-12-31T23:59:59Z");
});

test("TIMESTAMP_PATTERN is the §4.1 grammar", () => {
  const re = new RegExp(TIMESTAMP_PATTERN);
  assert.equal(re.test("2026-03-10T12:00:00.123+05:30"), true);
  assert.equal(re.test("2026-03-10T12:00:00"), false);
  assert.equal(re.test("2026-03-10T12:00Z"), false);
});

test("formatOffsetUtc: +00:00 without milliseconds when they are zero", () => {
  assert.equal(formatOffsetUtc(NOON), "2026-03-10T12:00:00+00:00");
  assert.equal(formatOffsetUtc(parseTimestamp("2026-03-10T13:30:00+01:30")!), "2026-03-10T12:00:00+00:00");
});

test("formatOffsetUtc: .sss inserted when milliseconds are not zero", () => {
  assert.equal(formatOffsetUtc(NOON + 5), "2026-03-10T12:00:00.005+00:00");
  assert.equal(formatOffsetUtc(NOON + 120), "2026-03-10T12:00:00.120+00:00");
  assert.equal(formatOffsetUtc(NOON + 999), "2026-03-10T12:00:00.999+00:00");
  assert.equal(formatOffsetUtc(parseTimestamp("2026-03-10T12:00:00.123456Z")!), "2026-03-10T12:00:00.123+00:00");
});

test("formatZulu: floored to the second", () => {
  assert.equal(formatZulu(NOON), "2026-03-10T12:00:00Z");
  assert.equal(formatZulu(NOON + 999), "2026-03-10T12:00:00Z");
  assert.equal(formatZulu(NOON + 1000), "2026-03-10T12:00:01Z");
  // Flooring never rolls into the next day or year.
  assert.equal(formatZulu(Date.UTC(2025, 11, 31, 23, 59, 59, 999)), "2025-12-31T23:59:59Z");
  // Before the epoch, flooring goes down, not toward zero.
  assert.equal(formatZulu(-1), "1969-12-31T23:59:59Z");
});

test("formatZulu output parses back to the floored instant", () => {
  const ms = NOON + 123_456;
  assert.equal(parseTimestamp(formatZulu(ms)), NOON + 123_000);
  assert.equal(parseTimestamp(formatOffsetUtc(ms)), ms);
});
