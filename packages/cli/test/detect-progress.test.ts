// detect's progress renderer (detector.md §2.6) with a fake clock: the TTY line's throttle and
// erase, the plain lines, and the "still running" note after 60 s without a finished run.
import assert from "node:assert/strict";
import test from "node:test";
import { createProgress, formatElapsed, suiteLine, type ProgressOptions } from "../src/detect/progress.ts";

function setup(tty: boolean): { out: () => string; clear: () => void; advance: (ms: number) => void; options: ProgressOptions } {
  let text = "";
  let now = 1_000;
  const options: ProgressOptions = {
    stderr: { write: (s: string) => (text += s) },
    tty,
    runId: "r1",
    suiteCount: 2,
    iterations: 3,
    jobs: 2,
    seed: 4242,
    totalUnits: 6,
    clock: () => now,
  };
  return { out: () => text, clear: () => (text = ""), advance: (ms) => (now += ms), options };
}

test("elapsed time reads like 2m10s", () => {
  assert.equal(formatElapsed(0), "0s");
  assert.equal(formatElapsed(59_999), "59s");
  assert.equal(formatElapsed(130_000), "2m10s");
  assert.equal(formatElapsed(3_723_000), "1h02m03s");
});

test("plain progress: header, one line per run and per suite, spread n/a without samples", () => {
  const t = setup(false);
  const p = createProgress(t.options);
  p.unitStarted({ suite: "A", iteration: 1 });
  p.unitFinished({ suite: "A", iteration: 1 }, "fail", 12);
  p.suiteFinished(suiteLine({ suite: "A", pass: 0, fail: 1, skip: 0, spreadPct: null, unstable: false }));
  p.stop();
  assert.equal(
    t.out(),
    "[flakewarden] run r1: 2 suites x 3 iterations, jobs 2, seed 4242\n" +
      "[flakewarden] A run 1/3: fail (12ms)\n" +
      "[flakewarden] A: pass=0 fail=1 skip=0 spread=n/a unstable=false\n",
  );
});

test("plain progress: 'still running' after 60 s without a finished run, then once a minute", () => {
  const t = setup(false);
  const p = createProgress(t.options);
  p.unitStarted({ suite: "B", iteration: 2 });
  t.clear();
  t.advance(59_000);
  p.poll();
  assert.equal(t.out(), "");
  t.advance(1_500);
  p.poll();
  assert.equal(t.out(), "[flakewarden] still running: B run 2/3 (60s)\n");
  t.advance(30_000);
  p.poll();
  assert.equal(t.out(), "[flakewarden] still running: B run 2/3 (60s)\n", "not again within a minute");
  t.advance(30_000);
  p.poll();
  assert.equal(t.out(), "[flakewarden] still running: B run 2/3 (60s)\n[flakewarden] still running: B run 2/3 (120s)\n");
  p.stop();
});

test("TTY progress: drawn in place, redrawn at most every 100 ms, notes above it, erased at the end", () => {
  const t = setup(true);
  const p = createProgress(t.options);
  assert.equal(t.out(), "\r\x1b[K[flakewarden] [--------------------] 0/6 runs  pass 0 fail 0 skip 0  0s");
  t.clear();
  t.advance(150);
  p.unitFinished({ suite: "A", iteration: 1 }, "pass", 5);
  assert.equal(t.out(), "\r\x1b[K[flakewarden] [###-----------------] 1/6 runs  pass 1 fail 0 skip 0  0s");
  t.clear();
  t.advance(10);
  p.unitFinished({ suite: "A", iteration: 2 }, "skip", 5);
  assert.equal(t.out(), "", "within 100 ms of the last draw nothing is written at once");
  p.note("--- tail: x ---\n--- end tail ---\n");
  assert.equal(t.out(), "\r\x1b[K--- tail: x ---\n--- end tail ---\n\r\x1b[K[flakewarden] [#######-------------] 2/6 runs  pass 1 fail 0 skip 1  0s");
  t.clear();
  p.suiteFinished("[flakewarden] A: ...\n");
  assert.equal(t.out(), "", "no suite lines on a terminal");
  p.stop();
  assert.equal(t.out(), "\r\x1b[K");
  p.poll();
  assert.equal(t.out(), "\r\x1b[K", "nothing after stop");
});
