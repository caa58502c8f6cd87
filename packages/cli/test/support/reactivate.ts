// Test support for `flakewarden reactivate`: a tree with a manifest whose entries replay the stub.
import fs from "node:fs";
import path from "node:path";
import { FIXTURES, manifest, PATHS, read, readJsonFile, runCli, tempDir, write, type CliResult } from "./cli.ts";

export const REACT_NOW = "2026-03-06T10:00:00Z";
export const ATTEMPT = "ra-20260306T100000Z";
export const STUB = path.join(FIXTURES, "reactivate", "stub.fixture.mjs");
export const ARTIFACTS = "target/flakewarden/reactivation";

/** The replay command of a stub mode, as a user would write it in the manifest. */
export function stubCommand(mode: string): string {
  return `node '${STUB}' ${mode}`;
}

/** A quarantined entry that replays the stub, with owner notes and a local trace pointer. */
export function reactEntry(id: string, mode: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    suite: `suite_${id}`,
    severity: "critical",
    status: "open",
    owner: "runtime-core",
    opened_at_utc: "2026-03-05T10:00:00Z",
    sla_hours: 72,
    replay_command: stubCommand(mode),
    trace_pointer: `traces/${id}.json`,
    reactivation_criteria: "3 clean reruns",
    notes: { root_cause: "timer race in the scheduler", fix_ref: "PR#4242" },
    ...extra,
  };
}

/** A bystander entry that must come through every edit unchanged. */
export function otherEntry(id: string): Record<string, unknown> {
  return {
    id,
    suite: `other_${id}`,
    severity: "low",
    status: "open",
    owner: "ui-team",
    opened_at_utc: "2026-03-01T08:30:00+01:00",
    sla_hours: 240,
    replay_command: "npm test -- other",
    trace_pointer: "https://ci.example/trace",
    reactivation_criteria: "3 clean reruns",
    custom_field: { kept: [1, 2.5, "x"] },
  };
}

/** A project tree (cwd = root, no config unless given) with the manifest and trace files. */
export function reactTree(entries: unknown[], options: { config?: object; traces?: Record<string, string> } = {}): string {
  const root = tempDir("fw-react-");
  write(root, PATHS.manifest, manifest(entries));
  for (const e of entries as Record<string, unknown>[]) {
    if (typeof e.trace_pointer === "string" && e.trace_pointer.startsWith("traces/")) write(root, e.trace_pointer, `{"trace":"${String(e.id)}"}\n`);
  }
  for (const [rel, text] of Object.entries(options.traces ?? {})) write(root, rel, text);
  if (options.config !== undefined) write(root, "flakewarden.json", options.config);
  return root;
}

export function reactivate(root: string, args: string[], alias = false): Promise<CliResult> {
  return runCli(root, [...(alias ? ["quarantine", "reactivate"] : ["reactivate"]), ...args, "--now", REACT_NOW]);
}

export function manifestText(root: string): string {
  return read(root, PATHS.manifest);
}

export function entryOf(root: string, id: string): any {
  return readJsonFile(root, PATHS.manifest).entries.find((e: any) => e.id === id);
}

export function reportOf(root: string, id: string, attempt = ATTEMPT): any {
  return readJsonFile(root, `${ARTIFACTS}/${id}/${attempt}/reactivation_report.json`);
}

/** The criterion ids named on stderr (`<id>: <detail>` lines). */
export function unmetOnStderr(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.slice(0, l.indexOf(":")));
}

export function artifactsExist(root: string): boolean {
  return fs.existsSync(path.join(root, ARTIFACTS));
}
