// Stable suite: the keyed diff always produces patches that turn the old list into the new one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apply, diff, type VNode } from "../src/dom-diff.ts";

const list = (spec: string): VNode[] => spec.split(" ").filter(Boolean).map((s) => {
  const [key, text] = s.split("=") as [string, string];
  return { key, text };
});

test("identical lists need no patches", () => {
  assert.deepEqual(diff(list("a=1 b=2"), list("a=1 b=2")), []);
});

test("changed text is an update, not a remove and insert", () => {
  assert.deepEqual(diff(list("a=1 b=2"), list("a=1 b=3")), [{ op: "update", key: "b", text: "3" }]);
});

test("patches applied to the old list give the new list", () => {
  const before = list("a=1 b=2 c=3 d=4");
  const after = list("d=4 x=9 b=5 a=1");
  assert.deepEqual(apply(before, diff(before, after)).map((n) => n.key).sort(), after.map((n) => n.key).sort());
});
