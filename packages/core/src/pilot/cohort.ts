// `pilot cohort` (pilot.md §3.5, §4.10): validate the candidate list, then score each candidate.
import { compareCodePoints } from "../canonical-json.ts";
import {
  PILOT_ALLOWED_PROFILES,
  PILOT_COHORT_SCHEMA,
  PILOT_DEFERRED_CAPABILITIES,
  type PilotCohortEvaluation,
  type PilotCohortResult,
  type PilotIntakeLine,
} from "../schemas/pilot-cohort.ts";
import { PILOT_FRAMEWORKS } from "../schemas/pilot-policy.ts";
import { childPath, jsonTypeName, nonFiniteProblems, own, type PilotProblem } from "./json-path.ts";
import { NonFinite, isPilotObject, type PilotJson } from "./pilot-json.ts";

/** A candidate after validation, defaults applied (§3.5). */
export interface PilotCandidate {
  candidate_id: string;
  profile: string;
  frameworks: string[];
  requested_capabilities: string[];
  has_replay_pipeline: boolean;
  has_ci: boolean;
  security_owner: boolean;
  support_contact: boolean;
  pilot_window_days: number;
}

export type PilotCohortInputResult = { ok: true; value: PilotCandidate[] } | { ok: false; problems: PilotProblem[] };

const DAYS_RE = /^\s*[+-]?\d+\s*$/;

/** Python truthiness of a JSON value, which the original used for the four flags. */
export function jsonTruthy(value: PilotJson | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPilotObject(value)) return Object.keys(value).length > 0;
  return true;
}

function got(value: PilotJson): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null) {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
  }
  return jsonTypeName(value);
}

function stringList(value: PilotJson, path: string, problems: PilotProblem[]): string[] {
  if (!Array.isArray(value)) {
    problems.push({ path, message: `must be an array of strings (got ${jsonTypeName(value)})` });
    return [];
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (item instanceof NonFinite) return;
    if (typeof item === "string") out.push(item);
    else problems.push({ path: childPath(path, i), message: `must be a string (got ${jsonTypeName(item)})` });
  });
  return out;
}

function validateCandidate(value: PilotJson, path: string, problems: PilotProblem[]): PilotCandidate | null {
  if (value instanceof NonFinite) return null;
  if (!isPilotObject(value)) {
    problems.push({ path, message: "must be an object" });
    return null;
  }
  const before = problems.length;
  const field = (name: string): PilotJson | undefined => {
    const v = own(value, name);
    return v instanceof NonFinite ? undefined : v;
  };
  const at = (name: string): string => childPath(path, name);

  let candidate_id = "unknown";
  const id = field("candidate_id");
  if (typeof id === "string") candidate_id = id;
  else if (typeof id === "number" && Number.isInteger(id) && Math.abs(id) <= Number.MAX_SAFE_INTEGER) candidate_id = String(id === 0 ? 0 : id);
  else if (id !== undefined && id !== null) problems.push({ path: at("candidate_id"), message: `must be a string or an integer (got ${got(id)})` });

  let profile = "";
  const p = field("profile");
  if (typeof p === "string") profile = p;
  else if (p !== undefined) problems.push({ path: at("profile"), message: `must be a string (got ${jsonTypeName(p)})` });

  const fws = field("frameworks");
  const frameworks = fws === undefined ? [] : stringList(fws, at("frameworks"), problems);
  const caps = field("requested_capabilities");
  const requested_capabilities = caps === undefined ? [] : stringList(caps, at("requested_capabilities"), problems);

  let pilot_window_days = 0;
  const days = field("pilot_window_days");
  if (typeof days === "number") pilot_window_days = Math.trunc(days);
  else if (typeof days === "string" && DAYS_RE.test(days)) pilot_window_days = Number(days.trim());
  else if (days !== undefined) {
    problems.push({ path: at("pilot_window_days"), message: `must be a number or an integer string (got ${got(days)})` });
  }
  if (problems.length > before) return null;
  return {
    candidate_id,
    profile,
    frameworks,
    requested_capabilities,
    has_replay_pipeline: jsonTruthy(own(value, "has_replay_pipeline")),
    has_ci: jsonTruthy(own(value, "has_ci")),
    security_owner: jsonTruthy(own(value, "security_owner")),
    support_contact: jsonTruthy(own(value, "support_contact")),
    pilot_window_days: pilot_window_days === 0 ? 0 : pilot_window_days,
  };
}

