// WG-PILOT: the pilot observability summary must say pass (gate.md §4.9, pilot.md §7.2).
import { cutCodePoints, show } from "../format.ts";
import { rootObjectRequired, unreadableReason, type LoadedJson } from "../loaded-input.ts";
import { isPlainObject, present } from "../schemas/common.ts";
import { DETAIL_LIMIT, finding, resultOf, type CheckResult, type Finding } from "./finding.ts";

export const PILOT_SCHEMA_VERSION = "asupersync-pilot-observability-v1";

function nonEmptyList(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

function context(doc: Record<string, unknown>): string {
  // An absent list reads as an empty one; a non-list value is shown as it is.
  const list = (v: unknown, item: (x: unknown) => string): string =>
    Array.isArray(v) ? v.map(item).join(", ") : present(v) ? show(v) : "";
  const routes = list(doc.owner_routes, (r) => show(r));
  const links = list(doc.incident_drill_links, (l) =>
    isPlainObject(l) ? `${show(l.replay_command)} @ ${show(l.trace_pointer)}` : show(l),
  );
  return `; context: generated_at=${show(doc.generated_at)}, owner_routes=[${routes}], incident_drill_links=[${links}]`;
}

export function checkPilot(input: LoadedJson): CheckResult {
  if (input.kind === "missing") return resultOf("WG-PILOT", "", [finding("WG-PILOT-001", `pilot summary missing: ${input.path}`)]);
  if (input.kind !== "json" || !isPlainObject(input.value)) {
    const why = input.kind === "json" ? rootObjectRequired(input.path) : unreadableReason(input);
    return resultOf("WG-PILOT", "", [finding("WG-PILOT-002", `pilot summary JSON invalid: ${why}`)]);
  }
  const doc = input.value;
  const findings: Finding[] = [];
  if (doc.schema_version !== PILOT_SCHEMA_VERSION) {
    findings.push(finding("WG-PILOT-003", `pilot summary schema mismatch: expected ${PILOT_SCHEMA_VERSION}, got ${show(doc.schema_version)}`, { path: "schema_version" }));
  }
  if (doc.status !== "pass") findings.push(finding("WG-PILOT-004", `pilot summary status is ${show(doc.status)}, expected pass`, { path: "status" }));
  if (doc.ci_parity_ok !== true) {
    findings.push(finding("WG-PILOT-005", `pilot summary ci_parity_ok is ${show(doc.ci_parity_ok)}, expected true`, { path: "ci_parity_ok" }));
  }
  if (doc.alerts_count !== 0) {
    findings.push(finding("WG-PILOT-006", `pilot summary alerts_count is ${show(doc.alerts_count)}, expected 0`, { path: "alerts_count" }));
  }
  if (nonEmptyList(doc.failure_reasons)) {
    findings.push(finding("WG-PILOT-007", `pilot summary failure_reasons: ${show(doc.failure_reasons)}`, { path: "failure_reasons" }));
  }
  if (nonEmptyList(doc.parity_alerts)) {
    const n = Array.isArray(doc.parity_alerts) ? doc.parity_alerts.length : 1;
    findings.push(finding("WG-PILOT-008", `pilot summary has ${n} parity alert(s)`, { path: "parity_alerts" }));
  }
  const result = resultOf("WG-PILOT", "pilot summary status=pass, ci_parity_ok=true", findings);
  if (result.status === "fail") {
    // The context goes on before the cap, so re-fold from the uncapped messages.
    const first = findings[0]?.check_id;
    const messages = [...new Set(findings.filter((f) => f.check_id === first).map((f) => f.message))];
    result.detail = cutCodePoints(messages.join("; ") + context(doc), DETAIL_LIMIT);
  }
  return result;
}
