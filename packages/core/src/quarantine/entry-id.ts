// Quarantine entry ids: the accepted `--id` shape and the generated `Q-<SLUG>-<YYYYMMDD>` form (gate.md §4.10).

/** What `--id` must look like: short, printable, safe in paths and shell words. */
export const ENTRY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isValidEntryId(id: string): boolean {
  return ENTRY_ID_PATTERN.test(id);
}

const SLUG_LIMIT = 48;

/** The suite name as an id fragment: uppercase, runs of anything else collapsed to one `-`. */
export function suiteSlug(suite: string): string {
  const trim = (s: string): string => s.replace(/^-+|-+$/g, "");
  // toUpperCase may lengthen a string (ß → SS), so slugging happens after it, not before.
  let slug = trim(suite.toUpperCase().replace(/[^A-Z0-9]+/g, "-"));
  slug = trim(slug.slice(0, SLUG_LIMIT));
  return slug === "" ? "SUITE" : slug;
}

function utcDay(now: number): string {
  const d = new Date(now);
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/**
 * A fresh id for a suite opened at `now`. `taken` holds every id already in the manifest (any
 * status) plus those created earlier in the same run, so two entries never share one.
 */
export function generateEntryId(suite: string, now: number, taken: ReadonlySet<string>): string {
  const base = `Q-${suiteSlug(suite)}-${utcDay(now)}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
