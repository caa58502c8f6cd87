// rollback_instructions.md (reports.md §4.8). Every mustache goes through an md* helper; the view is the
// rollback model with each shown-or-TODO value flattened to its text.
export const ROLLBACK_INSTRUCTIONS_MD = `# Release Rollback Guidance — {{mdText tag}}

Incident {{mdText incidentId}} · {{mdText severity}} · rollback default: {{mdText rollbackDefault}} · gate status: {{mdText gateStatus}}

## Why

{{#if why.allPassed}}
All required gate reports passed.
{{/if}}
{{#if why.note}}
{{mdText why.note}}
{{/if}}
{{#each why.items}}
- {{mdCode path}}: {{mdText text}}
{{/each}}

## Facts

| fact | value | source |
| --- | --- | --- |
{{#each facts}}
| {{mdCell fact}} | {{mdCell value}} | {{mdCell source}} |
{{/each}}
{{#if outcomeRows.length}}

| package | dist-tag move | deprecation | verification |
| --- | --- | --- | --- |
{{#each outcomeRows}}
| {{mdCellCode package}} | {{mdCell move}} | {{mdCell deprecation}} | {{mdCell verification}} |
{{/each}}
{{/if}}

## Rollback sequence

1. Freeze the {{mdText lane}} lane and stop publish jobs.
2. Demote {{mdCode demote}}.{{#if stableChannelAction}} Packet action: {{mdText stableChannelAction}}.{{/if}}
3. Preserve the evidence. These files must not be modified or deleted:
{{#each evidence}}
   - {{mdCode path}} sha256 {{mdCode sha256}}
{{/each}}
{{#if evidenceTodo}}
   - {{mdText evidenceTodo}}
{{/if}}
4. Roll the npm dist-tag back: dry run first, then the same command with \`--execute\`.
{{#each invalid}}
   - {{mdText this}}
{{/each}}
{{#if alreadySucceeded}}
   The recorded npm outcome already reports \`succeeded\`: re-running is a \`noop\`.
{{/if}}

{{mdFence rollbackBlock}}
{{#if deprecate}}

Only if {{mdText deprecate.bad}} was published:

{{mdFence deprecate.block}}
{{/if}}

5. Verify each package's dist-tag:

{{mdFence verifyBlock}}

6. Open a remediation item. Re-promote only after every gate passes again and every command under Reproduce passes.

## Reproduce

{{#if reproduceTodo}}
{{mdText reproduceTodo}}
{{else}}
{{mdFence reproduce}}
{{/if}}

## Communication

- Acknowledge by: {{mdText ackDue}}
- Updates: {{mdText cadence}}
- Roles: {{mdText roles}}
- Postmortem due: {{mdText postmortemDue}}

## Manual fallback (npm client)

{{mdFence manualBlock}}

## Revocation strategy

{{#each principles}}
- {{mdText this}}
{{/each}}
{{#if requiredArtifacts.length}}
- Required artifacts: {{#each requiredArtifacts}}{{mdCode this}}{{#unless @last}}, {{/unless}}{{/each}}
{{/if}}
{{#if commandTemplate}}
- Command template (plain text, not a command): {{mdText commandTemplate}}
{{/if}}

## Do not

- Do not unpublish. npm allows it within 72 h only with no dependents; after that, only with no dependents, fewer than 300 downloads last week and a single owner. A \`name@version\` is never reusable.
- Do not delete evidence.
- A package first published in this release has no earlier version for the tag: deprecate it and ship a fixed patch.
`;
