// The detect plan's scheduler (detector.md §4.1): at most `jobs` units at once, and a free slot
// always goes to the first unit in plan order that may start now. Which units may overlap (a
// suite's iterations, equal result_file paths) is the caller's rule, passed in as canStart.

export interface ScheduleOptions<T> {
  /** Integer ≥ 1. */
  jobs: number;
  /** May `unit` start while `running` (in start order) are running? */
  canStart(unit: T, running: readonly T[]): boolean;
  run(unit: T): Promise<void>;
}

/**
 * Run every unit. Resolves when all have finished. After the first failure (a rejected run or a
 * throwing canStart) no further unit starts; the running ones are awaited, then the promise
 * rejects with that first error. If nothing runs and no pending unit may start, the caller's
 * canStart can never change its mind, so that is an error too rather than a hang.
 */
export function scheduleUnits<T>(units: readonly T[], options: ScheduleOptions<T>): Promise<void> {
  const { jobs } = options;
  if (!Number.isInteger(jobs) || jobs < 1) return Promise.reject(new RangeError(`jobs must be an integer >= 1 (got ${jobs})`));
  return new Promise((resolve, reject) => {
    const pending = [...units];
    const running: T[] = [];
    let failure: { error: unknown } | null = null;

    const fail = (error: unknown): void => {
      failure ??= { error };
    };
    const settle = (): void => {
      if (running.length > 0) return;
      if (failure !== null) return reject(failure.error);
      if (pending.length === 0) return resolve();
      reject(new Error(`${pending.length} unit(s) can never start: canStart refused them with nothing running`));
    };
    const fill = (): void => {
      while (failure === null && running.length < jobs) {
        let index = -1;
        // One snapshot per slot: canStart may keep it without seeing later changes.
        const snapshot: readonly T[] = running.slice();
        try {
          index = pending.findIndex((unit) => options.canStart(unit, snapshot));
        } catch (error) {
          fail(error);
          break;
        }
        if (index === -1) break;
        const [unit] = pending.splice(index, 1) as [T];
        running.push(unit);
        let started: Promise<void>;
        try {
          started = options.run(unit);
        } catch (error) {
          // A run that throws synchronously fails like one that rejects.
          started = Promise.reject(error);
        }
        started
          .then(undefined, fail)
          .then(() => {
            running.splice(running.indexOf(unit), 1);
            fill();
          });
      }
      settle();
    };
    fill();
  });
}
