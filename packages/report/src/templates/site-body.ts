// The body templates of the index, flakes and quarantine pages: one walk over the block list of
// ../site/blocks.ts, in HTML and in Markdown. Closed <details> hold only secondary content (history,
// per-test rows, chart data), never verdicts, checks, entries or steps (reports.md §4.14).

// The kinds are exclusive, so the order of the tests only decides how many run: the most frequent kinds of the
// scale scenario's rows (text, code, then the trace's hidden words) come first.
const htmlParts = (list: string): string => `{{#each ${list}}}{{#if isText}}{{v}}{{else if isCode}}<code>{{v}}</code>{{else if isHidden}}<span class="visually-hidden">{{v}}</span>{{else if isBadge}}<span class="badge badge-{{cls}}">{{v}}</span>{{else if isLink}}{{link p}}{{else if isBr}}<br>{{/if}}{{/each}}`;
const HTML_PARTS = htmlParts("parts");
/** A table cell (../site/blocks.ts Cell): its shortcut fields first, the part list last. */
const htmlCell = (at: string): string =>
  `{{#if ${at}plain}}{{${at}plain}}{{else if ${at}code}}<code>{{${at}code}}</code>{{else if ${at}link}}{{link ${at}link}}{{else}}${htmlParts(`${at}parts`)}{{/if}}`;

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
{{#if quarantineRows}}{{#each quarantineRows}}<tr{{#if anchor}} id="{{anchor}}"{{/if}}><th scope="row">{{id}}</th><td>{{suite}}</td><td>{{severity}}</td><td>{{status}}</td><td>{{owner}}</td><td>${htmlCell("clock.")}</td><td>${htmlCell("command.")}</td><td>{{link pointer}}</td><td>${htmlCell("evidence.")}</td></tr>
{{/each}}{{else if suiteRows}}{{#each suiteRows}}<tr><th scope="row">{{suite}}</th><td>{{group}}</td><td>{{outcomes}}</td><td>${htmlCell("trace.")}</td><td>{{flips}}</td><td>{{sources}}</td><td>{{durations}}</td><td>{{spread}}</td><td>{{fingerprints}}</td><td>{{bound}}</td><td>${htmlCell("command.")}</td></tr>
{{/each}}{{else}}{{#each rows}}<tr{{#if id}} id="{{id}}"{{/if}}><th scope="row">${htmlCell("head.")}</th>{{#each cells}}<td>${htmlCell("")}</td>{{/each}}</tr>
{{/each}}{{/if}}</tbody>
</table>
</div>
{{/if}}
{{/each}}`;

// Markdown: every mustache calls an md helper (lint-enforced by compileMarkdown). The flakes pages are HTML only
// (reports.md §3.3), so suite rows have no Markdown form; blocksMd refuses them rather than drop them.
const mdCellParts = (list: string): string => `{{#each ${list}}}{{#if isText}}{{mdCell v}}{{else if isCode}}{{mdCellCode v}}{{else if isLink}}{{mdLink p "cell"}}{{else if isBadge}}**{{mdText v}}**{{else if isBr}}<br>{{/if}}{{/each}}`;
const mdCellOf = (at: string): string =>
  `{{#if ${at}plain}}{{mdCell ${at}plain}}{{else if ${at}code}}{{mdCellCode ${at}code}}{{else if ${at}link}}{{mdLink ${at}link "cell"}}{{else}}${mdCellParts(`${at}parts`)}{{/if}}`;
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
{{#if quarantineRows}}{{#each quarantineRows}}| {{mdCell id}} | {{mdCell suite}} | {{mdCell severity}} | {{mdCell status}} | {{mdCell owner}} | ${mdCellOf("clock.")} | ${mdCellOf("command.")} | {{mdLink pointer "cell"}} | ${mdCellOf("evidence.")} |
{{/each}}{{else}}{{#each rows}}| ${mdCellOf("head.")} |{{#each cells}} ${mdCellOf("")} |{{/each}}
{{/each}}{{/if}}

{{/if}}
{{/each}}`;
