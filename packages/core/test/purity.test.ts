// Architecture: core is pure (README "Packages"; style.md §1.1, §1.9): no file system, no processes,
// no env, no clock, no randomness, and zod is its only dependency.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

const CORE_ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = path.join(CORE_ROOT, "src");

interface SourceFile {
  rel: string;
  text: string;
  /** The text with comments removed, for checks that a comment may legitimately mention. */
  code: string;
}

/** Block comments, and line comments that start a line or follow whitespace (so `"https://…"` stays). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|\s)\/\/.*$/gm, "$1");
}

function sourceFiles(): SourceFile[] {
  const entries = fs.readdirSync(SRC, { recursive: true, encoding: "utf8" });
  return entries
    .filter((rel) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(rel))
    .map((rel) => path.join(SRC, rel))
    .filter((abs) => fs.statSync(abs).isFile())
    .sort()
    .map((abs) => {
      const text = fs.readFileSync(abs, "utf8");
      return { rel: path.relative(CORE_ROOT, abs).split(path.sep).join("/"), text, code: stripComments(text) };
    });
}

/** Every module specifier: static imports/exports, side-effect imports, dynamic import(), require(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^"'`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1] ?? "");
  return out;
}

const FORBIDDEN_MODULES = new Set(["fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process", "process", "node:process"]);

/** [what, pattern] checked against code with comments removed. */
const FORBIDDEN_CODE: [string, RegExp][] = [
  ["process.", /\bprocess\s*\./],
  ["Date.now(", /\bDate\s*\.\s*now\s*\(/],
  ["new Date() with no arguments", /\bnew\s+Date\s*\(\s*\)/],
  ["new Date without arguments or parentheses", /\bnew\s+Date\b(?!\s*\()/],
  ["Math.random(", /\bMath\s*\.\s*random\s*\(/],
];

test("the lister reads every core source file (refuses an empty or tiny walk)", () => {
  const files = sourceFiles();
  assert.ok(files.length > 10, `only ${files.length} files found under ${SRC}`);
  // The walk is recursive: the subfolders are included.
  for (const dir of ["gate/", "schemas/", "playbook/"]) {
    assert.ok(files.some((f) => f.rel.startsWith(`src/${dir}`)), `no file under src/${dir}`);
  }
  for (const known of ["src/index.ts", "src/format.ts", "src/timestamp.ts", "src/reactivation-evidence.ts"]) {
    assert.ok(files.some((f) => f.rel === known), `${known} not read`);
  }
});

test("the import and code scanners catch what they look for", () => {
  // Guard against a scanner that never matches: it must flag these samples.
  const sample = [
    'import fs from "node:fs";',
    "import { spawn } from 'child_process';",
    'import process from "node:process";',
    'import "fs";',
    'const cp = await import("node:child_process");',
    'export { x } from "process";',
    "import type { Stats } from \"fs\";",
  ].join("\n");
  assert.equal(specifiers(sample).length, 7);
  assert.deepEqual(
    specifiers(sample).filter((s) => FORBIDDEN_MODULES.has(s)).sort(),
    ["child_process", "fs", "fs", "node:child_process", "node:fs", "node:process", "process"],
  );
  const hits = (code: string): string[] => FORBIDDEN_CODE.filter(([, re]) => re.test(stripComments(code))).map(([what]) => what);
  assert.deepEqual(hits("const e = process.env.X;"), ["process."]);
  assert.deepEqual(hits("const t = Date.now();"), ["Date.now("]);
  assert.deepEqual(hits("const d = new Date();"), ["new Date() with no arguments"]);
  assert.deepEqual(hits("const d = new Date;"), ["new Date without arguments or parentheses"]);
  assert.deepEqual(hits("const r = Math.random();"), ["Math.random("]);
  // Allowed: a Date built from a given instant, and a comment that mentions the rule.
  assert.deepEqual(hits("const d = new Date(ms); // never Date.now() or process.env"), []);
});

test("no core file imports fs, child_process or process", () => {
  const violations: string[] = [];
  for (const file of sourceFiles()) {
    for (const spec of specifiers(file.text)) {
      if (FORBIDDEN_MODULES.has(spec)) violations.push(`${file.rel}: imports ${spec}`);
    }
  }
  assert.deepEqual(violations, []);
});

test("core imports only zod and its own files", () => {
  const violations: string[] = [];
  let relative = 0;
  for (const file of sourceFiles()) {
    for (const spec of specifiers(file.text)) {
      if (spec.startsWith("./") || spec.startsWith("../")) {
        relative += 1;
        const target = path.resolve(SRC, path.dirname(path.relative("src", file.rel)), spec);
        if (!target.startsWith(SRC + path.sep)) violations.push(`${file.rel}: ${spec} leaves core/src`);
        if (!spec.endsWith(".ts")) violations.push(`${file.rel}: ${spec} lacks the .ts extension`);
      } else if (spec !== "zod") {
        violations.push(`${file.rel}: imports ${spec}`);
      }
    }
  }
  assert.deepEqual(violations, []);
  assert.ok(relative > 10, `only ${relative} relative imports seen: the scanner is not reading imports`);
});

test("no core file touches process, the clock or randomness", () => {
  const violations: string[] = [];
  for (const file of sourceFiles()) {
    for (const [what, re] of FORBIDDEN_CODE) {
      if (re.test(file.code)) violations.push(`${file.rel}: ${what}`);
    }
    if (/\bglobalThis\s*\.\s*(process|Deno)\b|\bDeno\s*\./.test(file.code)) violations.push(`${file.rel}: runtime global`);
  }
  assert.deepEqual(violations, []);
});

test("core's package.json depends on zod only", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(CORE_ROOT, "package.json"), "utf8")) as Record<string, unknown>;
  const deps = pkg.dependencies as Record<string, string> | undefined;
  assert.ok(deps !== undefined, "core has no dependencies field");
  assert.deepEqual(Object.keys(deps), ["zod"]);
  assert.match(deps.zod ?? "", /^\^?4\./);
  for (const field of ["peerDependencies", "optionalDependencies", "bundleDependencies", "bundledDependencies"]) {
    assert.equal(pkg[field], undefined, `core must not declare ${field}`);
  }
});