export function validatePilotCohort(doc: PilotJson): PilotCohortInputResult {
  const problems = nonFiniteProblems(doc);
  if (!Array.isArray(doc)) {
    if (!(doc instanceof NonFinite)) problems.push({ path: "$", message: "input JSON must be an array of candidate objects" });
    return { ok: false, problems };
  }
  const candidates: PilotCandidate[] = [];
  doc.forEach((value, i) => {
    const c = validateCandidate(value, childPath("$", i), problems);
    if (c !== null) candidates.push(c);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: candidates };
}

const PROFILE_POINTS: Readonly<Record<string, number>> = { "FP-BR-DEV": 30, "FP-BR-DET": 30, "FP-BR-PROD": 20, "FP-BR-MIN": 20 };

export function normaliseFrameworks(frameworks: readonly string[]): string[] {
  const set = new Set(frameworks.map((f) => f.trim().toLowerCase()).filter((f) => f !== ""));
  return [...set].sort(compareCodePoints);
}

export function evaluateCandidate(c: PilotCandidate): PilotCohortResult {
  const selected = normaliseFrameworks(c.frameworks);
  const known: readonly string[] = PILOT_FRAMEWORKS;
  const deferred: readonly string[] = PILOT_DEFERRED_CAPABILITIES;
  const exclusions: string[] = [];
  if (!(PILOT_ALLOWED_PROFILES as readonly string[]).includes(c.profile)) exclusions.push("profile_not_allowed");
  const unsupported = selected.filter((f) => !known.includes(f));
  if (unsupported.length > 0) exclusions.push(`unsupported_frameworks:${unsupported.join(",")}`);
  if (selected.length === 0) exclusions.push("no_framework_selected");
  if (c.requested_capabilities.some((cap) => deferred.includes(cap.trim().toLowerCase()))) exclusions.push("requested_deferred_surface");
  exclusions.sort(compareCodePoints);

  const warnings: PilotCohortResult["warning_flags"] = [];
  if (!c.has_ci) warnings.push("missing_ci");
  if (!c.has_replay_pipeline) warnings.push("missing_replay_pipeline");
  if (!c.support_contact) warnings.push("missing_support_contact");

  let raw = Object.hasOwn(PROFILE_POINTS, c.profile) ? PROFILE_POINTS[c.profile]! : 0;
  raw += selected.filter((f) => known.includes(f)).length * 10;
  if (c.has_replay_pipeline) raw += 15;
  if (c.has_ci) raw += 10;
  if (c.security_owner) raw += 10;
  if (c.support_contact) raw += 5;
  if (c.pilot_window_days >= 7 && c.pilot_window_days <= 30) raw += 10;
  else if (c.pilot_window_days > 30) raw += 5;
  const score = Math.min(raw, 100);

  const eligible = exclusions.length === 0;
  let risk_tier: PilotCohortResult["risk_tier"];
  if (!eligible) risk_tier = "high";
  else if (!c.has_replay_pipeline || c.profile === "FP-BR-PROD") risk_tier = "medium";
  else risk_tier = score >= 70 ? "low" : "medium";

  return {
    candidate_id: c.candidate_id,
    profile: c.profile,
    eligible,
    score,
    risk_tier,
    exclusion_reasons: exclusions,
    warning_flags: warnings,
    selected_frameworks: selected,
  };
}

export function evaluatePilotCohort(candidates: readonly PilotCandidate[], generatedAt: string): PilotCohortEvaluation {
  const results = candidates.map(evaluateCandidate);
  return {
    schema: PILOT_COHORT_SCHEMA,
    generated_at: generatedAt,
    candidate_count: results.length,
    eligible_count: results.filter((r) => r.eligible).length,
    results,
  };
}

export function pilotIntakeRecords(evaluation: PilotCohortEvaluation, sourceFile: string): PilotIntakeLine[] {
  return evaluation.results.map((r) => ({
    ts: evaluation.generated_at,
    event: "pilot_intake_evaluation",
    source_file: sourceFile,
    candidate_id: r.candidate_id,
    profile: r.profile,
    eligible: r.eligible,
    score: r.score,
    risk_tier: r.risk_tier,
    exclusion_reasons: r.exclusion_reasons,
    warning_flags: r.warning_flags,
    frameworks: r.selected_frameworks,
  }));
}
