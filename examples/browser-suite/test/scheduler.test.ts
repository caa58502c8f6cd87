// The scheduler suite. One test here is flaky on purpose, the way browser scheduling tests are:
// it assumes a timer due at 14 ms runs before the 16 ms animation frame, which stops holding when a
// loaded runner delays timers by 3 ms. The delay is drawn from the seed and the run number
// (BROWSER_SUITE_RUN, which flakewarden detect sets from {iteration}), so the flake is the same on
// every machine for the same seed: flakewarden finds it, and its replay is exact.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Prng } from "../src/prng.ts";
import { schedule, type Task } from "../src/scheduler.ts";

const seed = BigInt(process.env.TEST_SEED ?? "4242");
const run = BigInt(process.env.BROWSER_SUITE_RUN ?? "0");

test("equal tasks are ordered by the seed, identically on every replay", () => {
  const tasks: Task[] = ["a", "b", "c", "d"].map((name) => ({ name, priority: 0, at: 0 }));
  assert.deepEqual(schedule(tasks, { seed }), schedule(tasks, { seed }));
});

test("priority beats arrival order at the same virtual time", () => {
  const tasks: Task[] = [
    { name: "idle", priority: 9, at: 5 },
    { name: "input", priority: 0, at: 5 },
  ];
  assert.deepEqual(schedule(tasks, { seed }), ["input", "idle"]);
});

test("the autosave timer runs before the next animation frame", () => {
  // Runner load, modelled: 0–3 ms of extra timer delay, fixed by (seed, run).
  const jitter = new Prng(seed * 1000n + run).below(4);
  const tasks: Task[] = [
    { name: "frame:paint", priority: 0, at: 16 },
    { name: "timer:autosave", priority: 1, at: 14 },
  ];
  assert.deepEqual(schedule(tasks, { seed, timerJitterMs: jitter }), ["timer:autosave", "frame:paint"]);
});
