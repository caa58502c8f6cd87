// The token scanners and the container walk that the three JSON readers share (json-tokens.ts,
// json-tree.ts): the index each one reports, and that the readers built on them still agree.
import assert from "node:assert/strict";
import test from "node:test";
import fc from "fast-check";
import { literalEnd, readString, scanNumber, scanString, skipWhitespace, stripBom } from "../src/json-tokens.ts";
import { parseJsonTree } from "../src/json-tree.ts";
import { canonicalText, parseJson, parseLosslessJson } from "../src/index.ts";
import { jsonFragmentText } from "./support/json-fragments.ts";

test("tokens: scanString gives the end after the quote, or the first character that cannot continue and why", () => {
  assert.deepEqual(scanString('"a\\n\\u00e9" x', 0), { end: 11 });
  assert.deepEqual(scanString('"abc', 0), { failAt: 4, fault: "unterminated" });
  assert.deepEqual(scanString('"a\u0001"', 0), { failAt: 2, fault: "control" });
  assert.deepEqual(scanString('"a\\q"', 0), { failAt: 3, fault: "escape" });
  assert.deepEqual(scanString('"\\u12G4"', 0), { failAt: 5, fault: "unicode" });
  assert.deepEqual(scanString('"\\u12', 0), { failAt: 5, fault: "unterminated" });
  assert.deepEqual(scanString('"\\', 0), { failAt: 2, fault: "unterminated" });
});

test("tokens: scanNumber follows RFC 8259 and stops at the first character that cannot continue", () => {
  assert.deepEqual(scanNumber("-12.5e+3,", 0), { end: 8 });
  assert.deepEqual(scanNumber("01", 0), { end: 1 });
  assert.deepEqual(scanNumber("-", 0), { failAt: 1 });
  assert.deepEqual(scanNumber("1.", 0), { failAt: 2 });
  assert.deepEqual(scanNumber("1e+", 0), { failAt: 3 });
  assert.deepEqual(scanNumber("[.5]", 1), { failAt: 1 });
});

test("tokens: literals, whitespace, strings and the BOM", () => {
  assert.equal(literalEnd("tru ", 0, "true"), 3);
  assert.equal(literalEnd("[true]", 1, "true"), 5);
  assert.equal(skipWhitespace("a \t\r\n b", 1), 6);
  assert.equal(skipWhitespace("a", 1), 1);
  assert.deepEqual(readString('x"a\\"b"', 1), { value: 'a"b', end: 7 });
  assert.equal(readString('"a\\q"', 0), null);
  assert.equal(stripBom("\uFEFF{}"), "{}");
  assert.equal(stripBom("{}\uFEFF"), "{}\uFEFF");
});

test("tree: failures name where the reader stood and where the text stops; depth and duplicate keys", () => {
  const scalar = (text: string, i: number) =>
    text.startsWith("1", i) ? { value: 1, end: i + 1 } : { failAt: i, problem: "no scalar" };
  assert.deepEqual(parseJsonTree('{"a": "b\\q"}', { maxDepth: 4, scalar }), { ok: false, index: 6, at: 9, problem: "invalid string" });
  assert.deepEqual(parseJsonTree('{"a\\q": 1}', { maxDepth: 4, scalar }), { ok: false, index: 1, at: 4, problem: "expected a string key" });
  assert.deepEqual(parseJsonTree("[1, 2]", { maxDepth: 4, scalar }), { ok: false, index: 4, at: 4, problem: "no scalar" });
  assert.deepEqual(parseJsonTree("[[[1]]]", { maxDepth: 2, scalar }), { ok: false, index: 2, at: 2, problem: "nesting too deep" });
  const parsed = parseJsonTree('{"a": 1, "__proto__": [1], "a": "x"}', { maxDepth: 4, scalar });
  assert.ok(parsed.ok);
  assert.equal(Object.getPrototypeOf(parsed.value), null);
  assert.deepEqual(Object.entries(parsed.value as object), [["__proto__", [1]], ["a", "x"]]);
});

test("readers: the lossless reader accepts exactly what the strict parser accepts, with the same values", () => {
  fc.assert(
    fc.property(jsonFragmentText, (text) => {
      const strict = parseJson(text);
      const lossless = parseLosslessJson(text);
      assert.equal(lossless.ok, strict.ok, JSON.stringify(text));
      if (lossless.ok && strict.ok) assert.equal(canonicalText(lossless.value), JSON.stringify(strict.value));
    }),
    { numRuns: 300 },
  );
});
