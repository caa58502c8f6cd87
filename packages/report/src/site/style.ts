// The one stylesheet of the site (reports.md §4.14). It is written into the layout's source at module
// load, never through a mustache (escaping would corrupt CSS), and its sha256 goes into the CSP.
//
// Ownership: this file belongs to the site workstream (layout, index, flakes, quarantine). The incident /
// rollback_instructions / postmortem pages may add rules for their own pages ONLY inside the block marked
// "incident pages" at the end of SITE_CSS. Keep every colour at >= 4.5:1 on both backgrounds of its mode.

const BASE_CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--bg2:#f3f4f6;--text:#1b1f24;--muted:#57606a;--pass:#116329;--fail:#a40e26;--warn:#7d4e00;--link:#0550ae;--todo:#6639ba;--rule:#d0d7de}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--bg2:#1e2227;--text:#e6edf3;--muted:#9da7b3;--pass:#56d364;--fail:#ff7b72;--warn:#e3b341;--link:#79c0ff;--todo:#d2a8ff;--rule:#3d444d}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
a{color:var(--link);text-decoration:underline}
.skip{position:absolute;left:-10000px;top:0}
.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:1}
header,nav,main,footer{max-width:1200px;margin:0 auto;padding:8px 16px}
header{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;border-bottom:1px solid var(--rule)}
.site-title{font-weight:600}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
footer{color:var(--muted);border-top:1px solid var(--rule);font-size:13px}
h1{font-size:1.6rem;margin:.4em 0}
h2{font-size:1.3rem;margin:1.2em 0 .4em}
h3{font-size:1.1rem;margin:1em 0 .3em}
.muted{color:var(--muted)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:4px;padding:0 6px;font-size:.85em;font-weight:600}
.badge-pass{color:var(--pass)}
.badge-fail{color:var(--fail)}
.badge-warn{color:var(--warn)}
.badge-none{color:var(--muted)}
#verdict{color:#ffffff;padding:12px 16px;border-radius:6px;margin:8px 0}
#verdict h1{margin:0 0 4px}
#verdict.verdict-pass{background:#116329}
#verdict.verdict-fail,#verdict.verdict-no_verdict,#verdict.verdict-no_report{background:#a40e26}
.warnings li{color:var(--warn)}
.table-scroll{overflow-x:auto;max-width:100%;margin:8px 0}
table{border-collapse:collapse;font-size:14px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid var(--rule);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--bg2)}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;white-space:pre-wrap;overflow-wrap:anywhere}
pre{background:var(--bg2);padding:8px;border-radius:4px}
mark.todo{background:transparent;color:var(--todo);outline:1px solid var(--todo);font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
details{margin:8px 0}
summary{cursor:pointer}
svg{max-width:100%;height:auto}
svg text{fill:var(--text);font-size:11px}
.chart-axis{stroke:var(--muted);stroke-width:1}
.chart-grid{stroke:var(--rule);stroke-width:1}
.chart-line{stroke:var(--link);stroke-width:2;fill:none}
.chart-point{fill:var(--link)}
.chart-bar{fill:var(--link)}
.chart-threshold{stroke:var(--fail);stroke-width:1.5;stroke-dasharray:6 4}
.pager ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 12px}
@media print{
nav,.skip{display:none}
body{background:#ffffff;color:#000000}
a{color:#000000}
a[href^="http"]::after{content:" (" attr(href) ")"}
tr{break-inside:avoid}
thead{display:table-header-group}
#verdict{color:#000000;background:#ffffff;border:2px solid #000000}
.table-scroll{overflow:visible}
}
`;

/* ---- incident pages (owned by the incident/rollback/postmortem workstream; append rules below) ---- */
const INCIDENT_PAGES_CSS = `
`;

/** The exact text between `<style>` and `</style>` on every page. */
export const SITE_CSS = `${BASE_CSS}${INCIDENT_PAGES_CSS}`;
