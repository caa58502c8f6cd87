// The forensics playbook `flakewarden init` writes. The policy's required commands and the gate's
// tokens (replay, trace_pointer, reactivation) must stay in it, or the gate fails WG-FORENSICS.
export const FORENSICS_PLAYBOOK_MD = `# Flake forensics playbook

How this project finds flaky tests, keeps them from blocking releases without hiding them, and
brings them back. Every command explains its options with \`npx flakewarden <command> --help\`.

## Detecting flakes

Every suite in \`flakewarden.yaml\` is rerun several times with one seed. The variance dashboard it
writes is the release gate's evidence:

\`\`\`bash
npx flakewarden detect
\`\`\`

CI runs this sharded (\`.github/workflows/flake-detection.yml\`) and merges the shards.

## Quarantine

Every unstable or failing suite gets a quarantine entry in \`quarantine/manifest.json\` with an
owner, a severity, an SLA, a deterministic replay command and a trace_pointer to the failing
run's artifacts. CI opens missing entries with \`npx flakewarden quarantine sync\`; review and
commit them.

## Release gate

Every release runs the gate. It fails closed on missing or malformed evidence:

\`\`\`bash
npx flakewarden gate
\`\`\`

## Forensics

Replay the failure with the entry's replay command before touching the code, attach what the
trace_pointer names to the fix, and keep this playbook honest:

\`\`\`bash
npx flakewarden playbook check
\`\`\`

## Reactivation

A quarantined suite returns to service only after three consecutive deterministic reruns pass
with identical replay fingerprints and the root cause and fix reference are recorded
(reactivation criteria):

\`\`\`bash
npx flakewarden quarantine resolve <entry-id> --root-cause "<what broke>" --fix-ref "<PR or commit>"
npx flakewarden reactivate <entry-id>
\`\`\`

## Rolling back a release

Run the \`release-rollback\` workflow (\`.github/workflows/release-rollback.yml\`) with the bad
release's tag, the known-good version and a reason. It writes the incident packet and plans the
npm dist-tag rollback as a dry run; tick \`execute\` to move the tag. Locally:

\`\`\`bash
npx flakewarden incident --tag vX.Y.Z
npx flakewarden rollback npm --to <known-good-version> --reason "<why>"
\`\`\`
`;
