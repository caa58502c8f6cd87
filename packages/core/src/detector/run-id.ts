// Run ids (detector.md §3.2): the default comes from the instant; collisions get -2, -3, …
// (the CLI decides which candidate is free; only an id it generated is ever suffixed).

export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Whether an explicit `--run-id` is acceptable. */
export function isValidRunId(id: string): boolean {
  return RUN_ID_PATTERN.test(id) && id !== "latest";
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `sem-flake-YYYYMMDDTHHMMSSZ` for the instant (epoch ms, UTC). */
export function defaultRunId(instantMs: number): string {
  const d = new Date(instantMs);
  return `sem-flake-${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** The k-th candidate for a default id: k = 1 is the id itself, then `-2`, `-3`, … */
export function runIdCandidate(base: string, k: number): string {
  return k <= 1 ? base : `${base}-${k}`;
}
