// The Markdown helpers and the shared character rules (reports.md §4.11).
import assert from "node:assert/strict";
import { test } from "node:test";
import MarkdownIt from "markdown-it";
import { compileMarkdown, lintMarkdownTemplate } from "../src/markdown/md-env.ts";
import { mdCell, mdCellCode, mdCode, mdFence, mdLink, mdText } from "../src/markdown/md-helpers.ts";
import { commandText, hasBidi, replaceControls, revealBidi } from "../src/text/sanitize.ts";

const md = new MarkdownIt({ html: true });
const inline = (src: string): string => md.renderInline(src);

/** Unescaped pipes: those not preceded by an odd number of backslashes (the §7 static check). */
function pipeCount(line: string): number {
  let n = 0;
  for (const m of line.matchAll(/(\\*)\|/g)) if ((m[1] ?? "").length % 2 === 0) n++;
  return n;
}

test("replaceControls: C0/C1 except TAB and LF, and lone surrogates, become U+FFFD; CRLF is a line break", () => {
  assert.equal(replaceControls("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg"), "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg");
  assert.equal(replaceControls("tab\there\nline"), "tab\there\nline");
  assert.equal(replaceControls("x\ud800y\udc00z"), "x\uFFFDy\uFFFDz");
  assert.equal(replaceControls("pair \ud83d\ude00 kept"), "pair \ud83d\ude00 kept");
  assert.equal(replaceControls("a\r\nb\rc"), "a\nb\uFFFDc");
});

test("revealBidi: bidirectional controls become visible <U+XXXX> text", () => {
  assert.equal(revealBidi("ls \u202e txt.exe"), "ls <U+202E> txt.exe");
  assert.equal(revealBidi("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069"), "<U+202A><U+202B><U+202C><U+202D><U+2066><U+2067><U+2068><U+2069>");
  assert.equal(hasBidi("plain"), false);
  assert.deepEqual(commandText("a\u2066b\u0000"), { text: "a<U+2066>b\uFFFD", bidi: true });
});

test("mdText escapes every inline special character and leading block markers", () => {
  assert.equal(mdText("a\\b`c*d_e[f]g<h>i|j~k&l#m"), "a\\\\b\\`c\\*d_e\\[f\\]g\\<h\\>i\\|j\\~k\\&l\\#m");
  for (const [value, want] of ([["- item", "\\- item"], ["+ item", "\\+ item"], ["= x", "\\= x"], ["12. x", "12\\. x"], ["3) x", "3\\) x"], ["  - x", "  \\- x"]] as [string, string][])) {
    assert.equal(mdText(value), want);
    assert.equal(md.render(mdText(value)), `<p>${value.trim()}</p>\n`, value);
  }
  assert.equal(mdText("one\ntwo\r\nthree"), "one two three");
  assert.equal(mdText("1.2.3"), "1.2.3");
  assert.equal(mdText("TODO(root_cause.summary) _x_ a_ _b a__b"), "TODO(root_cause.summary) \\_x\\_ a\\_ \\_b a\\_\\_b");
  assert.equal(inline(mdText("snake_case_name _em_ __strong__")), "snake_case_name _em_ __strong__");
  assert.equal(mdText("7."), "7\\.");
  assert.equal(mdText(null), "");
  assert.equal(mdText(42), "42");
  // Rendered, hostile text stays text.
  assert.equal(inline(mdText("<img src=x onerror=alert(1)>")), "&lt;img src=x onerror=alert(1)&gt;");
  assert.equal(inline(mdText("*a* _b_ [c](d) `e` &amp;")), "*a* _b_ [c](d) `e` &amp;amp;");
});

test("mdCell joins the lines with <br> and keeps the table's column count", () => {
  assert.equal(mdCell("a|b\nc"), "a\\|b<br>c");
  const row = `| ${mdCell("x | y\n- z")} | ${mdCell("q")} |`;
  assert.equal(pipeCount(row), 3);
  const html = md.render(`| a | b |\n| --- | --- |\n${row}\n`);
  assert.match(html, /<td>x \| y<br>- z<\/td>\s*<td>q<\/td>/);
});

