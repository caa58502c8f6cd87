// Process probes for the tests that prove a child and its whole process group are gone
// (group-supervisor.ts): read from /proc, so they see grandchildren the test never spawned itself.
// The CLI tests reuse them through their own support files.
import fs from "node:fs";

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid a test child wrote to `file`. */
export const readPid = (file: string): number => Number(fs.readFileSync(file, "utf8").trim());

/** State letter and process group of a pid from /proc/<pid>/stat, or null when it is gone. */
export function procStat(pid: number): { state: string; pgrp: number } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", pgrp: Number(fields[2]) };
}

/** Zombies (Z) and dying tasks (X) have already been killed: they do not count as alive. */
function isLiveState(state: string): boolean {
  return state !== "Z" && state !== "X";
}

/** Whether a process is still alive (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== null && isLiveState(stat.state);
}

/** Pids in group `pgid` that are not dead. */
export function liveGroupMembers(pgid: number): number[] {
  const live: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat !== null && stat.pgrp === pgid && isLiveState(stat.state)) live.push(Number(name));
  }
  return live;
}

/**
 * A SIGKILL is delivered asynchronously, so allow the kernel a moment to finish the kill; a
 * process that was never signalled sleeps 60 s and is still listed when the wait gives up.
 */
export async function liveGroupMembersAfterKill(pgid: number): Promise<number[]> {
  const end = Date.now() + 5_000;
  for (;;) {
    const live = liveGroupMembers(pgid);
    if (live.length === 0 || Date.now() > end) return live;
    await sleep(25);
  }
}

/** Waits until a test child has written something to `file` (its pid, usually). */
export async function waitForFile(file: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!fs.existsSync(file) || fs.readFileSync(file, "utf8").trim() === "") {
    if (Date.now() > end) throw new Error(`${file} never appeared`);
    await sleep(20);
  }
}
