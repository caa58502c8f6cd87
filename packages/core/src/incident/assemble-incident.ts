// Everything `flakewarden incident` decides, from evidence the command already read (forensics §3.3, §4.5–§4.9,
// §7.1–§7.4). The command only reads files, hashes them and writes what this returns.
import { isPlainObject } from "../schemas/common.ts";
import type { LoadedText } from "../loaded-input.ts";
import { parseTimestamp } from "../timestamp.ts";
import { addBusinessDays, addMinutes } from "./clocks.ts";
import {
  jsonObjectOf,
  readDrill,
  readEntries,
  readNpm,
  readSuites,
  type DrillFact,
  type EvidenceError,
  type IncidentFile,
  type QuarantineFact,
} from "./evidence.ts";
import { overallGateStatus, reportVerdict, type ReportVerdictResult } from "./gate-report-verdict.ts";
import { DEFAULT_CONTRACT_ID, DEFAULT_REPRO_COMMANDS, type IncidentConfig } from "./incident-config.ts";
import { evaluatePostmortemCompletion, POSTMORTEM_REQUIREMENTS } from "./postmortem.ts";
import { rollbackSafetyChecks } from "./rollback-safety.ts";
import { INCIDENT_ROLES, levelOfQuarantineSeverity, mergeSeverityModel, SEVERITY_LEVELS, type SeverityLevel } from "./severity-model.ts";

export const TAG_PATTERN = /^v?[0-9]+\.[0-9]+\.[0-9]+(-[a-zA-Z0-9.]+)?$/;
const SECURITY_SCHEMA = "security-release-gate-report-v1";
const ESCALATION_LEVELS = ["critical", "high", "medium"] as const;
const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export interface ArtifactEntry {
  path: string;
  sha256: string;
  size_bytes: number;
  role: string;
}
export interface MissingArtifact {
  path: string;
  role: string;
}

export interface IncidentOutputPaths {
  traceability: string;
  rollback_guidance: string;
  incident_packet: string;
  postmortem: string;
  artifact_index: string;
}

export interface IncidentInputs {
  tag: string;
  now: number;
  severityFlag: SeverityLevel | null;
  config: IncidentConfig;
  /** The reactivation minimum the gate uses, to judge `reactivated` entries. */
  minReactivationRuns: number;
  securityPolicy: IncidentFile;
  gateReports: (IncidentFile & { sha256: string | null; size_bytes: number | null })[];
  dashboard: IncidentFile | null;
  manifest: IncidentFile | null;
  drill: { dir: string; summary: IncidentFile; bundle: IncidentFile } | null;
  npmOutcome: IncidentFile;
  npmActions: LoadedText & { path: string };
  /** Hashed inputs (the packet embeds these; the index adds the outputs). */
  inputArtifacts: { entries: ArtifactEntry[]; missing: MissingArtifact[] };
  outputs: IncidentOutputPaths;
  /** Problems the command found before core saw the evidence (an explicitly given file that is absent). */
  evidenceErrors: EvidenceError[];
}