test("mdCode: a fence no backtick run can close, padded when needed", () => {
  assert.equal(mdCode("npm view x"), "`npm view x`");
  assert.equal(mdCode("a ``b`` c"), "```a ``b`` c```");
  assert.equal(mdCode("`x"), "`` `x ``");
  assert.equal(mdCode(""), "` `");
  assert.equal(mdCode(" a "), "`  a  `");
  assert.equal(inline(mdCode("$(id) `id` | tee x")), "<code>$(id) `id` | tee x</code>");
  assert.equal(inline(mdCode(" a ")), "<code> a </code>");
  assert.equal(mdCode("a\u202eb"), "`a<U+202E>b` (contains invisible bidirectional characters)");
});

test("mdCellCode escapes pipes so a table row keeps its column count", () => {
  for (const value of ["a|b`c", "$(id) `id` | tee x", "x\\\\|y", "a\\|b", "||"]) {
    const row = `| ${mdCellCode(value)} | z |`;
    assert.equal(pipeCount(row), 3, value);
    const html = md.render(`| a | b |\n| --- | --- |\n${row}\n`);
    assert.match(html, /<td><code>[^<]*<\/code><\/td>\s*<td>z<\/td>/, value);
  }
  assert.match(md.render(`| a |\n| --- |\n| ${mdCellCode("a|b`c")} |\n`), /<code>a\|b`c<\/code>/);
});

test("mdFence: max(3, longest run + 1) backticks, info sh, verbatim content", () => {
  assert.equal(mdFence(["echo 'a' \"b\"", "x $(id)"]), "```sh\necho 'a' \"b\"\nx $(id)\n```");
  assert.equal(mdFence("a ```` b"), "`````sh\na ```` b\n`````");
  assert.equal(mdFence("bad\u0000"), "```sh\nbad\uFFFD\n```");
  const html = md.render(mdFence(["```", "<script>alert(1)</script>"]));
  assert.match(html, /^<pre><code class="language-sh">```\n&lt;script&gt;/);
  assert.match(mdFence("rm \u2067x"), /<U\+2067>[\s\S]*contains invisible bidirectional characters/);
});

test("mdLink: links in angle brackets, dangling and removed pointers as code with their badge", () => {
  assert.equal(mdLink({ kind: "link", href: "../in/a b.json", text: "a b.json" }), "[a b.json](<../in/a b.json>)");
  assert.equal(mdLink({ kind: "dangling", text: "x/y.json" }), "`x/y.json` (not found under --in)");
  assert.equal(mdLink({ kind: "removed", text: "javascript:alert(1)" }), "`javascript:alert(1)` (link removed)");
  assert.equal(mdLink("Postmortem", "postmortem.md"), "[Postmortem](<postmortem.md>)");
  assert.equal(mdLink({ kind: "link", href: "https://e.example/<x>", text: "[t]" }), "[\\[t\\]](<https://e.example/%3Cx%3E>)");
  assert.match(md.render(mdLink({ kind: "link", href: "../in/a b.json", text: "a" })), /href="\.\.\/in\/a%20b\.json"/);
  assert.equal(mdLink(null), "");
  assert.equal(mdLink({ kind: "removed", text: "a|b" }, "cell"), "`a\\|b` (link removed)");
  assert.equal(mdLink({ kind: "link", href: "https://e.example/a|b", text: "a|b" }, "cell"), "[a\\|b](<https://e.example/a%7Cb>)");
});

test("markdown environment: noEscape, helpers only, unknown helpers and missing fields throw", () => {
  const t = compileMarkdown("# {{mdText title}}\n\n{{#each rows}}| {{mdCell this}} |\n{{/each}}{{mdFence cmd}}\n");
  assert.equal(t({ title: "a & 'b'", rows: ["x"], cmd: "it's \"q\"" }), "# a \\& 'b'\n\n| x |\n```sh\nit's \"q\"\n```\n");
  assert.throws(() => compileMarkdown("{{title}}"), /mustache without an md helper/);
  assert.throws(() => compileMarkdown("{{{mdText title}}}"), /\{\{\{/);
  assert.throws(() => compileMarkdown("{{mdText title}}")({}), /markdown helper mdText: an argument is undefined/);
  assert.deepEqual(lintMarkdownTemplate("{{#if a}}{{mdText a}}{{else}}{{mdCode b}}{{/if}}{{!-- note --}}"), []);
  assert.deepEqual(lintMarkdownTemplate("{{lookup a 'b'}} {{ x }}"), ["mustache without an md helper: {{lookup a 'b'}}", "mustache without an md helper: {{x}}"]);
});
