// Test support for `flakewarden detect`: projects with real suites, in-process runs with a
// controlled environment, and the masking of measured fields (detector.md §7.4).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/run.ts";
import { NOW, NOW_MS, tempDir, type CliResult } from "./cli.ts";

// The /proc probes are forensics' (its group-supervisor tests use them too).
export { isAlive, liveGroupMembers } from "../../../forensics/test/support/process-group.ts";

export const DETECT_FIXTURES = fileURLToPath(new URL("../fixtures/detect", import.meta.url));
export const OUT = "target/semantic-verification/flake";
export const NODE = process.execPath;

/** X(k) of detector.md §8: `node -e` code exiting 1 when FLAKEWARDEN_ITERATION ∈ k, else 0. */
export function exitOn(iterations: number[]): string[] {
  return [NODE, "-e", `process.exit(${JSON.stringify(iterations.map(String))}.includes(process.env.FLAKEWARDEN_ITERATION) ? 1 : 0)`];
}

/** A `node -e` suite command running the given code. */
export function nodeCode(code: string): string[] {
  return [NODE, "-e", code];
}

export function fixtureScript(name: string): string {
  return path.join(DETECT_FIXTURES, name);
}

/** A temp project whose flakewarden.json is `config` (or flakewarden.yaml when given as text). */
export function project(config: object | string, files: Record<string, string> = {}): string {
  const root = tempDir("fw-detect-");
  if (typeof config === "string") fs.writeFileSync(path.join(root, "flakewarden.yaml"), config);
  else fs.writeFileSync(path.join(root, "flakewarden.json"), `${JSON.stringify(config, null, 2)}\n`);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

export const TEST_COMMIT = "0123456789abcdef0123456789abcdef01234567";

/**
 * The environment suites inherit in tests: enough to find node and sh, nothing from CI, and a
 * fixed commit so runs on different runtimes or machines record the same commit_hash.
 */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", FLAKEWARDEN_COMMIT: TEST_COMMIT, ...extra };
}

export interface DetectRun extends CliResult {
  root: string;
  /** Parsed `<out>/latest/variance_dashboard.json`, or null. */
  dashboard: any;
  /** `<out>/latest/variance_events.ndjson` text, or null. */
  events: string | null;
}

/** `flakewarden detect --now NOW <args>` in-process. */
export async function detect(
  root: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; isTTY?: boolean; out?: string } = {},
): Promise<DetectRun> {
  let stdout = "";
  let stderr = "";
  const code = await main({
    argv: ["node", "flakewarden", "detect", "--now", NOW, ...args],
    env: baseEnv(options.env),
    cwd: root,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => NOW_MS,
    ...(options.isTTY === undefined ? {} : { isTTY: options.isTTY }),
  });
  const latest = path.join(root, options.out ?? OUT, "latest");
  const dashboardFile = path.join(latest, "variance_dashboard.json");
  const eventsFile = path.join(latest, "variance_events.ndjson");
  return {
    code,
    stdout,
    stderr,
    root,
    dashboard: fs.existsSync(dashboardFile) ? JSON.parse(fs.readFileSync(dashboardFile, "utf8")) : null,
    events: fs.existsSync(eventsFile) ? fs.readFileSync(eventsFile, "utf8") : null,
  };
}

export function suiteOf(dashboard: any, name: string): any {
  const found = dashboard.suites.find((s: any) => s.suite === name);
  if (found === undefined) throw new Error(`no suite ${name} in the dashboard`);
  return found;
}

/** Measured values replaced by a marker, as the spec's comparisons do (§7.4). */
export function maskDashboard(dashboard: any): any {
  const copy = structuredClone(dashboard);
  for (const suite of copy.suites) {
    for (const key of Object.keys(suite.duration_ms)) suite.duration_ms[key] = "<measured>";
    suite.duration_spread_pct = "<measured>";
    for (const run of suite.runs) {
      run.duration_ms = "<measured>";
      run.duration_ns = "<measured>";
      run.ended_at_ns = "<measured>";
    }
  }
  return copy;
}

/** Events text with timestamp_ns, duration_ns and artifact_hash masked, kept as text (big integers). */
export function maskEvents(text: string): string {
  return text
    .replace(/"timestamp_ns":(\d+|null)/g, '"timestamp_ns":"<measured>"')
    .replace(/"duration_ns":(\d+|null)/g, '"duration_ns":"<measured>"')
    .replace(/"artifact_hash":"[0-9a-f]*"/g, '"artifact_hash":"<measured>"');
}

/** Every file and directory below root (relative, sorted), to prove nothing was created. */
export function tree(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true, encoding: "utf8" }) as string[]).sort();
}
