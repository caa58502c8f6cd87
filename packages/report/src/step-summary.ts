// The GitHub step summary block the gate appends (gate.md §7 item 2): plain Markdown, deterministic.
import { escapeControls, type GateReport } from "@flakewarden/core";

const MAX_FINDINGS = 100;

function cell(text: string): string {
  return escapeControls(text).replace(/\|/g, "\\|");
}

export function renderGateStepSummary(report: GateReport, reportDisplayPath: string): string {
  const verdict = report.gate_status === "pass" ? "PASS" : "FAIL";
  const lines = [`## WASM flake governance gate: ${verdict}`, "", "| Check | Status | Detail |", "|---|---|---|"];
  for (const r of report.results) lines.push(`| ${cell(r.check_id)} | ${r.status} | ${cell(r.detail)} |`);
  lines.push("");
  if (report.gate_status === "fail") {
    const findings = report.results.flatMap((r) => r.findings);
    lines.push(`### Findings (${findings.length})`);
    for (const f of findings.slice(0, MAX_FINDINGS)) lines.push(`- \`${f.check_id}\` ${escapeControls(f.message)}`);
    if (findings.length > MAX_FINDINGS) lines.push(`- … and ${findings.length - MAX_FINDINGS} more (see ${reportDisplayPath})`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
