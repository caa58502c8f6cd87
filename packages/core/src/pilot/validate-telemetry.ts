// Telemetry validation (pilot.md §4.1): all-or-nothing, every problem with its JSON path, in the
// order the spec fixes, before any evaluation.
import { show } from "../format.ts";
import {
  PILOT_FRAMEWORKS,
  PILOT_PROFILE_FAMILIES,
  PILOT_THRESHOLD_KINDS,
  type PilotFramework,
  type PilotPolicy,
  type PilotProfileFamily,
  type PilotThresholdKind,
} from "../schemas/pilot-policy.ts";
import { PILOT_NUMERIC_STRING_RE, type PilotEvent } from "../schemas/pilot-telemetry.ts";
import { childPath, jsonTypeName, nonFiniteProblems, own, type PilotProblem } from "./json-path.ts";
import { NonFinite, isPilotObject, type PilotJson, type PilotJsonObject } from "./pilot-json.ts";
import { policyThreshold } from "./validate-policy.ts";

export interface PilotTelemetry {
  events: PilotEvent[];
  /** Echoed into the summary; null when absent or for a bare-array input. */
  seed: PilotJson;
  /** The input-level `parity_tolerance_pct_default`, or null. */
  toleranceDefault: number | null;
}

export type PilotTelemetryResult = { ok: true; value: PilotTelemetry } | { ok: false; problems: PilotProblem[] };

/** The 13 fields the original required, sorted for the `missing fields` line. */
const REQUIRED_FIELDS = [
  "capability_surface",
  "framework",
  "owner_route",
  "profile_family",
  "remediation_pointer",
  "replay_command",
  "scenario_id",
  "signal_name",
  "signal_source",
  "signal_value",
  "threshold_kind",
  "threshold_value",
  "trace_pointer",
] as const;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const MSG = {
  topLevel: "telemetry input must be an object with an events array, or an array of events",
  events: "telemetry input must contain an events array",
  object: "must be an object",
  missing: (fields: string[]) => `missing fields: ${fields.join(",")}`,
  together: "threshold_kind and threshold_value must be given together",
  string: (v: PilotJson) => `must be a string (got ${jsonTypeName(v)})`,
  framework: (v: string) => `unsupported framework: ${show(v)} (expected next, react or vanilla)`,
  family: (v: string) => `unsupported profile_family: ${show(v)} (expected native or wasm)`,
  kind: (v: string) => `threshold_kind must be max|min (got ${show(v)})`,
  numeric: "must be numeric",
  nonBlank: "must be a non-blank string",
  scenario: "must be a non-blank string or an integer",
  tolerance: "must be a non-negative finite number or numeric string",
  bigInteger: "integers beyond 2^53-1 must be given as strings",
} as const;

function isNonBlank(v: PilotJson | undefined): v is string {
  return typeof v === "string" && /\S/.test(v);
}

/** A tolerance value (§3.1): a finite number ≥ 0, or a numeric string whose value is one. */
export function parseTolerance(v: PilotJson): number | null {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && PILOT_NUMERIC_STRING_RE.test(v.trim())) n = Number(v.trim());
  else return null;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function numericValue(v: PilotJson): number | null {
  if (typeof v === "boolean") return v ? 1 : 0;
  return typeof v === "number" ? v : null;
}

/** scenario_id: a non-blank string as is, or an integer within ±(2^53−1) in decimal. */
function scenarioId(v: PilotJson): string | null {
  if (isNonBlank(v)) return v;
  if (typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= MAX_SAFE) return String(v === 0 ? 0 : v);
  return null;
}

/** Integers beyond the double's exact range, anywhere in the seed. */
function seedProblems(seed: PilotJson, path: string, out: PilotProblem[]): void {
  const stack: { value: PilotJson; path: string }[] = [{ value: seed, path }];
  while (stack.length > 0) {
    const { value, path: at } = stack.pop()!;
    if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) > MAX_SAFE) out.push({ path: at, message: MSG.bigInteger });
    else if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i]!, path: childPath(at, i) });
    else if (isPilotObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: value[keys[i]!]!, path: childPath(at, keys[i]!) });
    }
  }
}

type Draft = Partial<Omit<PilotEvent, "threshold_source">>;

