// Incident severity as the pages show it (reports.md §3.2): `sev_1`, `sev-1` and `sev1` (any case) are one level,
// displayed `SEV-1`; any other value is shown as written and flagged.

export interface SeverityLabel {
  /** The normalised level (`sev_1`…`sev_3`), or null when unrecognised. */
  readonly level: "sev_1" | "sev_2" | "sev_3" | null;
  /** `SEV-1`, or the value as written followed by ` (unrecognised severity)`. */
  readonly label: string;
}

export function severityLabel(value: string): SeverityLabel {
  // ASCII-only case folding: the same on every runtime (reports.md §4.15).
  const m = /^[sS][eE][vV][-_]?([123])$/.exec(value);
  if (m === null) return { level: null, label: `${value} (unrecognised severity)` };
  const n = m[1] as "1" | "2" | "3";
  return { level: `sev_${n}`, label: `SEV-${n}` };
}
