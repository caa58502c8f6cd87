// Static checks of every golden page (reports.md §7, acceptance 25 and 35): parse5 on HTML, markdown-it +
// parse5 on Markdown, the CSP hash, one h1, table pipe counts.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import test from "node:test";
import MarkdownIt from "markdown-it";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { renderSite } from "../src/index.ts";
import { SCENARIOS, scenarioOptions } from "./support/fixture-inputs.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];
const DECODER = new TextDecoder();

function elements(node: Node, out: Element[] = []): Element[] {
  if ("tagName" in node) out.push(node as Element);
  const kids = "childNodes" in node ? (node.childNodes as Node[]) : [];
  for (const k of kids) elements(k, out);
  if ("content" in node && node.content) elements(node.content as unknown as Node, out);
  return out;
}

function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return ("childNodes" in node ? (node.childNodes as Node[]) : []).map(textOf).join("");
}

const FORBIDDEN = new Set(["script", "img", "iframe", "object", "embed"]);

/** Problems of one HTML page; empty when it passes. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const els = elements(parse(html) as unknown as Node);
  for (const el of els) {
    if (FORBIDDEN.has(el.tagName)) problems.push(`<${el.tagName}> element`);
    for (const a of el.attrs) {
      if (/^on/i.test(a.name)) problems.push(`${a.name} attribute on <${el.tagName}>`);
      if (a.name === "style") problems.push(`style attribute on <${el.tagName}>`);
      if (a.name === "href" && !/^https?:/i.test(a.value) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(a.value) && a.value !== "data:,") problems.push(`href ${a.value}`);
      if (a.name === "href" && a.value.startsWith("//")) problems.push(`href ${a.value}`);
      if (a.name === "src") problems.push(`src attribute on <${el.tagName}>`);
    }
  }
  const h1 = els.filter((e) => e.tagName === "h1").length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  const head = els.find((e) => e.tagName === "head");
  const headEls = head === undefined ? [] : (head.childNodes as Node[]).filter((n): n is Element => "tagName" in n);
  const cspIndex = headEls.findIndex((e) => e.tagName === "meta" && e.attrs.some((a) => a.name === "http-equiv" && a.value === "Content-Security-Policy"));
  const styleIndex = headEls.findIndex((e) => e.tagName === "style");
  if (cspIndex < 0 || styleIndex < 0 || cspIndex > styleIndex) problems.push("CSP meta missing or after <style>");
  if (els.filter((e) => e.tagName === "style").length !== 1) problems.push("not exactly one <style>");
  const styleText = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
  const hash = createHash("sha256").update(styleText, "utf8").digest("base64");
  const csp = headEls[cspIndex]?.attrs.find((a) => a.name === "content")?.value ?? "";
  if (!csp.includes(`style-src 'sha256-${hash}'`)) problems.push("CSP hash does not match the style text");
  return problems;
}

function unescapedPipes(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== "|") continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && line[j] === "\\"; j--) slashes++;
    if (slashes % 2 === 0) n++;
  }
  return n;
}

/** Problems of one Markdown page; empty when it passes. */
export function markdownProblems(md: string): string[] {
  const problems: string[] = [];
  const lines = md.split("\n");
  let header: number | null = null;
  for (const [i, line] of lines.entries()) {
    if (!line.startsWith("|")) {
      header = null;
      continue;
    }
    const n = unescapedPipes(line);
    if (header === null) header = n;
    else if (n !== header) problems.push(`line ${i + 1}: ${n} pipes, header has ${header}`);
  }
  const html = new MarkdownIt({ html: true }).render(md);
  for (const el of elements(parse(html) as unknown as Node)) {
    if (el.tagName === "script" || el.tagName === "img") problems.push(`<${el.tagName}> in rendered Markdown`);
    for (const a of el.attrs) if (/^on/i.test(a.name)) problems.push(`${a.name} attribute in rendered Markdown`);
  }
  return problems;
}

const sites = SCENARIOS.map((s) => ({ scenario: s, files: renderSite(scenarioOptions(s)).files }));

test("acceptance 35: every HTML page has the CSP meta before <style> with a matching hash, no <script>, exactly one h1", () => {
  let pages = 0;
  for (const { scenario, files } of sites) {
    for (const f of files.filter((x) => x.path.endsWith(".html"))) {
      pages += 1;
      assert.deepEqual(htmlProblems(DECODER.decode(f.bytes)), [], `${scenario}/${f.path}`);
    }
  }
  assert.ok(pages >= 20, `only ${pages} pages checked`);
});

test("every Markdown page keeps its table column counts and renders without script, img or on* attributes", () => {
  let pages = 0;
  for (const { scenario, files } of sites) {
    for (const f of files.filter((x) => x.path.endsWith(".md"))) {
      pages += 1;
      assert.deepEqual(markdownProblems(DECODER.decode(f.bytes)), [], `${scenario}/${f.path}`);
    }
  }
  assert.ok(pages >= 12, `only ${pages} pages checked`);
});

test("the static checkers catch what they look for", () => {
  const good = DECODER.decode(sites[0]!.files.find((f) => f.path === "index.html")!.bytes);
  assert.deepEqual(htmlProblems(good), []);
  assert.ok(htmlProblems(good.replace("</main>", '<script>x</script><a href="javascript:x" onclick="y">z</a></main>')).length >= 3);
  assert.ok(htmlProblems(good.replace("<h1>", "<h1>x</h1><h1>")).some((p) => p.includes("h1")));
  assert.ok(htmlProblems(good.replace("body{", "body {")).includes("CSP hash does not match the style text"));
  assert.deepEqual(markdownProblems("| a | b |\n|---|---|\n| x \\| y | z |\n"), []);
  assert.equal(markdownProblems("| a | b |\n|---|---|\n| x | y | z |\n").length, 1);
  assert.ok(markdownProblems("<img src=x onerror=alert(1)>\n").length >= 1);
});

test("acceptance 25: hostile values are escaped, every hostile pointer shows link removed, Markdown cells keep their columns", () => {
  const files = sites.find((s) => s.scenario === "hostile")!.files;
  const html = DECODER.decode(files.find((f) => f.path === "quarantine.html")!.bytes);
  const md = DECODER.decode(files.find((f) => f.path === "quarantine.md")!.bytes);
  assert.deepEqual(htmlProblems(html), []);
  assert.deepEqual(markdownProblems(md), []);
  assert.ok(html.includes("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;"), "owner escaped");
  assert.ok(html.includes("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "suite escaped");
  for (const p of ["javascript:alert(1)", " JaVaScRiPt:x", "//evil.example/x", "data:text/html,x"]) {
    const shown = p.replace(/&/g, "&amp;").replace(/=/g, "&#x3D;").replace(/\//g, "/");
    const at = html.indexOf(`<code>${shown}</code> <span class="badge badge-fail">link removed</span>`);
    assert.ok(at >= 0, `pointer ${JSON.stringify(p)} not shown as link removed`);
  }
  assert.ok(md.includes("a\\|b\\`c"), "id with pipe and backtick escaped in Markdown");
  assert.ok(md.includes("``$(id) `id` \\| tee x``"), "command as inline code with escaped pipe");
  assert.ok(!/<img|<script/.test(md.replace(/\\</g, "")), "no raw tags in Markdown");
  assert.ok(html.includes("\uFFFD"), "control characters and lone surrogates become U+FFFD");
  assert.ok(!/[\u0007]/.test(html) && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(html));
});
