// WG-POLICY: is the policy itself usable? (gate.md §4.3)
import { isPlainObject, present } from "../schemas/common.ts";
import {
  POLICY_FIELDS,
  POLICY_SCHEMA_VERSION,
  POLICY_SECTIONS,
  SLA_TARGET_REASON,
  type ResolvedPolicy,
} from "../schemas/policy.ts";
import { SEVERITIES, PositiveInteger } from "../schemas/common.ts";
import { finding, resultOf, type CheckResult, type Finding } from "./finding.ts";

export const POLICY_PASS = "policy schema and required sections validated";

export interface PolicyCheck {
  result: CheckResult;
  findings: Finding[];
  /** Defaults applied; null when any finding. */
  policy: ResolvedPolicy | null;
}

export function checkPolicy(raw: Record<string, unknown>): PolicyCheck {
  const findings: Finding[] = [];
  const required = ["schema_version", ...POLICY_SECTIONS];
  const missing = required.filter((k) => !present(raw[k])).sort();
  if (missing.length > 0) {
    const names = missing.join(", ");
    findings.push(finding("WG-POLICY-001", `missing required policy keys: ${names}`, { subject: names }));
  }
  if (present(raw.schema_version) && raw.schema_version !== POLICY_SCHEMA_VERSION) {
    findings.push(finding("WG-POLICY-002", `schema_version must be ${POLICY_SCHEMA_VERSION}`, { path: "schema_version" }));
  }
  const detection = raw.detection;
  if (isPlainObject(detection)) {
    const suites = detection.required_suites;
    if (!Array.isArray(suites) || suites.length === 0) {
      findings.push(
        finding("WG-POLICY-003", "detection.required_suites must be a non-empty list", { path: "detection.required_suites" }),
      );
    }
  }
  const thresholds = raw.quality_thresholds;
  if (isPlainObject(thresholds)) {
    const absent = POLICY_FIELDS.quality_thresholds.map((r) => r.key).filter((k) => !present(thresholds[k]));
    if (absent.length > 0) {
      findings.push(
        finding("WG-POLICY-004", "quality_thresholds missing required fields", { subject: absent.join(", "), path: "quality_thresholds" }),
      );
    }
  }
  findings.push(...fieldFindings(raw));
  const result = resultOf("WG-POLICY", POLICY_PASS, findings);
  return { result, findings, policy: findings.length === 0 ? resolvePolicy(raw) : null };
}

function invalid(path: string, reason: string): Finding {
  return finding("WG-POLICY-005", `policy field invalid: ${path}: ${reason}`, { path });
}

function fieldFindings(raw: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  for (const name of POLICY_SECTIONS) {
    const sectionValue = raw[name];
    if (!present(sectionValue)) continue;
    if (!isPlainObject(sectionValue)) {
      out.push(invalid(name, "must be an object"));
      continue;
    }
    if (name === "sla_targets_hours") {
      for (const [key, value] of Object.entries(sectionValue)) {
        if (!(SEVERITIES as readonly string[]).includes(key)) out.push(invalid(`${name}.${key}`, "unknown severity"));
        else if (present(value) && !PositiveInteger.safeParse(value).success) out.push(invalid(`${name}.${key}`, SLA_TARGET_REASON));
      }
      continue;
    }
    for (const rule of POLICY_FIELDS[name]) {
      const value = sectionValue[rule.key];
      if (!present(value)) continue;
      // A required_suites that is not a non-empty array is WG-POLICY-003's alone.
      if (name === "detection" && rule.key === "required_suites" && (!Array.isArray(value) || value.length === 0)) continue;
      if (!rule.schema.safeParse(value).success) out.push(invalid(`${name}.${rule.key}`, rule.reason));
    }
  }
  return out;
}

/**
 * The validated policy with the §3.1 defaults applied from the same field tables the schema is
 * built from (null counts as absent). Only called once every field passed its schema above, so
 * no second zod parse is needed on the gate's hot start-up path.
 */
function resolvePolicy(raw: Record<string, unknown>): ResolvedPolicy {
  const out: Record<string, unknown> = { ...raw };
  for (const [name, rules] of Object.entries(POLICY_FIELDS)) {
    const section: Record<string, unknown> = { ...(raw[name] as Record<string, unknown>) };
    for (const rule of rules) {
      if (!present(section[rule.key]) && rule.fallback !== undefined) section[rule.key] = structuredClone(rule.fallback);
    }
    out[name] = section;
  }
  const targets = raw.sla_targets_hours as Record<string, unknown>;
  out.sla_targets_hours = Object.fromEntries(Object.entries(targets).filter(([, v]) => present(v)));
  return out as unknown as ResolvedPolicy;
}
