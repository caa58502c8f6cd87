// Test support for `flakewarden pilot`: fixture trees, the E(…) event of pilot.md §8, runners.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { assertNoCrash, fixture, runCli, tempDir, write, type CliResult } from "./cli.ts";

export const PILOT_NOW = "2026-03-03T00:00:00Z";
export const SUMMARY = "artifacts/pilot/pilot_observability_summary.json";
export const ALERTS = "artifacts/pilot/pilot_observability_alerts.ndjson";
export const COHORT_OUT = "artifacts/pilot/pilot_cohort_eval.json";
export const COHORT_LOG = "artifacts/pilot/pilot_intake.ndjson";

export function pilotFixture(name: string): string {
  return fixture(`pilot/${name}`);
}

/** A temp dir holding the three reference inputs plus `files`. */
export function pilotTree(files: Record<string, string | object> = {}): string {
  const root = tempDir("fw-pilot-");
  for (const name of ["telemetry_pass.json", "telemetry_fail_injection.json", "cohort_mixed.json"]) write(root, name, pilotFixture(name));
  for (const [rel, content] of Object.entries(files)) write(root, rel, content);
  return root;
}

/** E(…) of pilot.md §8: the first event of telemetry_pass.json with overrides (undefined deletes). */
export function E(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const first = JSON.parse(pilotFixture("telemetry_pass.json")).events[0] as Record<string, unknown>;
  const out: Record<string, unknown> = { ...first, ...overrides };
  for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete out[k];
  return out;
}

export function evaluate(root: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(root, ["pilot", "evaluate", ...args], { env });
}

export function cohort(root: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(root, ["pilot", "cohort", ...args], { env });
}

/** Evaluate `input` (written as telemetry.json) with --now; outputs at the default paths. */
export async function evaluateInput(input: unknown, args: string[] = [], files: Record<string, string | object> = {}): Promise<{ root: string; r: CliResult }> {
  const root = pilotTree({ ...files, "telemetry.json": typeof input === "string" ? input : JSON.stringify(input) });
  const r = await evaluate(root, ["--telemetry-input", "telemetry.json", "--now", PILOT_NOW, ...args]);
  return { root, r };
}

export function readOut(root: string, rel: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));
}

export function ndjson(root: string, rel: string): any[] {
  const text = fs.readFileSync(path.join(root, rel), "utf8");
  if (text === "") return [];
  assert.ok(text.endsWith("\n"), "every NDJSON line ends with \\n");
  return text.slice(0, -1).split("\n").map((l) => JSON.parse(l));
}

export function has(root: string, rel: string): boolean {
  return fs.existsSync(path.join(root, rel));
}

/** The stderr lines after the header that start with a JSON path. */
export function problemLines(r: CliResult): string[] {
  return r.stderr.split("\n").filter((l) => l.startsWith("$"));
}

/**
 * "Exit 2 (P)" of pilot.md §8: exit 2, a problem line starting with P, no stack trace, empty
 * stdout, no file at either output path.
 */
export function assertExit2At(root: string, r: CliResult, pathPrefix: string, outputs: readonly string[] = [SUMMARY, ALERTS]): void {
  assertNoCrash(r);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.ok(
    problemLines(r).some((l) => l.startsWith(`${pathPrefix}:`)),
    `expected a problem line at ${pathPrefix}, got:\n${r.stderr}`,
  );
  for (const rel of outputs) assert.ok(!has(root, rel), `${rel} must not exist after exit 2`);
}

/** An exit-2 run whose single line is `flakewarden pilot <sub>: …`. */
export function assertUsage(r: CliResult, pattern: RegExp): void {
  assertNoCrash(r);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, pattern);
  assert.equal(r.stderr.split("\n").filter((l) => l !== "").length, 1, r.stderr);
}
