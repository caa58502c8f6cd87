// The body templates of the index, flakes and quarantine pages: one walk over the block list of
// ../site/blocks.ts, in HTML and in Markdown. Closed <details> hold only secondary content (history,
// per-test rows, chart data), never verdicts, checks, entries or steps (reports.md §4.14).

const HTML_PARTS = `{{#each parts}}{{#if isText}}{{v}}{{else if isCode}}<code>{{v}}</code>{{else if isLink}}{{link p}}{{else if isBadge}}<span class="badge badge-{{cls}}">{{v}}</span>{{else if isHidden}}<span class="visually-hidden">{{v}}</span>{{else if isBr}}<br>{{/if}}{{/each}}`;

export const SITE_BODY_HTML = `{{#each blocks}}
{{#if isVerdict}}<section id="verdict" class="{{verdictClass}}">
<h1>{{text}}</h1>
<p>${HTML_PARTS}</p>
</section>
{{/if}}
{{#if isH2}}<h2 id="{{id}}">{{text}}</h2>
{{/if}}
{{#if isH3}}<h3 id="{{id}}">{{text}}</h3>
{{/if}}
{{#if isP}}<p>${HTML_PARTS}</p>
{{/if}}
{{#if isUl}}<ul>
{{#each items}}<li>${HTML_PARTS}</li>
{{/each}}</ul>
{{/if}}
{{#if isPre}}<pre><code>{{text}}</code></pre>
{{/if}}
{{#if isDetailsOpen}}<details>
<summary>{{text}}</summary>
{{/if}}
{{#if isDetailsClose}}</details>
{{/if}}
{{#if isChart}}{{trusted svg}}
{{/if}}
{{#if isTable}}<div class="table-scroll" role="region" aria-label="{{text}}" tabindex="0">
<table>
<caption>{{text}}</caption>
<thead><tr>{{#each headers}}<th scope="col">{{this}}</th>{{/each}}</tr></thead>
<tbody>
{{#each rows}}<tr{{#if id}} id="{{id}}"{{/if}}>{{#each cells}}{{#if header}}<th scope="row">{{#if plain}}{{plain}}{{else}}${HTML_PARTS}{{/if}}</th>{{else}}<td>{{#if plain}}{{plain}}{{else}}${HTML_PARTS}{{/if}}</td>{{/if}}{{/each}}</tr>
{{/each}}</tbody>
</table>
</div>
{{/if}}
{{/each}}`;

// Markdown: every mustache calls an md helper (lint-enforced by compileMarkdown).
const MD_CELL_PARTS = `{{#each parts}}{{#if isText}}{{mdCell v}}{{else if isCode}}{{mdCellCode v}}{{else if isLink}}{{mdLink p}}{{else if isBadge}}**{{mdText v}}**{{else if isBr}}<br>{{/if}}{{/each}}`;
const MD_PARTS = `{{#each parts}}{{#if isText}}{{mdText v}}{{else if isCode}}{{mdCode v}}{{else if isLink}}{{mdLink p}}{{else if isBadge}}**{{mdText v}}**{{else if isBr}} {{/if}}{{/each}}`;

export const SITE_BODY_MD = `{{#each blocks}}
{{#if isVerdict}}# {{mdText text}}

${MD_PARTS}

{{/if}}
{{#if isH2}}## {{mdText text}}

{{/if}}
{{#if isH3}}### {{mdText text}}

{{/if}}
{{#if isP}}${MD_PARTS}

{{/if}}
{{#if isUl}}
{{#each items}}- ${MD_PARTS}
{{/each}}

{{/if}}
{{#if isPre}}{{mdFence text}}

{{/if}}
{{#if isDetailsOpen}}**{{mdText text}}**

{{/if}}
{{#if isTable}}{{mdText text}}

|{{#each headers}} {{mdCell this}} |{{/each}}
|{{#each headers}}---|{{/each}}
{{#each rows}}|{{#each cells}} {{#if plain}}{{mdCell plain}}{{else}}${MD_CELL_PARTS}{{/if}} |{{/each}}
{{/each}}

{{/if}}
{{/each}}`;
