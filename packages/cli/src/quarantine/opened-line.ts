// The line `quarantine open` and `quarantine sync` print for each new entry (gate.md §2.3).
import { escapeControls } from "@flakewarden/core";

export function openedLine(entry: Record<string, unknown>, verb = "opened"): string {
  // Values come from flags or the dashboard; escaping keeps one entry on one line whatever they hold.
  const text = (v: unknown): string => escapeControls(String(v));
  const { id, suite, severity, sla_hours: sla, owner } = entry;
  return `${verb} ${text(id)} for suite ${text(suite)} (severity ${text(severity)}, sla ${text(sla)}h, owner ${text(owner)})`;
}
