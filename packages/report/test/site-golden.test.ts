// Golden sites (reports.md §7): every scenario rendered through renderSite and compared byte for byte with
// test/golden/<scenario>/. UPDATE_GOLDEN=1 rewrites the goldens and deletes stale ones; a mismatch names
// the file and its first differing line.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { renderSite, type SiteFile } from "../src/index.ts";
import { GOLDEN, SCENARIOS, scenarioOptions } from "./support/fixture-inputs.ts";

const UPDATE = process.env.UPDATE_GOLDEN === "1";
const DECODER = new TextDecoder();

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[])
    .map((rel) => rel.split(path.sep).join("/"))
    .filter((rel) => fs.statSync(path.join(dir, rel)).isFile())
    .sort();
}

function firstDifference(expected: string, actual: string): string {
  const e = expected.split("\n");
  const a = actual.split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return `line ${i + 1}:\n  expected: ${JSON.stringify(e[i] ?? "<end of file>")}\n  actual:   ${JSON.stringify(a[i] ?? "<end of file>")}`;
  }
  return "bytes differ";
}

function compareWithGolden(scenario: string, files: readonly SiteFile[]): void {
  const dir = path.join(GOLDEN, scenario);
  if (UPDATE) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.bytes);
    }
    return;
  }
  assert.deepEqual(files.map((f) => f.path).sort(), listFiles(dir), `${scenario}: the set of files differs from the golden (UPDATE_GOLDEN=1 to refresh)`);
  for (const f of files) {
    const expected = fs.readFileSync(path.join(dir, f.path));
    if (!Buffer.from(f.bytes).equals(expected)) {
      assert.fail(`${scenario}/${f.path} differs from the golden at ${firstDifference(expected.toString("utf8"), DECODER.decode(f.bytes))}`);
    }
  }
}

for (const scenario of SCENARIOS) {
  test(`golden ${scenario}: renderSite output equals test/golden/${scenario}`, () => {
    compareWithGolden(scenario, renderSite(scenarioOptions(scenario)).files);
  });
}

test("acceptance 36: goldens rendered twice are byte-identical, and report_manifest.json lists every page with its sha256", () => {
  for (const scenario of SCENARIOS) {
    const a = renderSite(scenarioOptions(scenario)).files;
    const b = renderSite(scenarioOptions(scenario)).files;
    assert.deepEqual(a.map((f) => f.path), b.map((f) => f.path));
    a.forEach((f, i) => assert.ok(Buffer.from(f.bytes).equals(Buffer.from((b[i] as SiteFile).bytes)), `${scenario}/${f.path} differs between two renders`));
    const manifest = JSON.parse(DECODER.decode(a.find((f) => f.path === "report_manifest.json")!.bytes));
    const pages = a.filter((f) => f.path !== "report_manifest.json" && f.path !== ".flakewarden-report");
    assert.deepEqual(manifest.pages.map((p: { path: string }) => p.path), pages.map((f) => f.path), `${scenario}: manifest pages`);
    for (const p of manifest.pages as { path: string; sha256: string; bytes: number }[]) {
      const f = pages.find((x) => x.path === p.path)!;
      assert.equal(p.sha256, createHash("sha256").update(f.bytes).digest("hex"), `${scenario}/${p.path} sha256`);
      assert.equal(p.bytes, f.bytes.length);
    }
  }
});

test("the golden comparison fails on a changed byte and names the file and line", () => {
  const files = renderSite(scenarioOptions("dashboard-only")).files.map((f) => ({ ...f }));
  if (UPDATE) return;
  const i = files.findIndex((f) => f.path === "index.md");
  const text = DECODER.decode(files[i]!.bytes).replace("NO VERDICT", "NO VERDICt");
  files[i] = { path: "index.md", bytes: new TextEncoder().encode(text) };
  assert.throws(() => compareWithGolden("dashboard-only", files), /dashboard-only\/index\.md differs from the golden at line \d+/);
});
