// Entry ids of gate.md §4.10: the --id shape and generated Q-<SLUG>-<YYYYMMDD> ids.
import assert from "node:assert/strict";
import test from "node:test";
import { generateEntryId, isValidEntryId, suiteSlug } from "../src/index.ts";

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

test("suiteSlug uppercases and collapses runs of other characters into one dash", () => {
  assert.equal(suiteSlug("cross_seed_replay"), "CROSS-SEED-REPLAY");
  assert.equal(suiteSlug("a..b//c"), "A-B-C");
  assert.equal(suiteSlug("--edge--"), "EDGE");
  assert.equal(suiteSlug("ünïcode suite"), "N-CODE-SUITE");
});

test("suiteSlug falls back to SUITE when nothing is left", () => {
  assert.equal(suiteSlug("___"), "SUITE");
  assert.equal(suiteSlug("日本"), "SUITE");
});

test("suiteSlug cuts to 48 characters and trims a dash left at the cut", () => {
  const long = `${"a".repeat(47)}_b${"c".repeat(20)}`;
  const slug = suiteSlug(long);
  assert.equal(slug, "A".repeat(47));
  assert.equal(suiteSlug("x".repeat(100)).length, 48);
});

test("generateEntryId uses the UTC day of now", () => {
  assert.equal(generateEntryId("cross_seed_replay", NOW, new Set()), "Q-CROSS-SEED-REPLAY-20260310");
  // 23:30 at -05:00 on the 9th is already the 10th in UTC.
  assert.equal(generateEntryId("s", Date.parse("2026-03-09T23:30:00-05:00"), new Set()), "Q-S-20260310");
});

test("generateEntryId appends the smallest free -2, -3 suffix", () => {
  const taken = new Set(["Q-S-20260310", "Q-S-20260310-2", "Q-S-20260310-4"]);
  assert.equal(generateEntryId("s", NOW, taken), "Q-S-20260310-3");
  assert.equal(generateEntryId("s", NOW, new Set(["Q-S-20260310"])), "Q-S-20260310-2");
});

test("isValidEntryId accepts the documented alphabet up to 128 characters", () => {
  for (const ok of ["Q-1", "a", "Q.X:y_z-1", "9".repeat(128)]) assert.equal(isValidEntryId(ok), true, ok);
  for (const bad of ["", "-Q", ".q", "Q 1", "Q/1", "9".repeat(129), "Q\n1", "é"]) assert.equal(isValidEntryId(bad), false, bad);
});
