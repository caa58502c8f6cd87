// Deterministic replay of the scheduler for incident drills: `flakewarden drill` runs this K times
// with the same seed and compares the certificates it prints. A real runtime's replay tool does the
// same with a recorded trace; here the "trace" is the scheduled order of a fixed workload.
//
//   node --import tsx replay/scheduler-replay.ts --seed 4242 [--fixture <path>]
//
// Prints one JSON line: {seed, deterministic, steps, trace_fingerprint, event_hash}; the u64
// fingerprints are printed as bare JSON integers (never through a JS number). Writes the trace to
// $FLAKEWARDEN_RUN_DIR/trace.json when drill gives a run directory.
import fs from "node:fs";
import path from "node:path";
import { fnv1a64 } from "../src/prng.ts";
import { schedule, type Task } from "../src/scheduler.ts";

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const seedText = arg("--seed") ?? process.env.TEST_SEED;
if (seedText === undefined || !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(seedText)) {
  console.error("scheduler-replay: --seed <decimal or 0x-hex> is required");
  process.exit(2);
}
const fixture = arg("--fixture") ?? path.join(path.dirname(new URL(import.meta.url).pathname), "workload.json");
if (!fs.existsSync(fixture)) {
  // The drill's negative probe points here: a replay without its fixture must fail loudly.
  console.error(`missing_forensics_fixture: ${fixture} not found`);
  process.exit(3);
}
const seed = BigInt(seedText);
const tasks = JSON.parse(fs.readFileSync(fixture, "utf8")) as Task[];
const order = schedule(tasks, { seed });
const trace = order.map((name, step) => ({ step, name }));
const runDir = process.env.FLAKEWARDEN_RUN_DIR;
if (runDir) fs.writeFileSync(path.join(runDir, "trace.json"), `${JSON.stringify({ seed: seed.toString(), trace })}\n`);
const fingerprint = fnv1a64(order.join("\n"));
const eventHash = fnv1a64(JSON.stringify(trace));
console.log(
  `{"seed":${seed},"deterministic":true,"steps":${order.length},"trace_fingerprint":${fingerprint},"event_hash":${eventHash}}`,
);
