import { cutCodePoints } from "../format.ts";
import type { CheckResult, Finding } from "../schemas/gate-report.ts";

export type { CheckResult, Finding };

export function finding(
  checkId: string,
  message: string,
  extra: { subject?: string | null; path?: string | null; actual?: number | string | null; limit?: number | string | null } = {},
): Finding {
  return {
    actual: extra.actual ?? null,
    check_id: checkId,
    limit: extra.limit ?? null,
    message,
    path: extra.path ?? null,
    subject: extra.subject ?? null,
  };
}

export const DETAIL_LIMIT = 2000;

/** Fold a check's ordered findings into its result (gate.md §4.2). */
export function resultOf(prefix: string, passDetail: string, findings: Finding[]): CheckResult {
  const first = findings[0];
  if (first === undefined) return { check_id: `${prefix}-000`, detail: passDetail, findings: [], status: "pass" };
  const messages = new Set<string>();
  for (const f of findings) if (f.check_id === first.check_id) messages.add(f.message);
  return {
    check_id: first.check_id,
    detail: cutCodePoints([...messages].join("; "), DETAIL_LIMIT),
    findings,
    status: "fail",
  };
}

export function skipped(prefix: string, detail: string): CheckResult {
  return { check_id: `${prefix}-SKIP`, detail, findings: [], status: "skip" };
}
