// schema_version id → artifact kind for `flakewarden report` (reports.md §3.1): which ids the site
// renders, which it knowingly ignores, and where a document's per-item arrays live.
import type * as z from "zod";
import {
  SiteArtifactIndex, SiteBurndown, SiteDashboard, SiteDashboardSuite, SiteDrillEvent, SiteDrillSummary,
  SiteGovernanceEvent, SiteGovernancePolicy, SiteGovernanceReport, SiteGovernanceResult, SiteIncidentPacket,
  SiteManifest, SiteManifestEntry, SiteNpmRollbackOutcome, SitePilotSummary, SitePlaybookReport, SitePostmortem,
  SiteRollbackSafety, SiteSignalQuality, SiteTestTableLine, SiteTraceability,
} from "./site-inputs.ts";

export type SiteKind =
  | "detect" | "governance" | "governance_events" | "governance_policy" | "quarantine" | "burndown"
  | "signal_quality" | "pilot" | "playbook" | "drill" | "drill_events" | "rollback_safety" | "incident"
  | "postmortem" | "artifact_index" | "traceability" | "npm_rollback" | "test_table";

export interface SiteKindSpec {
  readonly kind: SiteKind;
  readonly id: string | null;
  /** The file name the producing command writes (a parse failure under it is "invalid", not "ignored"). */
  readonly fileName: string | null;
  readonly format: "json" | "ndjson";
  /** The document schema (for ndjson: one line's schema). */
  readonly schema: z.ZodType;
  /** A top-level array whose items are validated one by one. */
  readonly items: { readonly key: string; readonly schema: z.ZodType } | null;
}

export const SITE_KINDS: readonly SiteKindSpec[] = [
  { kind: "detect", id: "sem-variance-dashboard-v1", fileName: "variance_dashboard.json", format: "json", schema: SiteDashboard, items: { key: "suites", schema: SiteDashboardSuite } },
  { kind: "governance", id: "wasm-flake-governance-report-v1", fileName: "wasm_flake_governance_report.json", format: "json", schema: SiteGovernanceReport, items: { key: "results", schema: SiteGovernanceResult } },
  { kind: "governance_events", id: "wasm-flake-governance-event-v1", fileName: "wasm_flake_governance_events.ndjson", format: "ndjson", schema: SiteGovernanceEvent, items: null },
  { kind: "governance_policy", id: "wasm-flake-governance-policy-v1", fileName: "wasm_flake_governance_policy.json", format: "json", schema: SiteGovernancePolicy, items: null },
  { kind: "quarantine", id: "wasm-flake-quarantine-v1", fileName: "wasm_flake_quarantine_manifest.json", format: "json", schema: SiteManifest, items: { key: "entries", schema: SiteManifestEntry } },
  { kind: "burndown", id: "nightly-burndown-report-v1", fileName: "burndown_report.json", format: "json", schema: SiteBurndown, items: null },
  { kind: "signal_quality", id: "semantic-signal-quality-v1", fileName: "signal_quality_report.json", format: "json", schema: SiteSignalQuality, items: null },
  { kind: "pilot", id: "asupersync-pilot-observability-v1", fileName: "pilot_observability_summary.json", format: "json", schema: SitePilotSummary, items: null },
  { kind: "playbook", id: "incident-forensics-playbook-check-v1", fileName: "incident_forensics_playbook_check_report.json", format: "json", schema: SitePlaybookReport, items: null },
  { kind: "drill", id: "incident-forensics-drill-summary-v1", fileName: "incident_summary.json", format: "json", schema: SiteDrillSummary, items: null },
  { kind: "drill_events", id: "incident-forensics-event-v1", fileName: "incident_events.ndjson", format: "ndjson", schema: SiteDrillEvent, items: null },
  { kind: "rollback_safety", id: "wasm-rollback-safety-v1", fileName: "rollback_safety_report.json", format: "json", schema: SiteRollbackSafety, items: null },
  { kind: "incident", id: "wasm-release-incident-response-v1", fileName: "incident_response_packet.json", format: "json", schema: SiteIncidentPacket, items: null },
  { kind: "postmortem", id: "flakewarden-postmortem-v1", fileName: "postmortem.json", format: "json", schema: SitePostmortem, items: null },
  { kind: "artifact_index", id: "flakewarden-artifact-index-v1", fileName: "artifact_index.json", format: "json", schema: SiteArtifactIndex, items: null },
  { kind: "traceability", id: "wasm-release-traceability-v1", fileName: "release_traceability.json", format: "json", schema: SiteTraceability, items: null },
  { kind: "npm_rollback", id: "npm-rollback-outcome-v1", fileName: "rollback_outcome.json", format: "json", schema: SiteNpmRollbackOutcome, items: null },
  { kind: "test_table", id: null, fileName: null, format: "ndjson", schema: SiteTestTableLine, items: null },
];

/** Ids core knows that the site deliberately does not render, with the reason shown for them. */
export const SITE_IGNORED_IDS: Readonly<Record<string, string>> = {
  "incident-forensics-playbook-event-v1": "playbook events are not rendered",
  "e2e-suite-summary-v3": "suite summaries are not rendered",
  "incident-forensics-repro-bundle-v1": "repro bundles are not rendered",
  "incident-forensics-replay-report-v1": "replay reports are not rendered",
  "npm-rollback-plan-v1": "rollback plans are not rendered",
  "flakewarden-reactivation-report-v1": "reactivation reports are not rendered",
  "incident-forensics-latest-v1": "latest pointers are not rendered",
  "sem-verification-log-v1": "variance events are not rendered",
  "semantic-verification-report-v1": "verification reports are not rendered",
  "security-release-gate-report-v1": "security gate reports are not rendered",
  "flakewarden-report-site-v1": "report manifests are not rendered",
};

/** The kind for an id in a given format (pilot alerts share the summary's id in NDJSON form). */
export function siteKindOf(id: string, format: "json" | "ndjson"): SiteKindSpec | null {
  return SITE_KINDS.find((k) => k.id === id && k.format === format) ?? null;
}

export function siteKindByFileName(name: string): SiteKindSpec | null {
  return SITE_KINDS.find((k) => k.fileName === name) ?? null;
}
