// Lossless JSON, canonical text and certificate values (forensics.md §4.3).
import assert from "node:assert/strict";
import test from "node:test";
import {
  canonicalText,
  certificateValue,
  fromPlainJson,
  LosslessNumber,
  lookupPath,
  MAX_JSON_DEPTH,
  parseLosslessJson,
  type LosslessValue,
} from "../src/index.ts";

function parse(text: string): LosslessValue {
  const r = parseLosslessJson(text);
  if (!r.ok) throw new Error(`did not parse: ${text}: ${r.problem}`);
  return r.value;
}

test("u64 integers keep their digits: …544 and …545 stay different", () => {
  const a = parse('{"h":782198577955665544}');
  const b = parse('{"h":782198577955665545}');
  assert.equal(782198577955665544 === 782198577955665545, true, "as doubles they are equal");
  assert.notEqual(canonicalText(a), canonicalText(b));
  assert.equal(canonicalText(a), '{"h":782198577955665544}');
  assert.equal(certificateValue(lookupPath(a, "h")), "782198577955665544");
});

test("canonical text sorts keys by code point and normalises numbers", () => {
  const v = parse('{ "b": [1, 2.50, 1e2, -0, 1E400], "a": {"z": null, "é": true, "Z": "x\\u0041"}, "\\ud83d\\ude00": 0 }');
  assert.equal(canonicalText(v), '{"a":{"Z":"xA","z":null,"é":true},"b":[1,2.5,100,0,1E400],"😀":0}');
  assert.equal(canonicalText(parse('{"b":[1],"a":{}}'), true), '{\n  "a": {},\n  "b": [\n    1\n  ]\n}');
});

test("a repeated key keeps its last value; __proto__ is an ordinary key", () => {
  const v = parse('{"a":1,"a":2,"__proto__":{"x":1}}');
  assert.equal(canonicalText(v), '{"__proto__":{"x":1},"a":2}');
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

test("invalid JSON and over-deep nesting are refused, not thrown", () => {
  for (const bad of ["", "{", '{"a":}', "[1,]", "01", '{"a":1} x', "'a'", "NaN", '"\u0001"', "[1 2]", '{"a" 1}', "{1:2}"]) {
    assert.equal(parseLosslessJson(bad).ok, false, bad);
  }
  assert.equal(parseLosslessJson("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH)).ok, true);
  assert.equal(parseLosslessJson("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1)).ok, false);
  assert.equal(parseLosslessJson("[".repeat(100_000)).ok, false);
});

test("scalars, empty containers and a BOM parse", () => {
  assert.equal(canonicalText(parse("\uFEFF [ true, false, null, {}, [], \"s\" ] ")), '[true,false,null,{},[],"s"]');
  assert.ok(parse("-12") instanceof LosslessNumber);
});

test("certificate values: integer digits, strings as is, others canonical, absent null", () => {
  const v = parse('{"i":-0,"s":"abc","f":1.50,"o":{"b":1,"a":2},"n":null,"arr":[3,{"k":"v"}]}');
  assert.equal(certificateValue(lookupPath(v, "i")), "0");
  assert.equal(certificateValue(lookupPath(v, "s")), "abc");
  assert.equal(certificateValue(lookupPath(v, "f")), "1.5");
  assert.equal(certificateValue(lookupPath(v, "o")), '{"a":2,"b":1}');
  assert.equal(certificateValue(lookupPath(v, "n")), "null");
  assert.equal(certificateValue(lookupPath(v, "missing")), null);
  assert.equal(certificateValue(lookupPath(v, "arr.1.k")), "v");
  assert.equal(lookupPath(v, "arr.x"), undefined);
  assert.equal(lookupPath(v, "s.length"), undefined);
  assert.equal(certificateValue(parse('"782198577955665544"')), certificateValue(parse("782198577955665544")));
});

test("config values convert to the same canonical text as parsed JSON", () => {
  assert.equal(canonicalText(fromPlainJson({ b: 0.5, a: [true, null, "x"], c: 3 })), canonicalText(parse('{"c":3,"a":[true,null,"x"],"b":0.5}')));
});
