// Test support: run the CLI in-process (main(io) with a fake process) or as a real child process.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/run.ts";

export const CLI_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const REPO_ROOT = path.resolve(CLI_ROOT, "../..");
export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));
export const BIN = path.join(CLI_ROOT, "bin", "flakewarden.mjs");
/** The deno binary the `deno` devDependency installs; the runtime tests run the CLI sources under it. */
export const DENO = path.join(REPO_ROOT, "node_modules", ".bin", "deno");
export const NOW = "2026-03-10T12:00:00Z";
export const NOW_MS = Date.parse(NOW);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `flakewarden <args>` in-process, in `cwd`, with a fixed system clock unless overridden. */
export async function runCli(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; now?: number } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main({
    argv: ["node", "flakewarden", ...args],
    env: { NO_COLOR: "1", ...options.env },
    cwd,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => options.now ?? NOW_MS,
  });
  return { code, stdout, stderr };
}

/** Run the bundled bin as a real child process. */
export function runBin(cwd: string, args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", FLAKEWARDEN_NOW: "", ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "fw-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function write(root: string, rel: string, content: string | Uint8Array | object): string {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const data = typeof content === "string" || content instanceof Uint8Array ? content : `${JSON.stringify(content, null, 2)}\n`;
  fs.writeFileSync(abs, data);
  return abs;
}

export function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), "utf8");
}

export function readJsonFile<T = any>(root: string, rel: string): T {
  return JSON.parse(read(root, rel)) as T;
}

export function exists(root: string, rel: string): boolean {
  return fs.existsSync(path.join(root, rel));
}

export const PATHS = {
  policy: ".github/wasm_flake_governance_policy.json",
  dashboard: "target/semantic-verification/flake/latest/variance_dashboard.json",
  manifest: "artifacts/wasm_flake_quarantine_manifest.json",
  playbook: "docs/wasm_flake_governance_and_forensics.md",
  report: "artifacts/wasm_flake_governance_report.json",
  events: "artifacts/wasm_flake_governance_events.ndjson",
} as const;

export function fixture(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), "utf8");
}

export function referencePolicy(): any {
  return JSON.parse(fixture("reference-gate/wasm_flake_governance_policy.json"));
}

/**
 * Tree T of gate.md §8: reference policy, pass dashboard, empty manifest, reference playbook, no config.
 * `overrides` replaces files (objects are written as JSON; null deletes the file).
 */
export function makeTree(overrides: Record<string, string | object | Uint8Array | null> = {}): string {
  const root = tempDir();
  write(root, PATHS.policy, fixture("reference-gate/wasm_flake_governance_policy.json"));
  write(root, PATHS.dashboard, fixture("reference-gate/variance_dashboard_pass.json"));
  write(root, PATHS.manifest, { schema_version: "wasm-flake-quarantine-v1", entries: [] });
  write(root, PATHS.playbook, fixture("reference-gate/wasm_flake_governance_and_forensics.md"));
  for (const [rel, content] of Object.entries(overrides)) {
    if (content === null) fs.rmSync(path.join(root, rel), { recursive: true, force: true });
    else write(root, rel, content);
  }
  return root;
}

/** E(id, sev, status, opened, sla) of gate.md §8. */
export function entry(id: string, severity: string, status: string, opened: string, sla: unknown, extra: object = {}): Record<string, unknown> {
  return {
    id,
    suite: "cross_seed_replay",
    severity,
    status,
    owner: "runtime-core",
    opened_at_utc: opened,
    sla_hours: sla,
    replay_command: "npm test",
    trace_pointer: `t/${id}.json`,
    reactivation_criteria: "3 clean reruns",
    ...extra,
  };
}

/** now minus `hours` (may be fractional), as a Z timestamp with milliseconds when needed. */
export function hoursAgo(hours: number, fromMs = NOW_MS): string {
  return new Date(fromMs - hours * 3_600_000).toISOString().replace(".000Z", "Z");
}

export function manifest(entries: unknown[]): object {
  return { schema_version: "wasm-flake-quarantine-v1", entries };
}

/** Every error path: no JS stack frame and no raw TypeError ever reaches the user. */
export function assertNoCrash(result: CliResult): void {
  if (/^\s{4}at /m.test(result.stderr) || /TypeError|ReferenceError|this is a bug/.test(result.stderr)) {
    throw new Error(`stderr shows a crash:\n${result.stderr}`);
  }
}

export async function gate(root: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<CliResult & { report: any }> {
  const r = await runCli(root, ["gate", "--now", NOW, ...args], { env });
  const reportRel = PATHS.report;
  const report = exists(root, reportRel) ? readJsonFile(root, reportRel) : null;
  return { ...r, report };
}

export function result(report: any, prefix: string): any {
  return report.results.find((r: any) => r.check_id.startsWith(prefix));
}
