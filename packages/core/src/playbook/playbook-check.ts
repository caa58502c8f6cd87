// `playbook check`: the WG-FORENSICS clauses, then the incident clauses (gate.md §4.12, forensics.md §2.5).
import type { LoadedText } from "../loaded-input.ts";
import type { PlaybookClause } from "../schemas/config.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { formatOffsetUtc } from "../timestamp.ts";
import { forensicsFindings } from "../gate/check-forensics.ts";

export const PLAYBOOK_REPORT_SCHEMA_VERSION = "incident-forensics-playbook-check-v1";
export const PLAYBOOK_EVENT_SCHEMA_VERSION = "incident-forensics-playbook-event-v1";

/** The seven clauses of the original check_incident_forensics_playbook.py (`--preset original`). */
export const ORIGINAL_CLAUSES: readonly PlaybookClause[] = [
  {
    clause_id: "IFP-001",
    file: "docs/replay-debugging.md",
    pattern: String.raw`^## WASM Incident Forensics Playbook \(asupersync-umelq\.12\.5\)`,
    description: "Replay guide must include dedicated incident-forensics playbook section.",
  },
  {
    clause_id: "IFP-002",
    file: "docs/replay-debugging.md",
    pattern: String.raw`bash \./scripts/test_wasm_incident_forensics_e2e\.sh`,
    description: "Replay guide must publish canonical deterministic drill command.",
  },
  {
    clause_id: "IFP-003",
    file: "docs/replay-debugging.md",
    pattern: String.raw`rch exec -- env\b[^\n]*\bCARGO_TARGET_DIR=\$\{TMPDIR:-/tmp\}/rch_target_replay_debugging_docs\b[^\n]*\bcargo run --quiet --features cli --bin asupersync --`,
    description:
      "Replay guide must include explicit rch-offloaded replay command template with a scoped cargo target directory.",
  },
  {
    clause_id: "IFP-004",
    file: "docs/integration.md",
    pattern: String.raw`Incident forensics playbook \(asupersync-umelq\.12\.5\)`,
    description: "Integration guide must link incident triage flow to playbook contract.",
  },
  {
    clause_id: "IFP-005",
    file: "TESTING.md",
    pattern: String.raw`check_incident_forensics_playbook\.py`,
    description: "Testing guide must include playbook contract checker command.",
  },
  {
    clause_id: "IFP-006",
    file: "TESTING.md",
    pattern: String.raw`run_all_e2e\.sh --suite wasm-incident-forensics`,
    description: "Testing guide must include incident-forensics E2E drill suite command.",
  },
  {
    clause_id: "IFP-007",
    file: "TESTING.md",
    pattern: String.raw`target/e2e-results/wasm_incident_forensics`,
    description: "Testing guide must document deterministic artifact root for drill outputs.",
  },
];

export interface PlaybookClauseResult {
  clause_id: string;
  description: string;
  detail: string;
  file: string;
  status: "pass" | "fail";
}

export interface PlaybookReport {
  checks: PlaybookClauseResult[];
  gate_status: "pass" | "fail";
  generated_at_utc: string;
  git_sha: string | null;
  schema_version: typeof PLAYBOOK_REPORT_SCHEMA_VERSION;
  summary: { failed: number; passed: number; total: number };
}

export interface PlaybookEvent {
  clause_id: string;
  detail: string;
  file: string;
  generated_at_utc: string;
  schema_version: typeof PLAYBOOK_EVENT_SCHEMA_VERSION;
  status: "pass" | "fail";
}

/** A clause pattern that JavaScript cannot compile: the message, else null. */
export function clausePatternError(pattern: string): string | null {
  try {
    new RegExp(pattern, "m");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export const SATISFIED = "clause satisfied";

/** One incident clause over its file as the CLI loaded it. */
export function evaluateClause(clause: PlaybookClause, file: LoadedText): PlaybookClauseResult {
  const base = { clause_id: clause.clause_id, description: clause.description, file: clause.file };
  if (file.kind === "missing") return { ...base, detail: `file not found: ${clause.file}`, status: "fail" };
  if (file.kind === "unreadable") return { ...base, detail: `file unreadable: ${clause.file}: ${file.cause}`, status: "fail" };
  if (!new RegExp(clause.pattern, "m").test(file.text)) {
    return { ...base, detail: `missing required pattern: ${clause.pattern}`, status: "fail" };
  }
  return { ...base, detail: SATISFIED, status: "pass" };
}

const WG_DESCRIPTIONS = {
  "WG-FORENSICS-001": "Forensics playbook must exist and be readable.",
  "WG-FORENSICS-002": "Forensics playbook must list every policy required command.",
  "WG-FORENSICS-003": "Forensics playbook must mention replay, trace_pointer and reactivation.",
} as const;

/** The three WG-FORENSICS clauses as playbook-check rows. */
export function forensicsClauses(doc: LoadedText, policy: ResolvedPolicy): PlaybookClauseResult[] {
  const findings = forensicsFindings(doc, policy);
  const row = (id: keyof typeof WG_DESCRIPTIONS, detail: string | null): PlaybookClauseResult => ({
    clause_id: id,
    description: WG_DESCRIPTIONS[id],
    detail: detail ?? SATISFIED,
    file: doc.path,
    status: detail === null ? "pass" : "fail",
  });
  if (doc.kind !== "text") {
    const unavailable = "not evaluated: forensics playbook unavailable";
    return [row("WG-FORENSICS-001", findings[0]?.message ?? ""), row("WG-FORENSICS-002", unavailable), row("WG-FORENSICS-003", unavailable)];
  }
  const messageOf = (id: string): string | null => findings.find((f) => f.check_id === id)?.message ?? null;
  return [row("WG-FORENSICS-001", null), row("WG-FORENSICS-002", messageOf("WG-FORENSICS-002")), row("WG-FORENSICS-003", messageOf("WG-FORENSICS-003"))];
}

export function playbookReport(checks: PlaybookClauseResult[], now: number, gitSha: string | null): PlaybookReport {
  const failed = checks.filter((c) => c.status === "fail").length;
  return {
    checks,
    gate_status: failed > 0 ? "fail" : "pass",
    generated_at_utc: formatOffsetUtc(now),
    git_sha: gitSha,
    schema_version: PLAYBOOK_REPORT_SCHEMA_VERSION,
    summary: { failed, passed: checks.length - failed, total: checks.length },
  };
}

export function playbookEvents(report: PlaybookReport): PlaybookEvent[] {
  return report.checks.map((c) => ({
    clause_id: c.clause_id,
    detail: c.detail,
    file: c.file,
    generated_at_utc: report.generated_at_utc,
    schema_version: PLAYBOOK_EVENT_SCHEMA_VERSION,
    status: c.status,
  }));
}
