// Stable suite (reported as JUnit): a render pass diffs the DOM in scheduler order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apply, diff } from "../src/dom-diff.ts";
import { schedule } from "../src/scheduler.ts";

test("a render pass applies updates in the scheduled order", () => {
  const order = schedule(
    [
      { name: "update:title", priority: 0, at: 1 },
      { name: "update:body", priority: 1, at: 1 },
    ],
    { seed: 4242n },
  );
  assert.deepEqual(order, ["update:title", "update:body"]);
  const before = [{ key: "title", text: "Draft" }, { key: "body", text: "…" }];
  const after = [{ key: "title", text: "Release notes" }, { key: "body", text: "v1.4.0" }];
  assert.deepEqual(apply(before, diff(before, after)), after);
});

test("an empty page renders to an empty page", () => {
  assert.deepEqual(diff([], []), []);
});
