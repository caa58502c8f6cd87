// Lexical POSIX path arithmetic used for signal-quality links: it must agree with node:path's posix flavour.
import assert from "node:assert/strict";
import path from "node:path";
import test from "node:test";
import { dirnamePosix, isAbsolutePosix, joinPosix, normalizePosix } from "../src/signal-quality/posix-path.ts";

const SAMPLES = [
  "",
  ".",
  "..",
  "/",
  "//",
  "///a",
  "a",
  "a/",
  "a//b",
  "./a",
  "a/./b/../c",
  "../../x",
  "/../x",
  "/a/b/..",
  "a/..",
  "a/../",
  "a/b/../../..",
  "/tmp/fw-x/report.json",
  "target/semantic-verification/verification_report.json",
  "//a",
  "//a/b",
  "a/b//",
  "./",
  "../",
  "...",
  "a/.../b",
];

test("normalizePosix, dirnamePosix and isAbsolutePosix equal path.posix on every sample", () => {
  for (const p of SAMPLES) {
    assert.equal(normalizePosix(p), path.posix.normalize(p), `normalize(${JSON.stringify(p)})`);
    assert.equal(dirnamePosix(p), path.posix.dirname(p), `dirname(${JSON.stringify(p)})`);
    assert.equal(isAbsolutePosix(p), path.posix.isAbsolute(p), `isAbsolute(${JSON.stringify(p)})`);
  }
});

test("joinPosix equals path.posix.join on every pair of samples", () => {
  let compared = 0;
  for (const a of SAMPLES) {
    for (const b of SAMPLES) {
      assert.equal(joinPosix(a, b), path.posix.join(a, b), `join(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
      compared += 1;
    }
  }
  assert.equal(compared, SAMPLES.length ** 2);
  assert.equal(joinPosix(), path.posix.join());
  assert.equal(joinPosix("a", "b", "../c"), "a/c");
});
