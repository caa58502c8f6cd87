// One-line flag descriptions for the generated CLI reference (docs/cli.md). Kept here, not in the
// command files, so documenting a flag never touches a command. A flag without an entry is still
// listed (from the command's usage) and `npm run docs` warns about it.

/** Flags that mean the same in every command that has them. */
export const COMMON_FLAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  "--now": "The instant to evaluate at (ISO-8601 with an offset); default `FLAKEWARDEN_NOW`, else the system clock",
  "--config": "Config file (YAML, or JSON when the name ends `.json`); default `flakewarden.yaml`, else `flakewarden.json`, in the current directory",
  "--policy": "Governance policy; default `.github/wasm_flake_governance_policy.json` (built-in defaults when that is absent)",
  "--format": "Output on stdout: human text or JSON",
  "--manifest": "Quarantine manifest; default config `quarantine.manifest_path`, else the policy's, else `artifacts/wasm_flake_quarantine_manifest.json`",
  "--lock-timeout": "Seconds to wait for the manifest lock (default 10; 0 = one attempt)",
  "--dashboard": "Variance dashboard; default the policy's `detection.dashboard_path`",
  "--dry-run": "Show what would happen; write nothing",
  "--ci": "CI mode: `ci_mode: true` in the dashboard and a `CI verdict:` line (exit code unchanged)",
  "--run-id": "Run directory name (`[A-Za-z0-9][A-Za-z0-9._-]*`, not `latest`); default `sem-flake-<UTC timestamp>`",
  "--seed": "Seed passed to every run (default config, else 4242)",
  "--duration-threshold": "Duration spread (%) above which a suite counts as unstable (default config, else 25)",
  "--warmup": "Leading iterations left out of the duration statistics (default config `warmup_runs`, else 0)",
  "--duration-floor-ms": "Durations must also differ by at least this many ms before a spread counts (default 0)",
  "--confidence": "Confidence used for the detection-power figures (default 0.95)",
};

