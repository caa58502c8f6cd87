import assert from "node:assert/strict";
import test from "node:test";
import { scheduleUnits } from "../src/index.ts";

interface Unit {
  suite: string;
  iteration: number;
}

const plan = (suites: string[], iterations: number): Unit[] =>
  suites.flatMap((suite) => Array.from({ length: iterations }, (_, i) => ({ suite, iteration: i + 1 })));
const label = (unit: Unit): string => `${unit.suite}${unit.iteration}`;

/**
 * A run whose completion the test controls: each started unit waits until `finish(label)`,
 * so the order of events never depends on timers.
 */
function controlledRuns(): { run(unit: Unit): Promise<void>; started: string[]; finish(name: string, error?: Error): void; running(): string[] } {
  const started: string[] = [];
  const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  return {
    started,
    run(unit) {
      started.push(label(unit));
      return new Promise((resolve, reject) => waiting.set(label(unit), { resolve, reject }));
    },
    finish(name, error) {
      const entry = waiting.get(name);
      assert.ok(entry, `${name} is not running`);
      waiting.delete(name);
      if (error === undefined) entry.resolve();
      else entry.reject(error);
    },
    running: () => [...waiting.keys()],
  };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

test("scheduleUnits never runs more than jobs units at once", async () => {
  for (const jobs of [1, 2, 3]) {
    let current = 0;
    let peak = 0;
    const done: string[] = [];
    await scheduleUnits(plan(["a", "b", "c"], 4), {
      jobs,
      canStart: () => true,
      async run(unit) {
        current += 1;
        peak = Math.max(peak, current);
        await new Promise((resolve) => setImmediate(resolve));
        current -= 1;
        done.push(label(unit));
      },
    });
    assert.equal(peak, jobs);
    assert.equal(done.length, 12);
  }
});

test("scheduleUnits starts units in plan order and gives a freed slot to the first unit that may start", async () => {
  const runs = controlledRuns();
  // A suite's iterations run one after another; different suites may overlap.
  const finished = scheduleUnits(plan(["a", "b", "c"], 2), {
    jobs: 2,
    canStart: (unit, running) => !running.some((other) => other.suite === unit.suite),
    run: runs.run,
  });
  await flush();
  assert.deepEqual(runs.started, ["a1", "b1"]);
  runs.finish("b1");
  await flush();
  // a2 is first in plan order but a1 still runs, so the slot goes to b2, not c1.
  assert.deepEqual(runs.started, ["a1", "b1", "b2"]);
  runs.finish("a1");
  await flush();
  assert.deepEqual(runs.started, ["a1", "b1", "b2", "a2"]);
  runs.finish("b2");
  await flush();
  assert.deepEqual(runs.started, ["a1", "b1", "b2", "a2", "c1"]);
  runs.finish("a2");
  runs.finish("c1");
  await flush();
  assert.deepEqual(runs.running(), ["c2"]);
  runs.finish("c2");
  await finished;
  assert.deepEqual(runs.started, ["a1", "b1", "b2", "a2", "c1", "c2"]);
});

test("scheduleUnits leaves a slot idle while canStart blocks every pending unit", async () => {
  const runs = controlledRuns();
  // Units sharing a result file never overlap, even with free slots.
  const units = [{ suite: "x", iteration: 1 }, { suite: "x", iteration: 2 }, { suite: "x", iteration: 3 }];
  const finished = scheduleUnits(units, { jobs: 3, canStart: (_unit, running) => running.length === 0, run: runs.run });
  await flush();
  assert.deepEqual(runs.running(), ["x1"]);
  runs.finish("x1");
  await flush();
  assert.deepEqual(runs.running(), ["x2"]);
  runs.finish("x2");
  await flush();
  runs.finish("x3");
  await finished;
  assert.deepEqual(runs.started, ["x1", "x2", "x3"]);
});

test("scheduleUnits passes the running units to canStart", async () => {
  const seen: string[][] = [];
  await scheduleUnits(plan(["a", "b"], 1), {
    jobs: 2,
    canStart(_unit, running) {
      seen.push(running.map(label));
      return true;
    },
    run: () => Promise.resolve(),
  });
  assert.deepEqual(seen, [[], ["a1"]]);
});

test("scheduleUnits stops starting units after a failure, waits for running ones, then rejects", async () => {
  const runs = controlledRuns();
  const finished = scheduleUnits(plan(["a", "b", "c"], 2), { jobs: 2, canStart: () => true, run: runs.run });
  let settled = false;
  const outcome = finished.then(
    () => assert.fail("should reject"),
    (error: unknown) => {
      settled = true;
      return error;
    },
  );
  await flush();
  assert.deepEqual(runs.started, ["a1", "a2"]);
  runs.finish("a1", new Error("a1 broke"));
  await flush();
  assert.deepEqual(runs.started, ["a1", "a2"], "no unit starts after the failure");
  assert.equal(settled, false, "a running unit is still awaited");
  runs.finish("a2", new Error("a later failure"));
  const error = await outcome;
  assert.ok(error instanceof Error);
  assert.equal(error.message, "a1 broke");
  assert.deepEqual(runs.started, ["a1", "a2"]);
});

test("scheduleUnits treats a run that throws synchronously as a failure", async () => {
  const started: string[] = [];
  await assert.rejects(
    scheduleUnits(plan(["a"], 3), {
      jobs: 1,
      canStart: () => true,
      run(unit) {
        started.push(label(unit));
        throw new Error("sync");
      },
    }),
    { message: "sync" },
  );
  assert.deepEqual(started, ["a1"]);
});

test("scheduleUnits resolves at once for an empty plan and rejects invalid jobs or a plan that can never start", async () => {
  await scheduleUnits([], { jobs: 1, canStart: () => true, run: () => assert.fail("nothing to run") });
  await assert.rejects(scheduleUnits(plan(["a"], 1), { jobs: 0, canStart: () => true, run: () => Promise.resolve() }), RangeError);
  await assert.rejects(scheduleUnits(plan(["a"], 1), { jobs: 1.5, canStart: () => true, run: () => Promise.resolve() }), RangeError);
  await assert.rejects(scheduleUnits(plan(["a"], 2), { jobs: 1, canStart: () => false, run: () => Promise.resolve() }), /can never start/);
});
