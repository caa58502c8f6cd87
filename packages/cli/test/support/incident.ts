// Test support for `flakewarden incident`: a tree with the three default gate reports and the reference policy.
import { fixture, runCli, tempDir, write, type CliResult } from "./cli.ts";

export const NOW = "2026-03-06T10:00:00Z";
export const OUT = "artifacts/wasm/release";
export const SECURITY = "artifacts/security_release_gate_report.json";
export const DEPENDENCY = "artifacts/wasm_dependency_audit_summary.json";
export const OPTIMIZATION = "artifacts/wasm_optimization_pipeline_summary.json";
export const MANIFEST = "artifacts/wasm_flake_quarantine_manifest.json";
export const SIX = [
  "release_traceability.json",
  "rollback_safety_report.json",
  "incident_response_packet.json",
  "postmortem.json",
  "artifact_index.json",
  "rollback_instructions.md",
];

export const SECURITY_FAIL = {
  gate_status: "fail",
  check_results: [{ criterion_id: "SEC-BLOCK-01", status: "fail", severity: "critical", blocks_release: true }],
};

/** The three default gate reports: security as given (null = absent), dependency and optimisation passing. */
export function tree(security: object | string | null = SECURITY_FAIL, extra: Record<string, object | string> = {}): string {
  const root = tempDir("fw-incident-");
  if (security !== null) write(root, SECURITY, security);
  write(root, DEPENDENCY, { gate: { passed: true } });
  write(root, OPTIMIZATION, { schema_version: "wasm-optimization-pipeline-summary-v1" });
  write(root, ".github/security_release_policy.json", fixture("incident/security_release_policy.json"));
  for (const [rel, content] of Object.entries(extra)) write(root, rel, content);
  return root;
}

export async function incident(root: string, args: string[] = []): Promise<CliResult> {
  return runCli(root, ["incident", "--tag", "v1.4.0", "--now", NOW, ...args]);
}

