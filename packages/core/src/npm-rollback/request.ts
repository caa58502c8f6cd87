// The validated inputs of `rollback npm`. Validation is pure: it returns the first problem
// instead of throwing, and the command turns it into its exit-2 line.
import { parseSemver } from "./semver.ts";

export interface RollbackRequestInput {
  packages: string[];
  to: string | undefined;
  tag: string;
  reason: string | undefined;
  registry: string | undefined;
  deprecate: string | undefined;
  otp: string | undefined;
}

export interface RollbackRequest {
  /** Given order, repeats dropped. */
  packages: string[];
  to: string;
  tag: string;
  reason: string;
  registry: string | null;
  deprecate: string | null;
  otp: string | null;
}

export type RequestProblem =
  | { kind: "missing"; flag: string }
  | { kind: "no_packages" }
  | { kind: "bad_version"; flag: string; value: string }
  | { kind: "deprecate_is_target"; value: string }
  | { kind: "bad_package"; value: string }
  | { kind: "bad_tag"; value: string }
  | { kind: "bad_reason"; problem: string }
  | { kind: "bad_registry"; value: string }
  | { kind: "bad_otp" };

export type RequestValidation = { ok: true; value: RollbackRequest } | { ok: false; problem: RequestProblem };

const PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const TAG = /^[A-Za-z][A-Za-z0-9._-]*$/;
// C0, DEL and C1 controls: a reason becomes one line of an actions file and a deprecation message.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
export const REASON_MAX_CODE_POINTS = 1000;

export function isValidPackageName(name: string): boolean {
  return name.length <= 214 && PACKAGE_NAME.test(name);
}

/** Tags npm would read as a version or range are refused, so `dist-tag add` cannot be misread. */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag) && tag !== "x" && tag !== "X" && !/^[vV][0-9]/.test(tag) && !/^[xX]\./.test(tag);
}

/** The reason rule of `rollback npm`: the problem, or null when the reason is acceptable. */
export function reasonProblem(reason: string): string | null {
  if (reason.trim() === "") return "must not be empty";
  if ([...reason].length > REASON_MAX_CODE_POINTS) return `longer than ${REASON_MAX_CODE_POINTS} characters`;
  if (CONTROL.test(reason)) return "contains a control character";
  return null;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export function validateRollbackRequest(input: RollbackRequestInput): RequestValidation {
  const fail = (problem: RequestProblem): RequestValidation => ({ ok: false, problem });
  if (input.to === undefined) return fail({ kind: "missing", flag: "--to" });
  if (input.reason === undefined) return fail({ kind: "missing", flag: "--reason" });
  if (parseSemver(input.to) === null) return fail({ kind: "bad_version", flag: "--to", value: input.to });
  if (input.deprecate !== undefined) {
    if (parseSemver(input.deprecate) === null) return fail({ kind: "bad_version", flag: "--deprecate", value: input.deprecate });
    if (input.deprecate === input.to) return fail({ kind: "deprecate_is_target", value: input.deprecate });
  }
  const packages = [...new Set(input.packages)];
  if (packages.length === 0) return fail({ kind: "no_packages" });
  for (const name of packages) if (!isValidPackageName(name)) return fail({ kind: "bad_package", value: name });
  if (!isValidTag(input.tag)) return fail({ kind: "bad_tag", value: input.tag });
  const reason = input.reason;
  const problem = reasonProblem(reason);
  if (problem !== null) return fail({ kind: "bad_reason", problem });
  if (input.registry !== undefined && !isHttpUrl(input.registry)) return fail({ kind: "bad_registry", value: input.registry });
  if (input.otp !== undefined && (input.otp === "" || CONTROL.test(input.otp))) return fail({ kind: "bad_otp" });
  return {
    ok: true,
    value: {
      packages,
      to: input.to,
      tag: input.tag,
      reason,
      registry: input.registry ?? null,
      deprecate: input.deprecate ?? null,
      otp: input.otp ?? null,
    },
  };
}
