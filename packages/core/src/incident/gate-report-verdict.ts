// Reading a verdict out of another gate's report (forensics §4.5). Each producer spells its verdict
// differently, so the rules are tried in a fixed order and the first match wins.
import { isPlainObject } from "../schemas/common.ts";
import type { LoadedJson } from "../loaded-input.ts";
import { unreadableReason } from "../loaded-input.ts";

export type ReportVerdict = "pass" | "warn" | "fail" | "missing" | "invalid" | "unknown";
export type VerdictSource = "gate_status" | "gate.passed" | "verdict" | "status" | "schema_rule" | null;

export interface FailingCheck {
  check_id: string;
  status: string;
  detail: string;
  severity: string | null;
  blocks_release: boolean | null;
}

export interface ReportVerdictResult {
  exists: boolean;
  schema_version: string | null;
  verdict: ReportVerdict;
  verdict_source: VerdictSource;
  detail: string;
  failing_checks: FailingCheck[];
}

// The optimisation pipeline writes its summary only when it succeeded, so its presence is the verdict.
const SUCCESS_ONLY_SCHEMA = "wasm-optimization-pipeline-summary-v1";
const THREE = new Set(["pass", "warn", "fail"]);
const STATUS_ALIASES: Record<string, "pass" | "warn" | "fail"> = { pass: "pass", warn: "warn", fail: "fail", passed: "pass", failed: "fail" };
const CHECK_ARRAYS = ["check_results", "results", "checks"] as const;
const ID_KEYS = ["check_id", "criterion_id", "clause_id", "id"] as const;
const GATE_COUNTS = ["forbidden_count", "unresolved_high_risk_count", "expired_transition_count"] as const;

export function reportVerdict(load: LoadedJson): ReportVerdictResult {
  const base = { exists: true, schema_version: null, verdict_source: null, failing_checks: [] as FailingCheck[] };
  if (load.kind === "missing") return { ...base, exists: false, verdict: "missing", detail: "file not found" };
  if (load.kind !== "json") return { ...base, verdict: "invalid", detail: unreadableReason(load) };
  const value = load.value;
  if (!isPlainObject(value)) return { ...base, verdict: "invalid", detail: `root object required in ${load.path}` };
  const schema = typeof value.schema_version === "string" ? value.schema_version : null;
  const failing = failingChecks(value);
  const out = (verdict: ReportVerdict, source: VerdictSource, detail: string): ReportVerdictResult => ({
    exists: true,
    schema_version: schema,
    verdict,
    verdict_source: source,
    detail,
    failing_checks: failing,
  });
  if (schema === SUCCESS_ONLY_SCHEMA) return out("pass", "schema_rule", `${SUCCESS_ONLY_SCHEMA} is written only on success`);
  if ("gate_status" in value) {
    const g = value.gate_status;
    return typeof g === "string" && THREE.has(g)
      ? out(g as ReportVerdict, "gate_status", `gate_status=${g}`)
      : out("unknown", "gate_status", `unrecognised gate_status ${JSON.stringify(g) ?? "undefined"}`);
  }
  const gate = value.gate;
  if (isPlainObject(gate) && typeof gate.passed === "boolean") {
    return out(gate.passed ? "pass" : "fail", "gate.passed", `gate.passed=${String(gate.passed)}`);
  }
  if (typeof value.verdict === "string" && THREE.has(value.verdict)) return out(value.verdict as ReportVerdict, "verdict", `verdict=${value.verdict}`);
  if (typeof value.status === "string" && value.status in STATUS_ALIASES) {
    return out(STATUS_ALIASES[value.status] ?? "unknown", "status", `status=${value.status}`);
  }
  return out("unknown", null, "no verdict field (gate_status, gate.passed, verdict, status)");
}

function failingChecks(report: Record<string, unknown>): FailingCheck[] {
  const found: FailingCheck[] = [];
  const key = CHECK_ARRAYS.find((k) => Array.isArray(report[k]));
  if (key !== undefined) {
    (report[key] as unknown[]).forEach((item, i) => {
      if (!isPlainObject(item)) return;
      const status = item.status;
      if (status !== "fail" && status !== "failed" && status !== "warn") return;
      const idKey = ID_KEYS.find((k) => typeof item[k] === "string");
      found.push({
        check_id: idKey === undefined ? `${key}[${i}]` : (item[idKey] as string),
        status,
        detail: typeof item.detail === "string" ? item.detail : "",
        severity: typeof item.severity === "string" ? item.severity : null,
        blocks_release: typeof item.blocks_release === "boolean" ? item.blocks_release : null,
      });
    });
  }
  const gate = report.gate;
  if (isPlainObject(gate) && gate.passed === false) {
    const counts = GATE_COUNTS.filter((c) => c in gate).map((c) => `${c}=${JSON.stringify(gate[c])}`);
    found.push({ check_id: "gate.passed", status: "fail", detail: counts.join(", "), severity: null, blocks_release: null });
  }
  return found;
}

/** fail beats warn beats pass; anything that is not a readable verdict fails closed. */
export function overallGateStatus(verdicts: readonly ReportVerdict[]): "pass" | "warn" | "fail" {
  if (verdicts.some((v) => v !== "pass" && v !== "warn")) return "fail";
  return verdicts.includes("warn") ? "warn" : "pass";
}
