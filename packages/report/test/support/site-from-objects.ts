// renderSite over in-memory files, for rule tests: objects are written as JSON, strings as given.
import { renderSite, type RenderSiteResult } from "../../src/index.ts";

export interface Rendered {
  result: RenderSiteResult;
  file(path: string): string;
  has(path: string): boolean;
  manifest: any;
}

const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();

export function renderFiles(files: Record<string, unknown>, options: { now?: string; formats?: ("html" | "md")[]; extraFiles?: string[] } = {}): Rendered {
  const paths = Object.keys(files).sort();
  const inputs = paths
    .filter((p) => p.endsWith(".json") || p.endsWith(".ndjson"))
    .map((p) => {
      const v = files[p];
      return { path: p, bytes: ENCODER.encode(typeof v === "string" ? v : `${JSON.stringify(v, null, 2)}\n`), skipped: null };
    });
  const result = renderSite({
    inputs,
    fileIndex: new Set([...paths, ...(options.extraFiles ?? [])]),
    linkPrefix: "../in",
    now: options.now ?? "2026-03-10T12:00:00Z",
    clockSource: "--now",
    toolVersion: "0.0.0-test",
    formats: options.formats ?? ["html", "md"],
  });
  const byPath = new Map(result.files.map((f) => [f.path, DECODER.decode(f.bytes)]));
  return {
    result,
    file: (p) => {
      const t = byPath.get(p);
      if (t === undefined) throw new Error(`no ${p} in the site (have ${[...byPath.keys()].join(", ")})`);
      return t;
    },
    has: (p) => byPath.has(p),
    manifest: JSON.parse(byPath.get("report_manifest.json") ?? "null"),
  };
}

export const NOW = "2026-03-10T12:00:00Z";
export const NOW_MS = Date.parse(NOW);
export const hoursBefore = (h: number): string => new Date(NOW_MS - h * 3_600_000).toISOString();

export function dashboard(extra: Record<string, unknown> = {}, suites: unknown[] = [{ suite: "a", unstable: false }]): Record<string, unknown> {
  return { schema_version: "sem-variance-dashboard-v1", suites, ...extra };
}

export function entry(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, suite: `suite-${id}`, severity: "high", status: "open", owner: "team", opened_at_utc: hoursBefore(10), sla_hours: 72,
    replay_command: "npx vitest run x", trace_pointer: "traces/x.json", reactivation_criteria: "3 passes", ...extra,
  };
}

export function manifest(entries: unknown[]): Record<string, unknown> {
  return { schema_version: "wasm-flake-quarantine-v1", entries };
}

export function governance(status: "pass" | "fail", ts: string, results: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema_version: "wasm-flake-governance-report-v1", generated_at_utc: ts, git_sha: null, policy_path: "policy.json", gate_status: status,
    summary: { total: results.length, pass: 0, fail: 0, skip: 0 }, results, ...extra,
  };
}
