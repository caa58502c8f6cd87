// Signalling a unit's process group (detector.md §4.2 step 3). A unit is spawned as the leader
// of a new group, so its pid is also the group id and `kill(-pid)` reaches every grandchild.
import process from "node:process";

/**
 * Send `signal` to the group led by `pid`; an empty group (ESRCH) is nothing to do. Where the
 * runtime could not create or cannot signal a group (any failure of the negative pid while the
 * leader still runs), the signal goes to the child itself, but only while `childAlive`: once
 * the leader has been reaped its pid may belong to an unrelated process.
 */
export function signalGroup(pid: number, signal: NodeJS.Signals, childAlive: boolean): void {
  try {
    process.kill(-pid, signal);
    return;
  } catch {
    if (!childAlive) return;
  }
  try {
    process.kill(pid, signal);
  } catch {
    // Gone in the meantime (ESRCH) or not ours to signal: nothing more we can do.
  }
}
