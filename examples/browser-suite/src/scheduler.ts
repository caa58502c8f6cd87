// A cooperative task scheduler like the one a WASM browser runtime runs its microtasks on: tasks
// have a priority and a virtual start time; equal keys are broken by the seeded PRNG, which is
// where real browsers are non-deterministic (timer jitter) and where this example's flake lives.
import { Prng } from "./prng.ts";

export interface Task {
  readonly name: string;
  readonly priority: number; // lower runs first
  readonly at: number; // virtual ms
}

export interface ScheduleOptions {
  readonly seed: bigint;
  /** Extra virtual ms added to timer tasks: how a loaded CI runner delays them. */
  readonly timerJitterMs?: number;
}

export function schedule(tasks: readonly Task[], options: ScheduleOptions): string[] {
  const prng = new Prng(options.seed);
  const jitter = options.timerJitterMs ?? 0;
  const keyed = tasks.map((task) => ({
    task,
    at: task.name.startsWith("timer:") ? task.at + jitter : task.at,
    tie: prng.below(1_000_000),
  }));
  keyed.sort((a, b) => a.at - b.at || a.task.priority - b.task.priority || a.tie - b.tie);
  return keyed.map((k) => k.task.name);
}
