// flake-detection.yml, the sharded flake-detection workflow: detect shards, then merge, quarantine sync, gate, report.
// `flakewarden init` writes it into .github/workflows/; `npm run docs` copies it to
// examples/github-workflows/ (a test keeps the two byte-identical).
export const FLAKE_DETECTION_WORKFLOW = `# Flake detection, sharded: every shard reruns its part of the suites with one seed, then one job
# merges the shards into a single variance dashboard, opens quarantine entries for new flakes,
# runs the release gate and renders the report. Written by \`flakewarden init\`; every command
# explains its options with \`npx flakewarden <command> --help\`.
#
# Every value reaches a command through \`env:\`, never spliced into a \`run:\` script, and every
# upload runs under \`always()\`: a failed gate is exactly when the evidence is needed.
name: flake-detection

on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "17 3 * * *"
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: flake-detection-\${{ github.ref }}
  cancel-in-progress: true

env:
  # One run id for every shard: \`merge\` keeps the shards' common id as the merged run's id.
  FLAKE_RUN_ID: gh-\${{ github.run_id }}-\${{ github.run_attempt }}
  # Must equal the number of entries in the matrix below.
  SHARD_COUNT: 4
  FLAKE_OUT: target/semantic-verification/flake

jobs:
  detect:
    name: detect (shard \${{ matrix.shard }})
    runs-on: ubuntu-latest
    timeout-minutes: 60
    strategy:
      fail-fast: false
      matrix:
        shard: [1, 2, 3, 4]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: Detect flakes (one shard)
        env:
          SHARD: \${{ matrix.shard }}
        run: npx flakewarden detect --ci --shard "$SHARD/$SHARD_COUNT" --run-id "$FLAKE_RUN_ID"
      - name: Upload shard outputs
        if: \${{ always() }}
        uses: actions/upload-artifact@v4
        with:
          name: flake-shard-\${{ matrix.shard }}
          path: \${{ env.FLAKE_OUT }}/\${{ env.FLAKE_RUN_ID }}/
          if-no-files-found: warn
          retention-days: 14

  gate:
    name: merge, quarantine, gate, report
    needs: detect
    if: \${{ !cancelled() }}
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: Download shard outputs
        uses: actions/download-artifact@v4
        with:
          pattern: flake-shard-*
          path: shards
      - name: Merge shards into one variance dashboard
        run: npx flakewarden merge shards/flake-shard-* --ci --out "$FLAKE_OUT" --run-id "$FLAKE_RUN_ID"
      # A flaky merged verdict exits 1; quarantine and gate still have to run on it.
      - name: Open quarantine entries for new flakes
        if: \${{ !cancelled() }}
        run: npx flakewarden quarantine sync
      - name: Release gate
        if: \${{ !cancelled() }}
        run: npx flakewarden gate
      - name: Forensics playbook check
        if: \${{ !cancelled() }}
        run: npx flakewarden playbook check
      - name: Render the report
        if: \${{ always() }}
        run: |
          mkdir -p flake-evidence
          cp -R artifacts "$FLAKE_OUT" quarantine flake-evidence/ 2>/dev/null || true
          npx flakewarden report --in flake-evidence --out flake-report
      - name: Upload governance evidence
        if: \${{ always() }}
        uses: actions/upload-artifact@v4
        with:
          name: flake-governance
          # Keep in step with the policy: output paths, detection.dashboard_path's directory,
          # quarantine.manifest_path (the synced manifest is the change to review and commit).
          path: |
            artifacts/
            \${{ env.FLAKE_OUT }}/
            quarantine/manifest.json
          if-no-files-found: warn
          retention-days: 30
      - name: Upload report site
        if: \${{ always() }}
        uses: actions/upload-artifact@v4
        with:
          name: flake-report
          path: flake-report/
          if-no-files-found: warn
          retention-days: 30
`;
