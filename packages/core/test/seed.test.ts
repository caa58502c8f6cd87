// Seeds (forensics.md §4.1): decimal or 0x-hex u64, canonical decimal, exact via BigInt.
import assert from "node:assert/strict";
import test from "node:test";
import { invalidSeedMessage, parseSeed, parseSeedValue } from "../src/index.ts";

test("seeds canonicalise to decimal without leading zeros", () => {
  assert.deepEqual(parseSeed("4242"), { ok: true, canonical: "4242" });
  assert.deepEqual(parseSeed("007"), { ok: true, canonical: "7" });
  assert.deepEqual(parseSeed("0xDEADBEEF"), { ok: true, canonical: "3735928559" });
  assert.deepEqual(parseSeed("0Xff"), { ok: true, canonical: "255" });
  assert.deepEqual(parseSeed("18446744073709551615"), { ok: true, canonical: "18446744073709551615" });
  assert.deepEqual(parseSeed("0xFFFFFFFFFFFFFFFF"), { ok: true, canonical: "18446744073709551615" });
});

test("anything else is refused with the documented message", () => {
  for (const bad of ["0x", "-1", "12a", " 42", "18446744073709551616", "0x1_0", "", "1e3", "0x10000000000000000"]) {
    assert.deepEqual(parseSeed(bad), { ok: false, message: invalidSeedMessage(bad) }, bad);
  }
  assert.equal(invalidSeedMessage("12a"), "invalid seed '12a': expected a decimal or 0x-hex unsigned 64-bit integer");
});

test("a seed from a document may be an exact JSON integer, never a float or a negative", () => {
  assert.deepEqual(parseSeedValue(42), { ok: true, canonical: "42" });
  assert.deepEqual(parseSeedValue("0x10"), { ok: true, canonical: "16" });
  assert.equal(parseSeedValue(1.5).ok, false);
  assert.equal(parseSeedValue(-3).ok, false);
  assert.equal(parseSeedValue(2 ** 60).ok, false);
  assert.equal(parseSeedValue(true).ok, false);
  assert.deepEqual(parseSeedValue(null), { ok: false, message: invalidSeedMessage("null") });
});
