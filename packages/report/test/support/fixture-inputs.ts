// Reads a fixture directory into renderSite's inputs (the CLI's walk, simplified: fixtures hold no
// symlinks, unreadable or oversized files).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RenderSiteOptions } from "../../src/index.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const GOLDEN = fileURLToPath(new URL("../golden/", import.meta.url));
export const SCENARIOS = ["all-pass", "gate-fail-incident", "original-format", "hostile", "dashboard-only", "invalid-inputs"] as const;
export const GOLDEN_NOW = "2026-03-10T12:00:00Z";

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function fixtureOptions(dir: string, linkPrefix: string, formats: ("html" | "md")[] = ["html", "md"]): RenderSiteOptions {
  const files = (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[])
    .map((rel) => rel.split(path.sep).join("/"))
    .filter((rel) => fs.statSync(path.join(dir, rel)).isFile())
    .sort(cmp);
  const inputs = files
    .filter((rel) => rel.endsWith(".json") || rel.endsWith(".ndjson"))
    .map((rel) => ({ path: rel, bytes: new Uint8Array(fs.readFileSync(path.join(dir, rel))), skipped: null }));
  return { inputs, fileIndex: new Set(files), linkPrefix, now: GOLDEN_NOW, clockSource: "--now", toolVersion: "0.0.0-golden", formats };
}

export function scenarioOptions(scenario: string): RenderSiteOptions {
  return fixtureOptions(path.join(FIXTURES, scenario), `../../fixtures/${scenario}`);
}
