// acceptance 38 (the test half): the scale scenario of reports.md §4.16 paginates and stays small. Timing
// is measured by bench/report.bench.mjs, never asserted here.
import assert from "node:assert/strict";
import test from "node:test";
import { renderSite } from "../src/index.ts";
import { scaleDashboard, scaleManifest } from "./support/scale-fixture.ts";

const ENC = new TextEncoder();

test("acceptance 38: 10,000 entries and 10,000 suites → 50 quarantine pages per format, 50 flakes pages, pages under 1 MiB, index under 200 KiB", () => {
  const files = renderSite({
    inputs: [
      { path: "variance_dashboard.json", bytes: ENC.encode(JSON.stringify(scaleDashboard())), skipped: null },
      { path: "wasm_flake_quarantine_manifest.json", bytes: ENC.encode(JSON.stringify(scaleManifest())), skipped: null },
    ],
    fileIndex: new Set(["variance_dashboard.json", "wasm_flake_quarantine_manifest.json"]),
    linkPrefix: "../in",
    now: "2026-03-10T12:00:00Z",
    clockSource: "--now",
    toolVersion: "0.0.0-test",
    formats: ["html", "md"],
  }).files;
  const names = files.map((f) => f.path);
  assert.equal(names.filter((p) => /^quarantine(-\d+)?\.html$/.test(p)).length, 50);
  assert.equal(names.filter((p) => /^quarantine(-\d+)?\.md$/.test(p)).length, 50);
  assert.equal(names.filter((p) => /^flakes(-\d+)?\.html$/.test(p)).length, 50);
  assert.equal(names.filter((p) => p.startsWith("flakes") && p.endsWith(".md")).length, 0);
  for (const f of files.filter((x) => x.path.endsWith(".html"))) assert.ok(f.bytes.length < 1024 * 1024, `${f.path}: ${f.bytes.length} bytes`);
  const index = files.find((f) => f.path === "index.html")!;
  assert.ok(index.bytes.length < 200 * 1024, `index.html: ${index.bytes.length} bytes`);
});
