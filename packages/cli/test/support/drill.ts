// Test support for `flakewarden drill`: the pinned clock, the stub replay and where a drill at
// that clock writes, shared by the drill acceptance, signal and runtime tests.
import fs from "node:fs";
import path from "node:path";
import { FIXTURES, runCli, type CliResult } from "./cli.ts";

export const DRILL_NOW = "2026-03-06T10:00:00Z";
/** A replay that behaves as its flags and environment say (fixtures/drill/stub.fixture.mjs). */
export const DRILL_STUB = path.join(FIXTURES, "drill", "stub.fixture.mjs");
export const DRILL_OUT = "target/e2e-results/wasm_incident_forensics";
/** The artifacts directory a drill at DRILL_NOW writes. */
export const DRILL_DIR = `${DRILL_OUT}/artifacts_20260306_100000`;

/** `flakewarden drill --now DRILL_NOW …` in process. */
export async function drill(cwd: string, args: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(cwd, ["drill", "--now", DRILL_NOW, ...args], { env });
}

/** The drill's incident_events.ndjson, one parsed object per line. */
export function drillEvents(root: string): any[] {
  return fs
    .readFileSync(path.join(root, DRILL_DIR, "incident_events.ndjson"), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l));
}
