// `flakewarden.yaml` as `flakewarden init` writes it: one example suite and the sections the other
// commands read. Templates are string modules so they work from the bundle and under Deno.
export const FLAKEWARDEN_YAML = `# flakewarden configuration (written by \`flakewarden init\`; options: \`npx flakewarden <command> --help\`).
# Relative paths in this file resolve against this file's directory.

# \`flakewarden detect\`: rerun every suite with one seed and classify it as stable, flaky or failing.
# The release gate reads the dashboard it writes (target/semantic-verification/flake/latest/).
iterations: 5
seed: 4242
# Short suites are dominated by process start-up jitter: durations must also differ by this many ms
# before a duration spread counts as instability.
duration_floor_ms: 1000
suites:
  # One entry per suite. \`command\` is an argv array (spawned directly) or a string (run by sh -c).
  # The suite receives the seed in TEST_SEED; \`result_file\` (JUnit .xml or TAP .tap) adds
  # per-test-case verdicts.
  - name: unit
    command: [npm, test]
    timeout_s: 1800

# \`flakewarden quarantine\`: where the quarantine manifest lives and who owns new flakes.
quarantine:
  manifest_path: quarantine/manifest.json
  default_owner: release-owners
  default_severity: medium
  # owners:
  #   "e2e-*": web-team

# \`flakewarden playbook check\`: extra clauses on top of the policy's forensics playbook checks.
playbook:
  clauses:
    - clause_id: FW-001
      file: docs/flake-forensics-playbook.md
      pattern: "^## Rolling back a release"
      description: The playbook must explain how a release is rolled back.

# \`flakewarden rollback npm\`: the packages released together (a rollback must name all of them).
# rollback:
#   npm:
#     packages: ["@your-scope/your-package"]
`;
