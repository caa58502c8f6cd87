// Quickstart suite "payment_replay": replays a seeded payment sequence twice and checks both
// replays agree, then reports each check as TAP in $FLAKEWARDEN_RESULT_FILE.
import fs from "node:fs";
import path from "node:path";

function replay(seed) {
  // A small LCG: the same seed always gives the same sequence.
  let state = seed >>> 0;
  const amounts = [];
  for (let i = 0; i < 5; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    amounts.push(state % 10_000);
  }
  return amounts;
}

const seed = Number(process.env.TEST_SEED ?? 4242);
const first = replay(seed);
const second = replay(seed);
const checks = [
  ["replays agree", first.join() === second.join()],
  ["amounts are positive", first.every((a) => a >= 0)],
];
const tap = ["TAP version 13", ...checks.map(([name, ok], i) => `${ok ? "ok" : "not ok"} ${i + 1} - ${name}`), `1..${checks.length}`];
const out = process.env.FLAKEWARDEN_RESULT_FILE;
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${tap.join("\n")}\n`);
console.log(`payment_replay: ${checks.length} checks written to TAP`);
