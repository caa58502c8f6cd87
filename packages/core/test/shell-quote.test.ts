// Display quoting of shell tokens (detector.md §4.2, last paragraph): bare when safe, else single quotes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import test from "node:test";
import { quoteCommand, quoteToken } from "../src/shell-quote.ts";

test("safe tokens are written bare", () => {
  for (const token of ["npm", "--seed=4242", "a/b.c", "user@host:1", "x+y,z", "_-.", "RUSTFLAGS=-D"]) {
    assert.equal(quoteToken(token), token);
  }
});

test("the empty token is '' and anything else is single-quoted with ' as '\\''", () => {
  assert.equal(quoteToken(""), "''");
  assert.equal(quoteToken("a b"), "'a b'");
  assert.equal(quoteToken("$HOME"), "'$HOME'");
  assert.equal(quoteToken("it's"), "'it'\\''s'");
  assert.equal(quoteToken("'"), "''\\'''");
  assert.equal(quoteToken("*"), "'*'");
  assert.equal(quoteToken("a\nb"), "'a\nb'");
  assert.equal(quoteToken("é"), "'é'");
  assert.equal(quoteCommand(["env", "RUSTFLAGS=-D warnings", "cargo", "test", ""]), "env 'RUSTFLAGS=-D warnings' cargo test ''");
  assert.equal(quoteCommand([]), "");
});

test("sh reads every quoted token back unchanged", () => {
  const tokens = ["plain", "", "two words", "it's", "'", "''", "$(echo no)", "`no`", "\\", "a\nb", "tab\there", "*", "~", "#x", "é😀", "!", "-n"];
  // printf repeats its format per argument: each token comes back on its own NUL-terminated field.
  const r = spawnSync("sh", ["-c", `printf '%s\\0' ${quoteCommand(tokens)}`], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split("\0").slice(0, -1), tokens);
});
