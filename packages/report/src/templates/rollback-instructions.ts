// The rollback guidance document (forensics §7.3). Every mustache goes through an md* helper.
export const ROLLBACK_INSTRUCTIONS_TEMPLATE = `# Release Rollback Guidance — {{mdText tag}}

Incident {{mdCode incidentId}} · severity {{mdText severity}} · rollback default {{mdText rollbackDefault}} · gate status {{mdText gateStatus}}

## Why

{{#if allPassed}}
Every required gate report passed; this packet was written for the record.
{{else}}
{{#each why}}
- {{mdCode path}}: {{mdText verdict}}{{#if checks}} (failing checks: {{mdText checks}}){{/if}}
{{/each}}
{{/if}}

## Facts

- Known-good version: {{mdText knownGood}}
- npm dist-tag: {{mdText npmTag}}
- Packages: {{mdText packages}}
- Bad version: {{mdText badVersion}}
- npm actions already executed: {{mdText actionsSummary}}
{{#each actions}}
  - {{mdCode this}}
{{/each}}

## Rollback sequence

1. Freeze promotion on the {{mdText lane}} lane.
2. Demote {{mdText demote}}.
3. Preserve the evidence (do not modify these files):
{{#each evidence}}
   - {{mdCode path}} sha256 {{mdCode sha256}}
{{/each}}
4. Dry run, then execute the dist-tag rollback:

{{mdFence rollbackCommands}}

5. Verify each package's dist-tag:

{{mdFence verifyCommands}}

6. Open a remediation item; re-promote only after every gate passes again and every repro command passes.

## Reproduce

{{mdFence reproCommands}}

## Communication

- Acknowledge by {{mdText ackDue}}.
- Post updates every {{mdText updateMinutes}} minutes (first by {{mdText firstUpdateDue}}).
- Roles: {{mdText roles}}.
- Postmortem due: {{mdText postmortemDue}}.

## Manual fallback (npm client)

{{mdFence manualCommands}}

## Revocation strategy

- Template: {{mdCode revocationTemplate}}
- Stable channel: {{mdText stableChannelAction}}
{{#each principles}}
- {{mdText this}}
{{/each}}

## Do not

- Do not \`npm unpublish\` the bad version: move dist-tags instead.
- Do not delete or edit the evidence listed above.
`;
