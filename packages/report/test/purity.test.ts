// Architecture: packages/report is pure (README "Packages"; reports.md §1, §4.15): no file system, no
// processes, no environment, no clock, no randomness, no locale-dependent APIs. It imports only core,
// handlebars and node:crypto (hashes are the same bytes everywhere).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = path.join(ROOT, "src");

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|\s)\/\/.*$/gm, "$1");
}

function sources(): { rel: string; text: string; code: string }[] {
  return (fs.readdirSync(SRC, { recursive: true, encoding: "utf8" }) as string[])
    .filter((rel) => /\.(ts|mts|js|mjs)$/.test(rel))
    .sort()
    .map((rel) => {
      const text = fs.readFileSync(path.join(SRC, rel), "utf8");
      return { rel: `src/${rel.split(path.sep).join("/")}`, text, code: stripComments(text) };
    });
}

function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const re of [
    /\b(?:import|export)\s+(?:type\s+)?[^"'`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
  ]) for (const m of text.matchAll(re)) out.push(m[1] ?? "");
  return out;
}

const ALLOWED = new Set(["@flakewarden/core", "handlebars", "node:crypto"]);
const FORBIDDEN_CODE: [string, RegExp][] = [
  ["process.", /\bprocess\s*\./],
  ["Deno.", /\bDeno\s*\./],
  ["Date.now(", /\bDate\s*\.\s*now\s*\(/],
  ["new Date()", /\bnew\s+Date\s*\(\s*\)/],
  ["Math.random(", /\bMath\s*\.\s*random\s*\(/],
  ["Intl", /\bIntl\s*\./],
  ["toLocaleString", /\.toLocale\w*String\s*\(/],
  ["localeCompare", /\.localeCompare\s*\(/],
];

test("the report scanner reads the package and flags what it looks for", () => {
  const files = sources();
  assert.ok(files.length > 15, `only ${files.length} files`);
  assert.ok(files.some((f) => f.rel === "src/site/render-site.ts"));
  const hits = (code: string): string[] => FORBIDDEN_CODE.filter(([, re]) => re.test(stripComments(code))).map(([w]) => w);
  assert.deepEqual(hits("Date.now(); process.env.X; a.localeCompare(b); new Intl.NumberFormat(); x.toLocaleString()"), ["process.", "Date.now(", "Intl", "toLocaleString", "localeCompare"]);
  assert.deepEqual(specifiers('import fs from "node:fs";\nimport x from "./y.ts";'), ["node:fs", "./y.ts"]);
});

test("packages/report imports only core, handlebars, node:crypto and its own .ts files", () => {
  const violations: string[] = [];
  for (const f of sources()) {
    for (const spec of specifiers(f.text)) {
      if (spec.startsWith("./") || spec.startsWith("../")) {
        if (!spec.endsWith(".ts")) violations.push(`${f.rel}: ${spec} lacks .ts`);
        const target = path.resolve(SRC, path.dirname(f.rel.slice(4)), spec);
        if (!target.startsWith(SRC + path.sep)) violations.push(`${f.rel}: ${spec} leaves report/src`);
      } else if (!ALLOWED.has(spec)) {
        violations.push(`${f.rel}: imports ${spec}`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test("no report file touches process, the clock, randomness or locale APIs", () => {
  const violations: string[] = [];
  for (const f of sources()) for (const [what, re] of FORBIDDEN_CODE) if (re.test(f.code)) violations.push(`${f.rel}: ${what}`);
  assert.deepEqual(violations, []);
});

test("chart coordinates use no transcendental Math functions (§4.13, §4.15)", () => {
  const charts = fs.readFileSync(path.join(SRC, "site", "charts.ts"), "utf8");
  assert.doesNotMatch(stripComments(charts), /Math\.(pow|log|exp|sin|cos|tan|sqrt)\b|\*\*/);
});
