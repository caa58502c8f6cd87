// Templates and the HTML environment (reports.md §4.11–§4.12): no triple-stash anywhere, helpers exactly
// eq/link/todo/trusted, `trusted` only for TrustedHtml, pointers classified per §4.10.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
import { compileHtml, TrustedHtml } from "../src/site/html-env.ts";
import { resolvePointer } from "../src/site/pointers.ts";
import { axisMax, barChart, coord, lineChart } from "../src/site/charts.ts";

const TEMPLATES = fileURLToPath(new URL("../src/templates/", import.meta.url));

test("no template source contains {{{", () => {
  const files = fs.readdirSync(TEMPLATES).filter((f) => f.endsWith(".ts"));
  assert.ok(files.length >= 2);
  for (const f of files) assert.ok(!fs.readFileSync(path.join(TEMPLATES, f), "utf8").includes("{{{"), f);
  assert.throws(() => compileHtml("{{{x}}}"), /forbidden/);
});

test("the HTML environment knows exactly eq, link, todo and trusted; strict mode refuses a missing field", () => {
  assert.throws(() => compileHtml<object>("{{shout a}}")({ a: "x" }), /knownHelpersOnly|shout/);
  assert.throws(() => compileHtml<object>("{{missing}}")({}), /missing/);
  assert.equal(compileHtml<{ a: string }>('{{#if (eq a "x")}}yes{{/if}}')({ a: "x" }), "yes");
  assert.equal(compileHtml<object>('{{todo "k" "write <this>"}}')({}), '<mark class="todo">TODO(k): write &lt;this&gt;</mark>');
  assert.equal(compileHtml<{ v: string }>("{{v}}")({ v: "<a href='x'>`=&" }), "&lt;a href&#x3D;&#x27;x&#x27;&gt;&#x60;&#x3D;&amp;");
});

test("trusted accepts only TrustedHtml; link accepts only a PointerView", () => {
  const t = compileHtml<{ v: unknown }>("{{trusted v}}");
  assert.equal(t({ v: TrustedHtml.fromEscaped("<b>ok</b>") }), "<b>ok</b>");
  assert.throws(() => t({ v: "<b>raw</b>" }), /not TrustedHtml/);
  const l = compileHtml<{ v: unknown }>("{{link v}}");
  assert.throws(() => l({ v: "javascript:alert(1)" }), /PointerView/);
  assert.equal(l({ v: { kind: "link", href: "https://x.example/a?b=1&c=2", text: "t" } }), '<a href="https://x.example/a?b&#x3D;1&amp;c&#x3D;2" rel="noopener noreferrer">t</a>');
});

test("control characters and lone surrogates become U+FFFD in rendered HTML", () => {
  assert.equal(compileHtml<{ v: string }>("{{v}}")({ v: "a\u0007b\ud800c\u009fd\te\nf" }), "a\uFFFDb\uFFFDc\uFFFDd\te\nf");
});

test("pointer classification (§4.10)", () => {
  const files = { has: (p: string) => p === "wasm/release/x.json" || p === "a.json" };
  const r = (v: string) => resolvePointer(v, files, "../in");
  assert.deepEqual(r("https://ci.example/run/1"), { kind: "link", href: "https://ci.example/run/1", text: "https://ci.example/run/1" });
  assert.deepEqual(r("  HTTPS://ci.example/x  ").kind, "link");
  assert.equal(r("https://ci.example/a b").kind, "removed");
  assert.equal(r('https://x.example/"><script>').kind, "removed");
  for (const bad of ["javascript:alert(1)", " JaVaScRiPt:x", "//evil.example/x", "data:text/html,x", "file:///etc/passwd", "/abs/path.json", "C:\\x\\y.json", "vbscript:x"]) {
    assert.equal(r(bad).kind, "removed", bad);
  }
  assert.deepEqual(r("artifacts/wasm/release/x.json#frag"), { kind: "link", href: "../in/wasm/release/x.json#frag", text: "artifacts/wasm/release/x.json#frag" });
  assert.deepEqual(r("./a.json"), { kind: "link", href: "../in/a.json", text: "./a.json" });
  assert.equal(r("../../a.json").kind, "dangling");
  assert.equal(r("nowhere.json").kind, "dangling");
});

test("chart arithmetic: axis to a multiple of 5, 2-decimal coordinates, ids by position, No data when empty", () => {
  assert.equal(axisMax([], null), 5);
  assert.equal(axisMax([5.01], null), 10);
  assert.equal(axisMax([1], 12), 15);
  assert.equal(coord(12.5), "12.5");
  assert.equal(coord(3), "3");
  assert.equal(coord(1 / 3), "0.33");
  assert.equal(lineChart([], null, { k: 1, title: "t", unit: "", fmt: String }), null);
  const one = lineChart([{ label: "2026-03-10", value: 2 }], null, { k: 2, title: "t<", unit: " %", fmt: String })!.html;
  assert.ok(one.includes('aria-labelledby="chart-2-title chart-2-desc"') && one.includes('<circle class="chart-point" cx="335"'));
  assert.ok(one.includes("<title id=\"chart-2-title\">t&lt;</title>"));
  const long = "x".repeat(45);
  const bars = barChart([{ label: long, value: 3 }], 2, { k: 1, title: "b", unit: "", fmt: String })!.html;
  assert.ok(bars.includes('viewBox="0 0 640 58"') && bars.includes(`${"x".repeat(39)}…`) && bars.includes(`<title>${long}</title>`));
});