const unique = (xs: string[]): string[] => [...new Set(xs)];
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compactStamp(now: number): string {
  return new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** Involved entries: open ones, reactivated ones without valid evidence, resolved ones whose suite is unstable again. */
function isInvolved(e: QuarantineFact, unstableSuites: Set<string>): boolean {
  if (e.status === "open") return true;
  if (e.status === "reactivated") return e.reactivation_valid === false;
  if (e.status === "resolved") return e.suite !== null && unstableSuites.has(e.suite);
  return false;
}

export function assembleIncident(input: IncidentInputs) {
  const { config, now } = input;
  const errors: EvidenceError[] = [...input.evidenceErrors];
  const nowIso = new Date(now).toISOString();
  const version = input.tag.replace(/^v/, "");
  const prerelease = version.includes("-");
  const channel = prerelease ? "prerelease" : "stable";
  const contractId = config.contract_id ?? DEFAULT_CONTRACT_ID;
  const beadId = config.bead_id ?? null;
  const model = mergeSeverityModel(config.severity_model);
  const incidentId = `inc-${input.tag}-${compactStamp(now)}`;

  // Gate reports and their verdicts.
  const reports = input.gateReports.map((r) => ({ file: r, result: reportVerdict(r.load) }));
  const gateStatus = overallGateStatus(reports.map((r) => r.result.verdict));
  const reportValue = (r: { file: IncidentFile }): Record<string, unknown> | null =>
    r.file.load.kind === "json" && isPlainObject(r.file.load.value) ? r.file.load.value : null;

  // Optional evidence.
  const suites = readSuites(input.dashboard, errors);
  const unstableNames = new Set(suites.filter((s) => s.unstable || s.failures > 0).map((s) => s.suite));
  const entries = readEntries(input.manifest, now, input.minReactivationRuns, errors);
  const involved = entries
    .filter((e) => isInvolved(e, unstableNames))
    .sort((a, b) => (SEVERITY_RANK[a.severity ?? ""] ?? 9) - (SEVERITY_RANK[b.severity ?? ""] ?? 9) || compare(a.id, b.id));
  const drill: DrillFact | null = input.drill === null ? null : readDrill(input.drill.dir, input.drill.summary, input.drill.bundle, errors);
  const npm = readNpm(input.npmOutcome, errors);
  const npmExists = input.npmOutcome.load.kind !== "missing";

  const unstableSuites = suites
    .filter((s) => unstableNames.has(s.suite))
    .sort((a, b) => compare(a.suite, b.suite))
    .map((s) => {
      const inManifestOrder = [...involved].sort((a, b) => a.index - b.index);
      const entry =
        inManifestOrder.find((e) => e.suite === s.suite) ?? entries.find((e) => e.suite === s.suite && (e.status === "open" || e.status === "resolved"));
      return {
        suite: s.suite,
        unstable: s.unstable,
        failures: s.failures,
        replay_command: s.replay_command ?? entry?.replay_command ?? null,
        fingerprint: s.fingerprint,
        quarantine_entry_id: entry?.id ?? null,
        trace_pointer: s.trace_pointer ?? entry?.trace_pointer ?? null,
      };
    });

  const drillFailed = drill !== null && drill.status !== "passed";
  const reproCommands = unique([
    ...(config.repro_commands ?? DEFAULT_REPRO_COMMANDS),
    ...(drill?.replay_command != null ? [drill.replay_command] : []),
    ...unstableSuites.flatMap((s) => (s.replay_command === null ? [] : [s.replay_command])),
    ...[...involved].sort((a, b) => compare(a.id, b.id)).flatMap((e) => (e.replay_command === null ? [] : [e.replay_command])),
  ]);
  const withoutReplay = [
    ...unstableSuites.filter((s) => s.replay_command === null).map((s) => `suite ${s.suite}`),
    ...involved.filter((e) => e.replay_command === null).map((e) => `entry ${e.id}`),
    ...(drillFailed && drill.replay_command === null ? [`drill ${drill.artifact_dir}`] : []),
  ];

  // Severity (§4.6): the most severe level with a reason wins.
  const failingChecks = reports.flatMap((r) => r.result.failing_checks.map((c) => ({ report: r.file.path, ...c })));
  const reasons: Record<SeverityLevel, string[]> = { sev_1: [], sev_2: [], sev_3: [] };
  for (const c of failingChecks) {
    if ((c.status === "fail" || c.status === "failed") && c.blocks_release === true && c.severity === "critical") {
      reasons.sev_1.push(`critical release-blocking check ${c.check_id} failed in ${c.report}`);
    }
  }
  for (const r of reports) if (r.result.schema_version === SECURITY_SCHEMA && r.result.verdict === "fail") reasons.sev_1.push(`security release gate failed: ${r.file.path}`);
  for (const e of involved) {
    if (e.severity === "critical") reasons.sev_1.push(`critical quarantine entry ${e.id} is ${e.status ?? "unknown"}`);
    if (e.severity === "high") reasons.sev_2.push(`high quarantine entry ${e.id} is ${e.status ?? "unknown"}`);
  }
  if (drill !== null && drill.failure_kinds.includes("determinism_mismatch") && !prerelease) {
    reasons.sev_1.push(`drill determinism mismatch on stable version ${version}`);
  } else if (drillFailed) reasons.sev_2.push(`drill failed: ${drill.failure_kinds.join(", ")}`);
  if (gateStatus === "fail") reasons.sev_2.push("gate status fail");
  reasons.sev_3.push(gateStatus === "warn" ? "gate status warn" : "no sev_1 or sev_2 trigger");
  const derived: SeverityLevel = reasons.sev_1.length > 0 ? "sev_1" : reasons.sev_2.length > 0 ? "sev_2" : "sev_3";
  const severity = input.severityFlag ?? derived;
  const severitySource = input.severityFlag === null ? "derived" : "flag";
  const protocol = model[severity];

  // Rollback safety.
  const uncaptured = reports.filter((r) => r.result.verdict === "missing" || r.result.verdict === "invalid").map((r) => ({ path: r.file.path, verdict: r.result.verdict }));
  const safetyChecks = rollbackSafetyChecks({
    npm: npm.fact,
    npmOutcomeExists: npmExists,
    npmOutcomeUnreadable: npm.unreadable,
    npmActions: input.npmActions,
    uncapturedReports: uncaptured,
    reproCommands,
    withoutReplay,
  });
  const safetyStatus = safetyChecks.some((c) => c.status === "fail") ? "fail" : "pass";

  // Security policy → traceability.
  const policyErrors: EvidenceError[] = [];
  const policy = jsonObjectOf(input.securityPolicy, policyErrors);
  let policyStatus: "ok" | "missing" | "invalid" = input.securityPolicy.load.kind === "missing" ? "missing" : policy === null ? "invalid" : "ok";
  const criteria: string[] = [];
  if (policy !== null) {
    if (!Array.isArray(policy.release_blocking_criteria)) policyStatus = "invalid";
    else {
      for (const c of policy.release_blocking_criteria) {
        if (isPlainObject(c) && typeof c.id === "string" && c.id.length > 0) criteria.push(c.id);
        else policyStatus = "invalid";
      }
    }
  }
  errors.push(...policyErrors);

  const gateReportRows = reports.map((r) => ({
    path: r.file.path,
    exists: r.result.exists,
    schema_version: r.result.schema_version,
    verdict: r.result.verdict,
    verdict_source: r.result.verdict_source,
    detail: r.result.detail,
    sha256: r.file.sha256,
    size_bytes: r.file.size_bytes,
    failing_checks: r.result.failing_checks,
  }));

  const traceability = {
    schema_version: "wasm-release-traceability-v1",
    contract_id: contractId,
    bead_id: beadId,
    workflow: config.workflow ?? null,
    version,
    tag: input.tag,
    prerelease,
    security_policy_file: input.securityPolicy.path,
    security_policy_status: policyStatus,
    release_blocking_criteria: criteria,
    required_gate_reports: input.gateReports.map((r) => r.path),
  };

  const safety = {
    schema_version: "wasm-rollback-safety-v1",
    generated_at_utc: nowIso,
    contract_id: contractId,
    bead_id: beadId,
    tag: input.tag,
    version,
    gate_status: gateStatus,
    required_gate_reports: input.gateReports.map((r) => r.path),
    missing_gate_reports: reports.filter((r) => r.result.verdict === "missing").map((r) => r.file.path),
    gate_reports: gateReportRows,
    rollback_safety_checks: safetyChecks,
    rollback_safety_status: safetyStatus,
    severity,
    severity_source: severitySource,
    deterministic_repro_commands: reproCommands,
    artifact_pointers: {
      traceability: input.outputs.traceability,
      rollback_guidance: input.outputs.rollback_guidance,
      incident_packet: input.outputs.incident_packet,
      postmortem: input.outputs.postmortem,
      artifact_index: input.outputs.artifact_index,
      npm_rollback_outcome: npmExists ? input.npmOutcome.path : null,
    },
  };

  // Who to page: entry owners, the security report's escalation routing, configured owners.
  const pages = new Map<string, string[]>();
  const page = (owner: string, reason: string): void => {
    const list = pages.get(owner) ?? [];
    if (!list.includes(reason)) list.push(reason);
    pages.set(owner, list);
  };
  for (const e of involved) if (e.owner !== null) page(e.owner, `quarantine entry ${e.id} (${e.severity ?? "unknown"}, ${e.status ?? "unknown"})`);
  for (const r of reports) {
    const value = reportValue(r);
    if (value === null || r.result.schema_version !== SECURITY_SCHEMA || !isPlainObject(value.escalation)) continue;
    const escalation = value.escalation;
    for (const c of r.result.failing_checks) {
      if (c.status !== "fail" && c.status !== "failed") continue;
      const level = ESCALATION_LEVELS.find((l) => l === c.severity);
      if (level === undefined) continue;
      const findings = escalation[`${level}_findings`];
      const routing = isPlainObject(findings) ? findings.owner_routing : undefined;
      for (const owner of ownerList(routing)) page(owner, `${r.file.path}: ${c.check_id} (${level})`);
    }
  }
  for (const [key, owners] of Object.entries(config.owners ?? {})) {
    const hit = reports.some((r) => r.result.verdict !== "pass" && (r.file.path === key || r.result.schema_version === key));
    if (hit) for (const owner of ownerList(owners)) page(owner, `configured for ${key}`);
  }
  const ownersToPage = [...pages.keys()].sort(compare).map((owner) => ({ owner, reasons: pages.get(owner) ?? [] }));

  const postmortemDue = protocol.postmortem_due_business_days === null ? null : addBusinessDays(now, protocol.postmortem_due_business_days);
  const slaClocks = {
    ack_due_utc: addMinutes(now, protocol.initial_ack_sla_minutes),
    first_update_due_utc: addMinutes(now, protocol.update_interval_minutes),
    postmortem_due_utc: postmortemDue,
    quarantine: involved.filter((e) => e.sla !== null).map((e) => ({ entry_id: e.id, ...(e.sla as NonNullable<typeof e.sla>) })),
  };

  const npmSummary =
    npm.fact === null
      ? null
      : {
          status: npm.fact.status,
          rollback_version: npm.fact.rollback_version,
          npm_tag: npm.fact.npm_tag,
          action_count: typeof npm.fact.action_count === "number" ? npm.fact.action_count : null,
          all_verified: npm.fact.all_verified,
        };
  const triggering = reports.filter((r) => r.result.verdict !== "pass");

  const packet = {
    schema_version: "wasm-release-incident-response-v1",
    generated_at_utc: nowIso,
    contract_id: contractId,
    bead_id: beadId,
    communication_protocol: Object.fromEntries(SEVERITY_LEVELS.map((l) => [l, model[l]])),
    roles: INCIDENT_ROLES,
    artifact_revocation_strategy: {
      npm_dist_tag_rollback_command_template: "npm dist-tag add <package>@<known-good-version> <tag>",
      required_artifacts: [input.npmActions.path, input.npmOutcome.path],
      stable_channel_action: "demote stable->canary and freeze promotion until remediation bead is active",
      principles: [
        "keep the bad build immutable as evidence",
        "move dist-tags, never republish a version",
        "mark the release revoked in the incident record",
        "lift the rollback only after every gate passes again",
      ],
    },
    postmortem_requirements: [...POSTMORTEM_REQUIREMENTS],
    incident: {
      incident_id: incidentId,
      declared_at_utc: nowIso,
      tag: input.tag,
      version,
      prerelease,
      channel,
      severity,
      severity_source: severitySource,
      derived_severity: derived,
      severity_reasons: [...reasons[derived]].sort(compare),
      gate_status: gateStatus,
      trigger: { failing_gate_reports: triggering.map((r) => r.file.path) },
    },
    evidence: {
      failing_checks: failingChecks.map((c) => ({
        report: c.report,
        check_id: c.check_id,
        status: c.status,
        detail: c.detail,
        severity: c.severity,
        blocks_release: c.blocks_release,
      })),
      unstable_suites: unstableSuites,
      quarantine_entries: involved.map((e) => ({
        id: e.id,
        suite: e.suite,
        severity: e.severity,
        status: e.status,
        owner: e.owner,
        opened_at_utc: e.opened_at_utc,
        sla_hours: e.sla_hours,
        replay_command: e.replay_command,
        trace_pointer: e.trace_pointer,
        sla: e.sla,
        reactivation_valid: e.reactivation_valid,
      })),
      drill:
        drill === null
          ? null
          : {
              artifact_dir: drill.artifact_dir,
              status: drill.status,
              seed: drill.seed,
              replay_command: drill.replay_command,
              failure_kinds: drill.failure_kinds,
              scenarios: drill.scenarios,
            },
      npm_rollback: npmSummary,
    },
    owners_to_page: ownersToPage,
    sla_clocks: slaClocks,
    artifact_index: input.inputArtifacts,
    evidence_errors: errors,
  };

  // Postmortem timeline: only sources with a parsable, offset-bearing time.
  const timeline: { ts: string; event: string; data_link: string }[] = [];
  const addRow = (raw: unknown, event: string, link: string): void => {
    const ms = parseTimestamp(raw);
    if (ms !== null) timeline.push({ ts: new Date(ms).toISOString(), event, data_link: link });
  };
  for (const r of reports) addRow(reportValue(r)?.generated_at_utc, `gate report generated (verdict ${r.result.verdict})`, r.file.path);
  for (const e of involved) addRow(e.opened_at_utc, `quarantine entry ${e.id} opened`, `${input.manifest?.path ?? ""}#entries[${e.index}]`);
  if (drill !== null && input.drill !== null) addRow(drill.ended_ts, `drill ended (${drill.status ?? "unknown"})`, input.drill.summary.path);
  if (npm.fact !== null) addRow(npm.fact.generated_at_utc, `npm rollback ${npm.fact.status ?? "unknown"}`, input.npmOutcome.path);
  addRow(nowIso, "incident declared", input.outputs.incident_packet);
  timeline.sort((a, b) => compare(a.ts, b.ts) || compare(a.event, b.event));

  const draft: Record<string, unknown> = {
    schema_version: "flakewarden-postmortem-v1",
    incident_id: incidentId,
    status: "draft",
    severity,
    generated_at_utc: nowIso,
    title: `Release ${input.tag} incident (${severity})`,
    summary: null,
    due_utc: postmortemDue,
    incident_timeline_utc: timeline,
    triggering_gate_and_evidence_links: triggering.map((r) => ({
      gate_report: r.file.path,
      verdict: r.result.verdict,
      sha256: r.file.sha256,
      failing_checks: r.result.failing_checks.map((c) => c.check_id),
    })),
    exact_repro_commands: reproCommands,
    rollback_actions_and_verification_results: npmSummary,
    owner_assigned_follow_up_bead: { owner: null, ref: null },
    impact: { affected_versions: [version], affected_tags: [input.tag], channel, users_affected: null },
    root_cause: { summary: null, expanded: null },
    contributing_factors: [],
    detection: { notes: null },
    where_we_got_lucky: null,
    corrective_actions: [],
    prevention_checks: [],
    linked_remediation_refs: [],
    rollback_lifted_via_gate: { lifted: false, evidence: null },
    went_well: [],
    went_wrong: [],
  };
  const postmortem = { ...draft, completion: evaluatePostmortemCompletion(draft) };

  return {
    traceability,
    safety,
    packet,
    postmortem,
    /** Local trace pointers of involved entries, for the command to hash (remote ones go to `missing`). */
    tracePointers: unique(involved.flatMap((e) => (e.trace_pointer === null ? [] : [e.trace_pointer]))),
    npmFact: npm.fact,
    strictFailure: gateStatus === "fail" || safetyStatus === "fail",
  };
}

export type IncidentAssembly = ReturnType<typeof assembleIncident>;

function ownerList(value: unknown): string[] {
  if (typeof value === "string" && value.length > 0) return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.length > 0);
  return [];
}
