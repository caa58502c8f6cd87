// The HTML page frame (reports.md §4.14). The stylesheet is spliced into the template source at module
// load (never through a mustache: escaping would corrupt CSS) and its sha256 goes into the CSP meta.
// The page body is placed between LAYOUT_HEAD and LAYOUT_TAIL by the assembler.
import { SITE_CSS } from "../site/style.ts";

export const LAYOUT_HEAD = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-{{cssHash}}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{title}}</title>
<link rel="icon" href="data:,">
<style>${SITE_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<span class="site-title">flakewarden report</span>
<span id="badge" class="badge badge-{{badgeClass}}">{{badgeText}}</span>
</header>
<nav aria-label="Report pages">
<ul>
{{#each nav}}<li>{{#if current}}<a href="{{href}}" aria-current="page">{{text}}</a>{{else}}<a href="{{href}}">{{text}}</a>{{/if}}</li>
{{/each}}</ul>
</nav>
<main id="main">
{{#if h1}}<h1>{{h1}}</h1>
{{/if}}`;

export const LAYOUT_TAIL = `</main>
<footer>
<p>As of {{now}} ({{clockSource}}) · flakewarden {{toolVersion}}</p>
</footer>
</body>
</html>
`;