/** Per command (its words joined by a space); wins over the common table. */
export const COMMAND_FLAG_DESCRIPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  detect: {
    "--iterations": "Runs per suite, at least 2 (default config, else 5)",
    "--suite": "Run only this suite (repeatable; config order is kept)",
    "--jobs": "Runs in parallel (default: available CPUs)",
    "--timeout": "Per-run timeout in seconds for every suite (default each suite's `timeout_s`)",
    "--out": "Output directory (default config `out_dir`, else `target/semantic-verification/flake`)",
    "--shard": "Run only shard i of n; join the shards with `merge`",
    "--shard-by": "Split shards by whole suites (default) or by iteration blocks",
    "--target-flake-rate": "Choose the iterations needed to see a flake of this rate (0 < P < 1); not with `--iterations`",
    "--json": "Accepted for compatibility; no effect",
    "--verbose": "Print the last 20 lines of each non-passing run's log on stderr",
    "--dry-run": "Print the plan as JSON; create nothing",
  },
  merge: {
    "--out": "Output directory (default `target/semantic-verification/flake`)",
    "--run-id": "Merged run id (default: the shards' common id)",
  },
  ingest: {
    "--out": "Output directory (default `target/semantic-verification/flake`)",
    "--suite": "Treat all files of a run as this one suite",
    "--result-format": "Parse every file as JUnit XML or TAP (default: by extension)",
    "--seed": "Seed recorded as a label (default null)",
  },
  "signal-quality": {
    "--report": "Verification report (default `target/semantic-verification/verification_report.json`)",
    "--dashboard": "Variance dashboard (default `target/semantic-verification/flake/latest/variance_dashboard.json`)",
    "--output": "Signal-quality report to write",
    "--max-flake-rate-pct": "Flake-rate budget in percent (default 0)",
    "--max-false-positive-rate-pct": "False-positive budget in percent (default 5)",
    "--max-runtime-ratio": "Runtime budget as a ratio (default 1.0)",
    "--max-deterministic-failures": "Deterministic failures allowed (default 0)",
    "--guidance-doc": "Guidance document linked from the report (default `docs/semantic_ci_signal_quality.md`)",
    "--verification-rerun-command": "Command the report gives for a rerun",
  },
  gate: {
    "--quarantine-manifest": "Quarantine manifest; default config `quarantine.manifest_path`, else the policy's",
    "--forensics-doc": "Forensics playbook; default the policy's `forensics_playbook.doc_path`",
    "--report-path": "Gate report to write; default the policy's `output.report_path`",
    "--events-path": "Gate events (NDJSON) to write; default the policy's `output.events_path`",
    "--pilot-summary": "Pilot observability summary to check (WG-PILOT); none by default",
    "--format": "`json` prints the report's exact bytes",
  },
  burndown: {
    "--window-days": "Window in days for new/resolved counts, 1 to 365 (default 14; `--window` is an alias)",
    "--history-dir": "Directory of nightly run manifests (default `target/nightly-stress`)",
    "--output": "Write the report here instead of stdout",
    "--format": "`json` (default) prints the report; `text` prints a summary",
  },
  "quarantine list": {
    "--status": "Show only entries with this status (default all)",
    "--owner": "Show only entries of this owner",
  },
  "quarantine open": {
    "--suite": "Dashboard suite name (required)",
    "--severity": "Severity (required)",
    "--replay-command": "Deterministic replay command (required; stored, never run here)",
    "--trace-pointer": "Where the failing run's artifacts are (required)",
    "--owner": "Owner; default from config `owners`, the owners file, then `default_owner`",
    "--id": "Entry id; default `Q-<SUITE>-<YYYYMMDD>`",
    "--sla-hours": "SLA in hours; default the policy target for the severity (never above it)",
    "--reactivation-criteria": "What must hold before the suite returns (default: the standard criteria)",
    "--notes": "Free-text comment stored in `notes.comment`",
    "--allow-duplicate-suite": "Open an entry even when the suite already has an open one",
  },
  "quarantine resolve": {
    "--root-cause": "Root cause (required)",
    "--fix-ref": "Fix reference: PR, commit or ticket (required)",
    "--notes": "Free-text comment stored in `notes.comment`",
  },
  "quarantine sync": {
    "--severity": "Severity of new entries (default config `quarantine.default_severity`, else medium)",
    "--sla-hours": "SLA of new entries (default the policy target for the severity)",
    "--owners-file": "CODEOWNERS-style owners file (default config `owners_file`, else `.github/FLAKEOWNERS`)",
    "--dry-run": "Show the entries that would be opened; neither lock nor write",
  },
  "playbook check": {
    "--doc": "Forensics playbook; default the policy's `forensics_playbook.doc_path`",
    "--preset": "Also check the seven clauses of the original incident playbook checker",
    "--project-root": "Root the clause files and the outputs resolve against (default `.`)",
    "--report-path": "Report to write (default `artifacts/incident_forensics_playbook_check_report.json`)",
    "--events-path": "Events to write (default `artifacts/incident_forensics_playbook_check_events.ndjson`)",
    "--format": "`json` prints the original checker's one-line summary",
  },
  schema: {
    "--out": "Directory to write the JSON Schemas into (required)",
  },
  drill: {
    "--seed": "Drill seed, decimal or 0x-hex (default env `TEST_SEED`, config `drill.seed`, else 4242)",
    "--scenario": "Run only this scenario (repeatable)",
    "--runs": "Replays per scenario, at least 2 (default config `drill.runs`, else 2)",
    "--out": "Output directory (default config `drill.out_dir`, else `target/e2e-results/wasm_incident_forensics`)",
    "--dry-run": "Print the plan; run nothing (also env `INCIDENT_FORENSICS_DRY_RUN=1`)",
  },
  incident: {
    "--tag": "Release tag, `vX.Y.Z` or `X.Y.Z[-pre]` (required)",
    "--gate-report": "Gate report to judge (repeatable; replaces config `incident.gate_reports`)",
    "--severity": "Incident severity (default: derived from the evidence)",
    "--out": "Output directory for the six packet files (default `artifacts/wasm/release`)",
    "--security-policy": "Security release policy (default `.github/security_release_policy.json`)",
    "--dashboard": "Variance dashboard to include (default `<detect out_dir>/latest/variance_dashboard.json`)",
    "--manifest": "Quarantine manifest to include (default config `quarantine.manifest_path`)",
    "--drill-dir": "Drill output to include; `latest` follows the drill's `latest.json` (default config `incident.drill_dir`)",
    "--npm-dir": "npm rollback outputs to include (default `artifacts/npm`)",
    "--strict": "Exit 1 when the gate status or a rollback safety check fails",
  },
  "rollback npm": {
    "--to": "Known-good version the dist-tag moves to (strict SemVer, required)",
    "--reason": "Why (required; one line, stored verbatim, used as the deprecation message)",
    "--package": "Package to roll back (repeatable; default config `rollback.npm.packages`)",
    "--tag": "Dist-tag to move (default `latest`)",
    "--registry": "Registry URL (default config `rollback.npm.registry`, else npm's own)",
    "--deprecate": "Also deprecate this version in every package",
    "--execute": "Really move the tag (default: dry run)",
    "--otp": "One-time password for npm's mutating calls (never written)",
    "--out": "Output directory for plan, actions and outcome (default `artifacts/npm`)",
    "--npm-timeout-s": "Timeout per npm call in seconds (default 60)",
    "--verify-attempts": "Read-back attempts after the move (default 3)",
    "--verify-delay-ms": "Delay between read-back attempts (default 2000)",
  },
  reactivate: {
    "--manifest": "Quarantine manifest; default config `quarantine.manifest_path`, else `artifacts/wasm_flake_quarantine_manifest.json`",
    "--runs": "Replays, at least the minimum for the entry's severity (default that minimum, 3 unless configured)",
    "--timeout-s": "Per-replay timeout in seconds (default 600)",
    "--artifact-root": "Where replay evidence goes (default `target/flakewarden/reactivation`)",
  },
  "pilot evaluate": {
    "--telemetry-input": "Telemetry input (required)",
    "--telemetry-output": "Summary JSON to write (default `artifacts/pilot/pilot_observability_summary.json`)",
    "--telemetry-log-output": "Alerts NDJSON to write (default `artifacts/pilot/pilot_observability_alerts.ndjson`)",
    "--policy": "Pilot policy (YAML, or JSON when the name ends `.json`); none by default",
    "--allow-empty": "Let an input with zero events pass",
  },
  "pilot cohort": {
    "--input": "JSON array of cohort candidates (required)",
    "--output": "Evaluation JSON to write (default `artifacts/pilot/pilot_cohort_eval.json`)",
    "--log-output": "Intake NDJSON to write (default `artifacts/pilot/pilot_intake.ndjson`)",
  },
  report: {
    "--in": "Directory of artifacts to render (required)",
    "--out": "Site directory (required; must be empty or an earlier report site)",
    "--format": "Comma-separated page formats to write: `html`, `md` (default both)",
  },
  init: {
    "--dir": "Existing directory to scaffold into (default: the current directory)",
    "--force": "Overwrite existing files",
  },
};

export function flagDescription(words: string, flag: string): string | null {
  return COMMAND_FLAG_DESCRIPTIONS[words]?.[flag] ?? COMMON_FLAG_DESCRIPTIONS[flag] ?? null;
}
