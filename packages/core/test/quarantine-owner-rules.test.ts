// Owner resolution and owners-file globs (gate.md §3.8, §4.10 "Owner").
import assert from "node:assert/strict";
import test from "node:test";
import { globMatches, parseOwnersFile, resolveOwner } from "../src/index.ts";

test("glob: * stays within a segment, ** crosses segments, ? is one non-slash character", () => {
  assert.equal(globMatches("cross_*", "cross_seed_replay"), true);
  assert.equal(globMatches("cross_*", "cross/seed"), false);
  assert.equal(globMatches("cross/**", "cross/seed/replay"), true);
  assert.equal(globMatches("**", "a/b/c"), true);
  assert.equal(globMatches("a?c", "abc"), true);
  assert.equal(globMatches("a?c", "a/c"), false);
  assert.equal(globMatches("a?c", "aéc"), true);
});

test("glob: the whole name must match, the rest is literal, a leading slash is dropped", () => {
  assert.equal(globMatches("cross", "cross_seed"), false);
  assert.equal(globMatches("a.c", "abc"), false);
  assert.equal(globMatches("a.c", "a.c"), true);
  assert.equal(globMatches("(x)+[y]", "(x)+[y]"), true);
  assert.equal(globMatches("a-b|c", "a-b|c"), true);
  assert.equal(globMatches("/suite_*", "suite_one"), true);
  assert.equal(globMatches("\\d", "\\d"), true);
});

test("owners file: blank and # lines skipped, # after whitespace starts a comment, CRLF tolerated", () => {
  const rules = parseOwnersFile("# header\n\n  \n* @org/all\r\ncross_* @org/replay @org/b # trailing\nlonely\nx#y @o\n");
  assert.deepEqual(rules, [
    { line: 4, pattern: "*", owners: ["@org/all"] },
    { line: 5, pattern: "cross_*", owners: ["@org/replay", "@org/b"] },
    { line: 6, pattern: "lonely", owners: [] },
    { line: 7, pattern: "x#y", owners: ["@o"] },
  ]);
});

test("resolveOwner: exact config key beats glob keys, globs in file order", () => {
  const owners = { "cross_*": "glob-team", cross_seed_replay: "exact-team", "*": "catch-all" };
  assert.deepEqual(resolveOwner("cross_seed_replay", { owners, rules: [] }), { owner: "exact-team", source: "config owners" });
  assert.deepEqual(resolveOwner("cross_other", { owners, rules: [] }), { owner: "glob-team", source: "config owners glob" });
  assert.deepEqual(resolveOwner("zzz", { owners, rules: [] }), { owner: "catch-all", source: "config owners glob" });
});

test("resolveOwner: config owners beat the owners file, whose last matching line wins", () => {
  const rules = parseOwnersFile("* @org/all\ncross_* @org/replay\n");
  assert.deepEqual(resolveOwner("cross_seed_replay", { rules }), { owner: "@org/replay", source: "owners file" });
  assert.deepEqual(resolveOwner("witness", { rules }), { owner: "@org/all", source: "owners file" });
  assert.deepEqual(resolveOwner("cross_seed_replay", { owners: { "cross_*": "replay-team" }, rules }), {
    owner: "replay-team",
    source: "config owners glob",
  });
});

test("resolveOwner: a last matching line without owners gives none from the file, then default_owner", () => {
  const rules = parseOwnersFile("* @org/all\ncross_*\n");
  assert.equal(resolveOwner("cross_seed_replay", { rules }), null);
  assert.deepEqual(resolveOwner("cross_seed_replay", { rules, defaultOwner: "dflt" }), { owner: "dflt", source: "config default_owner" });
  assert.equal(resolveOwner("s", { rules: [] }), null);
});

test("resolveOwner: inherited object keys are not owners", () => {
  assert.equal(resolveOwner("constructor", { owners: {}, rules: [] }), null);
  assert.equal(resolveOwner("toString", { rules: [] }), null);
});
