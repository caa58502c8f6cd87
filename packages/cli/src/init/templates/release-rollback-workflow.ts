// release-rollback.yml, the release-rollback workflow: incident packet and npm dist-tag rollback, dry run unless `execute`.
// `flakewarden init` writes it into .github/workflows/; `npm run docs` copies it to
// examples/github-workflows/ (a test keeps the two byte-identical).
export const RELEASE_ROLLBACK_WORKFLOW = `# Release rollback: assemble the incident packet for a bad release and move its npm dist-tag back
# to a known-good version. A dry run unless the \`execute\` input is ticked. Written by
# \`flakewarden init\`; every command explains its options with \`npx flakewarden <command> --help\`.
#
# The inputs are free text typed by a person, so they reach the commands only through \`env:\` and
# quoted shell variables, never spliced into a \`run:\` script. The packet and the npm outcome are
# uploaded under \`always()\`: a blocked or failed rollback is exactly when responders need them.
name: release-rollback

on:
  workflow_dispatch:
    inputs:
      tag:
        description: "Release tag of the bad release (vX.Y.Z)"
        required: true
        type: string
      packages:
        description: "npm package(s) to roll back, separated by spaces or commas (empty: config rollback.npm.packages)"
        required: false
        type: string
        default: ""
      known_good_version:
        description: "Known-good version the dist-tag moves back to (X.Y.Z)"
        required: true
        type: string
      dist_tag:
        description: "npm dist-tag to move"
        required: false
        type: string
        default: latest
      reason:
        description: "Why the release is rolled back (recorded in the outcome)"
        required: true
        type: string
      execute:
        description: "Really move the dist-tag (unticked: dry run, nothing changes)"
        required: false
        type: boolean
        default: false

permissions:
  contents: read
  # Reading the latest flake-detection evidence of the default branch.
  actions: read

concurrency:
  group: release-rollback
  cancel-in-progress: false

jobs:
  rollback:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    env:
      RELEASE_TAG: \${{ inputs.tag }}
      ROLLBACK_PACKAGES: \${{ inputs.packages }}
      KNOWN_GOOD_VERSION: \${{ inputs.known_good_version }}
      DIST_TAG: \${{ inputs.dist_tag }}
      ROLLBACK_REASON: \${{ inputs.reason }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - name: Fetch the latest flake-detection evidence
        env:
          GH_TOKEN: \${{ github.token }}
          DEFAULT_BRANCH: \${{ github.event.repository.default_branch }}
        run: |
          run_id="$(gh run list --workflow flake-detection.yml --branch "$DEFAULT_BRANCH" --status completed --limit 1 --json databaseId --jq '.[0].databaseId // empty')"
          if [ -z "$run_id" ] || ! gh run download "$run_id" --name flake-governance --dir .; then
            echo "::warning::no flake-detection evidence found; the incident packet lists it as missing"
          fi
      - name: Plan the npm rollback (dry run)
        run: |
          args=(--to "$KNOWN_GOOD_VERSION" --tag "$DIST_TAG" --reason "$ROLLBACK_REASON" --out artifacts/npm)
          IFS=', ' read -r -a packages <<< "$ROLLBACK_PACKAGES"
          for package in "\${packages[@]}"; do args+=(--package "$package"); done
          npx flakewarden rollback npm "\${args[@]}"
      - name: Roll back the npm dist-tag (execute)
        if: \${{ inputs.execute }}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
        run: |
          args=(--to "$KNOWN_GOOD_VERSION" --tag "$DIST_TAG" --reason "$ROLLBACK_REASON" --out artifacts/npm --execute)
          IFS=', ' read -r -a packages <<< "$ROLLBACK_PACKAGES"
          for package in "\${packages[@]}"; do args+=(--package "$package"); done
          npx flakewarden rollback npm "\${args[@]}"
      - name: Incident packet
        if: \${{ always() }}
        run: >-
          npx flakewarden incident --tag "$RELEASE_TAG" --out artifacts/wasm/release --npm-dir artifacts/npm
          --gate-report artifacts/wasm_flake_governance_report.json
          --gate-report artifacts/incident_forensics_playbook_check_report.json
      - name: Upload incident packet
        if: \${{ always() }}
        uses: actions/upload-artifact@v4
        with:
          name: release-incident-\${{ github.run_id }}
          path: |
            artifacts/wasm/release/
            artifacts/npm/
          if-no-files-found: warn
          retention-days: 90
`;
