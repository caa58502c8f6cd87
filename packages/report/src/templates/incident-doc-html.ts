// The HTML form of the incident/rollback/postmortem document model (../incident/doc-model.ts). Built from string
// pieces at module load because the private HTML environment has no partials; no mustache is triple-stashed and
// every input value goes through Handlebars escaping or the link/todo helpers.
const INLINE = `{{#if this.todo}}{{todo this.todo.key this.todo.text}}{{else if this.link}}{{link this.link}}{{else if this.code}}<code>{{this.code}}</code>{{else if this.strong}}<strong>{{this.text}}</strong>{{else}}{{this.text}}{{/if}}`;

const TABLE = `<div class="table-scroll" role="region" aria-label="{{this.table.caption}}" tabindex="0"><table>
<caption>{{this.table.caption}}</caption>
<thead><tr>{{#each this.table.head}}<th scope="col">{{this}}</th>{{/each}}</tr></thead>
<tbody>
{{#each this.table.rows}}
<tr>{{#each this}}{{#if @first}}<th scope="row">{{#each this}}${INLINE}{{/each}}</th>{{else}}<td>{{#each this}}${INLINE}{{/each}}</td>{{/if}}{{/each}}</tr>
{{/each}}
</tbody>
</table></div>`;

const LIST = `{{#if this.list.ordered}}<ol>{{else}}<ul>{{/if}}
{{#each this.list.items}}
<li>{{#each this.inlines}}${INLINE}{{/each}}{{#if this.sub.length}}<ul>{{#each this.sub}}<li>{{#each this}}${INLINE}{{/each}}</li>{{/each}}</ul>{{/if}}{{#each this.parts}}{{#if this.p}}<p>{{#each this.p}}${INLINE}{{/each}}</p>{{else}}<pre><code>{{this.code}}</code></pre>{{/if}}{{/each}}</li>
{{/each}}
{{#if this.list.ordered}}</ol>{{else}}</ul>{{/if}}`;

export const INCIDENT_DOC_HTML = `{{#each blocks}}
{{#if this.h2}}
<h2>{{this.h2}}</h2>
{{else if this.h3}}
<h3>{{this.h3}}</h3>
{{else if this.p}}
<p>{{#each this.p}}${INLINE}{{/each}}</p>
{{else if this.code}}
<pre><code>{{this.code}}</code></pre>
{{else if this.table}}
${TABLE}
{{else if this.list}}
${LIST}
{{/if}}
{{/each}}
`;
