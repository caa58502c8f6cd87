// The Markdown form of the incident/rollback/postmortem document model (../incident/doc-model.ts). Every mustache
// calls an md* helper (lintMarkdownTemplate); table cells use the cell variants so a row keeps its column count.
const INLINE = `{{#if this.todo}}**{{mdText this.todo.full}}**{{else if this.link}}{{mdLink this.link}}{{else if this.code}}{{mdCode this.code}}{{else if this.strong}}**{{mdText this.text}}**{{else}}{{mdText this.text}}{{/if}}`;
const CELL = `{{#if this.todo}}**{{mdCell this.todo.full}}**{{else if this.link}}{{mdLink this.link "cell"}}{{else if this.code}}{{mdCellCode this.code}}{{else if this.strong}}**{{mdCell this.text}}**{{else}}{{mdCell this.text}}{{/if}}`;

export const INCIDENT_DOC_MD = `{{#each blocks}}
{{#if this.h2}}
## {{mdText this.h2}}

{{else if this.h3}}
### {{mdText this.h3}}

{{else if this.p}}
{{#each this.p}}${INLINE}{{/each}}

{{else if this.code}}
{{mdFence this.code}}

{{else if this.table}}
|{{#each this.table.head}} {{mdCell this}} |{{/each}}
|{{#each this.table.head}} --- |{{/each}}
{{#each this.table.rows}}
|{{#each this}} {{#each this}}${CELL}{{/each}} |{{/each}}
{{/each}}

{{else if this.list}}
{{#each this.list.items}}
{{#if ../this.list.ordered}}{{mdText this.number}}. {{else}}- {{/if}}{{#each this.inlines}}${INLINE}{{/each}}
{{#each this.sub}}
   - {{#each this}}${INLINE}{{/each}}
{{/each}}
{{#each this.parts}}
{{#if this.p}}

   {{#each this.p}}${INLINE}{{/each}}
{{else}}

{{mdFence this.code}}
{{/if}}
{{/each}}
{{/each}}

{{/if}}
{{/each}}
`;
