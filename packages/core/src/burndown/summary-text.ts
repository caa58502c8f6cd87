// The human summary of a burndown report (gate.md §4.11), rendered from the same report object
// the JSON output is, so the two can never disagree.
import { escapeControls } from "../format.ts";
import type { BurndownReport } from "../schemas/burndown-report.ts";

export function burndownSummaryText(report: BurndownReport): string {
  const s = report.summary;
  const lines = [
    `Burndown (${report.window_days} days): ${s.burndown_trend}; open ${s.total_open_flakes} ` +
      `(critical ${s.critical_flakes}, high ${s.high_flakes}, medium ${s.medium_flakes}, low ${s.low_flakes}); ` +
      `overdue ${s.overdue_sla_count}; resolved ${s.resolved_in_window} / new ${s.new_in_window}`,
  ];
  if (report.release_gate.blocked) {
    lines.push("Release gate: BLOCKED");
    // Reasons can quote manifest paths or values: one reason must stay one line.
    for (const reason of report.release_gate.reasons) lines.push(`  - ${escapeControls(reason)}`);
  } else {
    lines.push("Release gate: clear");
  }
  return `${lines.join("\n")}\n`;
}
