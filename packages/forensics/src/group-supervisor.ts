// Supervising a child that leads its own process group (detector.md §4.2 step 4; forensics.md
// §4.2 step 2 and §2.4 ask for the same): the timeout sends SIGTERM to the group and SIGKILL
// 5 s later, whatever is left of the group dies when the child exits, and every running group
// can be killed at once on SIGINT/SIGTERM. Shared by runUnit (detect, reactivate) and runArgv
// (drill replays, npm, git) so the rules live in one place.
import { signalGroup } from "./process-group.ts";

/** Time between the timeout's SIGTERM and the SIGKILL to the group. */
export const KILL_GRACE_MS = 5_000;
/** setTimeout fires at once above this; a longer timeout is clamped to ~24.8 days. */
const MAX_TIMER_MS = 2_147_483_647;

/** Group ids (= leader pids) of supervised children that have not exited yet, for killAllGroups. */
const RUNNING_GROUPS = new Set<number>();

export interface GroupSupervisor {
  /** Whether the timeout fired (the group was sent SIGTERM). */
  timedOut(): boolean;
  /**
   * Call when the leader exits: disarms the timers and SIGKILLs whatever is left of the group.
   * Its emptiness is never awaited, since a container's init may leave killed processes as
   * zombies that still answer signal 0. Later calls do nothing.
   */
  exited(): void;
}

/** Start supervising the group led by `pid` (spawned with `detached: true`). */
export function superviseGroup(pid: number, timeoutMs: number): GroupSupervisor {
  let timedOut = false;
  let done = false;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  RUNNING_GROUPS.add(pid);
  const timeoutTimer = setTimeout(
    () => {
      timedOut = true;
      signalGroup(pid, "SIGTERM", true);
      killTimer = setTimeout(() => signalGroup(pid, "SIGKILL", true), KILL_GRACE_MS);
    },
    Math.min(Math.max(timeoutMs, 0), MAX_TIMER_MS),
  );
  return {
    timedOut: () => timedOut,
    exited: () => {
      if (done) return;
      done = true;
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      RUNNING_GROUPS.delete(pid);
      signalGroup(pid, "SIGKILL", false);
    },
  };
}

/** SIGKILL every supervised group that is still running (SIGINT/SIGTERM handling of a command). */
export function killAllGroups(): void {
  for (const pid of RUNNING_GROUPS) signalGroup(pid, "SIGKILL", true);
}
