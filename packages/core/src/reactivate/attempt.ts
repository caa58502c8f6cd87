// Naming one reactivation attempt (forensics.md §4.4 step 1).

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `ra-<YYYYmmddTHHMMSSZ>` of the command's instant, in UTC. */
export function attemptIdBase(nowMs: number): string {
  const d = new Date(nowMs);
  const date = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `ra-${date}T${time}Z`;
}

/** The n-th candidate (1-based): the base, then `-2`, `-3`, … */
export function attemptIdCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base}-${n}`;
}

/** The entry id as a single directory name: anything outside `[A-Za-z0-9._-]` becomes `_`. */
export function safeEntryId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, "_");
  // "." and ".." would name the parent directories rather than a directory of their own.
  return safe === "." || safe === ".." ? safe.replace(/\./g, "_") : safe;
}

/** Attempt ids already used by an entry's evidence records. */
export function usedAttemptIds(evidence: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(evidence)) return out;
  for (const record of evidence) {
    if (typeof record === "object" && record !== null && typeof (record as { attempt_id?: unknown }).attempt_id === "string") {
      out.add((record as { attempt_id: string }).attempt_id);
    }
  }
  return out;
}
