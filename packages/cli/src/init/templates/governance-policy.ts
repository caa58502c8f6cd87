// `.github/wasm_flake_governance_policy.json` as `flakewarden init` writes it: the canonical
// policy shape with paths that match the scaffolded config, manifest and playbook.
export const GOVERNANCE_POLICY_JSON = `{
  "schema_version": "wasm-flake-governance-policy-v1",
  "scope": "flake governance and release gate (written by flakewarden init)",
  "detection": {
    "dashboard_schema_version": "sem-variance-dashboard-v1",
    "dashboard_path": "target/semantic-verification/flake/latest/variance_dashboard.json",
    "required_suites": ["unit"]
  },
  "quarantine": {
    "manifest_schema_version": "wasm-flake-quarantine-v1",
    "manifest_path": "quarantine/manifest.json",
    "statuses": ["open", "resolved", "reactivated"]
  },
  "quality_thresholds": {
    "max_flake_rate_pct": 0.0,
    "max_false_positive_rate_pct": 5.0,
    "max_unresolved_high_severity_flakes": 0,
    "max_unresolved_critical_severity_flakes": 0,
    "max_critical_test_failures": 0
  },
  "sla_targets_hours": { "critical": 24, "high": 72, "medium": 168, "low": 336 },
  "forensics_playbook": {
    "doc_path": "docs/flake-forensics-playbook.md",
    "required_commands": [
      "npx flakewarden detect",
      "npx flakewarden gate",
      "npx flakewarden reactivate",
      "npx flakewarden playbook check"
    ]
  },
  "output": {
    "report_path": "artifacts/wasm_flake_governance_report.json",
    "events_path": "artifacts/wasm_flake_governance_events.ndjson"
  }
}
`;
