// Pilot policy validation (pilot.md §3.2): every problem with its JSON path into the policy file.
import type * as z from "zod";
import { PilotPolicy } from "../schemas/pilot-policy.ts";
import { childPath, nonFiniteProblems, type PilotProblem } from "./json-path.ts";
import { NonFinite, isPilotObject, type PilotJson } from "./pilot-json.ts";

export type PilotPolicyResult = { ok: true; value: PilotPolicy } | { ok: false; problems: PilotProblem[] };

function toPlain(value: PilotJson): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof NonFinite) return Number.NaN;
  if (isPilotObject(value)) {
    // Own data properties on an ordinary object: `__proto__` stays a key, never the prototype.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: toPlain(value[key]!), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

function pathOf(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, s) => childPath(acc, typeof s === "number" ? s : String(s)), "$");
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value" && issue.path.length === 1 && issue.path[0] === "schema_version") {
    return `must be "flakewarden-pilot-policy-v1"`;
  }
  return issue.message;
}

export function validatePilotPolicy(doc: PilotJson): PilotPolicyResult {
  const nonFinite = nonFiniteProblems(doc);
  if (nonFinite.length > 0) return { ok: false, problems: nonFinite };
  if (!isPilotObject(doc)) return { ok: false, problems: [{ path: "$", message: "policy must be an object" }] };
  const parsed = PilotPolicy.safeParse(toPlain(doc));
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: PilotProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.push({ path: pathOf([...issue.path, key]), message: "unknown key" });
    } else {
      problems.push({ path: pathOf(issue.path), message: messageOf(issue) });
    }
  }
  return { ok: false, problems };
}

/** The policy threshold for a (normalised framework, trimmed signal), framework entry first. */
export function policyThreshold(policy: PilotPolicy | null, framework: string, signal: string): { kind: "max" | "min"; value: number } | null {
  if (policy === null) return null;
  const fw = policy.frameworks !== undefined && Object.hasOwn(policy.frameworks, framework) ? policy.frameworks[framework as "next"] : undefined;
  const local = fw?.thresholds;
  if (local !== undefined && Object.hasOwn(local, signal)) return local[signal]!;
  const global = policy.thresholds;
  if (global !== undefined && Object.hasOwn(global, signal)) return global[signal]!;
  return null;
}