/** Problems (4) of §4.1: one per present field, in the table order of §3.1. */
function fieldProblems(event: PilotJsonObject, path: string, draft: Draft): PilotProblem[] {
  const problems: PilotProblem[] = [];
  const at = (field: string, message: string): void => {
    problems.push({ path: childPath(path, field), message });
  };
  const field = (name: string): PilotJson | undefined => {
    const v = own(event, name);
    // Non-finite values were reported in phase 0 and get no second problem.
    return v instanceof NonFinite ? undefined : v;
  };
  const text = (name: "signal_source" | "capability_surface" | "remediation_pointer"): void => {
    const v = field(name);
    if (v === undefined) return;
    if (typeof v === "string") draft[name] = v.trim();
    else at(name, MSG.string(v));
  };
  const routing = (name: "owner_route" | "replay_command" | "trace_pointer" | "signal_name"): void => {
    const v = field(name);
    if (v === undefined) return;
    if (isNonBlank(v)) draft[name] = v.trim();
    else at(name, MSG.nonBlank);
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], message: (v: string) => string): T | undefined => {
    const v = field(name);
    if (v === undefined) return undefined;
    if (typeof v !== "string") {
      at(name, MSG.string(v));
      return undefined;
    }
    const normalised = v.trim().toLowerCase();
    if ((allowed as readonly string[]).includes(normalised)) return normalised as T;
    at(name, message(normalised));
    return undefined;
  };
  const numeric = (name: "signal_value" | "threshold_value"): void => {
    const v = field(name);
    if (v === undefined) return;
    const n = numericValue(v);
    if (n === null) at(name, MSG.numeric);
    else draft[name] = n;
  };

  const sid = field("scenario_id");
  if (sid !== undefined) {
    const id = scenarioId(sid);
    if (id === null) at("scenario_id", MSG.scenario);
    else draft.scenario_id = id;
  }
  const fw = choice<PilotFramework>("framework", PILOT_FRAMEWORKS, MSG.framework);
  if (fw !== undefined) draft.framework = fw;
  const family = choice<PilotProfileFamily>("profile_family", PILOT_PROFILE_FAMILIES, MSG.family);
  if (family !== undefined) draft.profile_family = family;
  routing("signal_name");
  text("signal_source");
  numeric("signal_value");
  const kind = choice<PilotThresholdKind>("threshold_kind", PILOT_THRESHOLD_KINDS, MSG.kind);
  if (kind !== undefined) draft.threshold_kind = kind;
  numeric("threshold_value");
  text("capability_surface");
  routing("owner_route");
  routing("replay_command");
  routing("trace_pointer");
  text("remediation_pointer");
  const tol = field("parity_tolerance_pct");
  if (tol !== undefined) {
    const n = parseTolerance(tol);
    if (n === null) at("parity_tolerance_pct", MSG.tolerance);
    else draft.parity_tolerance_pct = n;
  }
  return problems;
}

function validateEvent(value: PilotJson, path: string, policy: PilotPolicy | null): { problems: PilotProblem[]; event: PilotEvent | null } {
  if (value instanceof NonFinite) return { problems: [], event: null };
  if (!isPilotObject(value)) return { problems: [{ path, message: MSG.object }], event: null };
  const problems: PilotProblem[] = [];
  const rawFw = own(value, "framework");
  const rawSignal = own(value, "signal_name");
  // The policy lookup uses the normalised framework and trimmed signal, as evaluation will (§4.2).
  const fallback = policyThreshold(
    policy,
    typeof rawFw === "string" ? rawFw.trim().toLowerCase() : "",
    typeof rawSignal === "string" ? rawSignal.trim() : "",
  );
  const hasKind = Object.hasOwn(value, "threshold_kind");
  const hasValue = Object.hasOwn(value, "threshold_value");
  const missing = REQUIRED_FIELDS.filter((f) => {
    if (Object.hasOwn(value, f)) return false;
    return !((f === "threshold_kind" || f === "threshold_value") && fallback !== null);
  });
  if (missing.length > 0) problems.push({ path, message: MSG.missing(missing) });
  if (fallback !== null && hasKind !== hasValue) problems.push({ path, message: MSG.together });
  const draft: Draft = { parity_tolerance_pct: null };
  problems.push(...fieldProblems(value, path, draft));
  if (problems.length > 0) return { problems, event: null };
  // Validation passed: every required field is in the draft, and the threshold is complete.
  const fromEvent = hasKind && hasValue;
  const threshold = fromEvent ? { kind: draft.threshold_kind!, value: draft.threshold_value! } : fallback!;
  const event: PilotEvent = {
    scenario_id: draft.scenario_id!,
    framework: draft.framework!,
    profile_family: draft.profile_family!,
    signal_name: draft.signal_name!,
    signal_source: draft.signal_source!,
    signal_value: draft.signal_value!,
    threshold_kind: threshold.kind,
    threshold_value: threshold.value,
    threshold_source: fromEvent ? "event" : "policy",
    capability_surface: draft.capability_surface!,
    owner_route: draft.owner_route!,
    replay_command: draft.replay_command!,
    trace_pointer: draft.trace_pointer!,
    remediation_pointer: draft.remediation_pointer!,
    parity_tolerance_pct: draft.parity_tolerance_pct ?? null,
  };
  return { problems: [], event };
}

export function validatePilotTelemetry(doc: PilotJson, policy: PilotPolicy | null): PilotTelemetryResult {
  const problems = nonFiniteProblems(doc);
  let events: PilotJson[] | null = null;
  let eventsPath = "$";
  let seed: PilotJson = null;
  let toleranceDefault: number | null = null;
  if (Array.isArray(doc)) {
    events = doc;
  } else if (isPilotObject(doc)) {
    const ev = own(doc, "events");
    eventsPath = "$.events";
    if (Array.isArray(ev)) events = ev;
    else if (!(ev instanceof NonFinite)) problems.push({ path: "$.events", message: MSG.events });
    const s = own(doc, "seed");
    if (s !== undefined) {
      seedProblems(s, "$.seed", problems);
      seed = s;
    }
    const tol = own(doc, "parity_tolerance_pct_default");
    if (tol !== undefined && !(tol instanceof NonFinite)) {
      toleranceDefault = parseTolerance(tol);
      if (toleranceDefault === null) problems.push({ path: "$.parity_tolerance_pct_default", message: MSG.tolerance });
    }
  } else if (!(doc instanceof NonFinite)) {
    problems.push({ path: "$", message: MSG.topLevel });
  }
  const valid: PilotEvent[] = [];
  if (events !== null) {
    events.forEach((value, i) => {
      const r = validateEvent(value, childPath(eventsPath, i), policy);
      problems.push(...r.problems);
      if (r.event !== null) valid.push(r.event);
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { events: valid, seed, toleranceDefault } };
}
