// report_manifest.json (reports.md §3.3), written by core's canonical writer in the stated key order.
import { toPrettyJson } from "@flakewarden/core";
import type { InputRecord } from "./recognise.ts";

export const SITE_SCHEMA_VERSION = "flakewarden-report-site-v1";
export const MARKER_NAME = ".flakewarden-report";
export const MARKER_CONTENT = `${SITE_SCHEMA_VERSION}\n`;
export const MANIFEST_NAME = "report_manifest.json";

export interface ManifestInput {
  readonly generatedAt: string;
  readonly clockSource: string;
  readonly toolVersion: string;
  readonly overallVerdict: "pass" | "fail" | "no_verdict" | "no_report";
  readonly formats: readonly ("html" | "md")[];
  readonly gates: readonly { kind: string; path: string; verdict: string }[];
  readonly inputs: readonly InputRecord[];
  readonly pages: readonly { path: string; sha256: string; bytes: number }[];
}

export function manifestText(m: ManifestInput): string {
  return toPrettyJson({
    schema_version: SITE_SCHEMA_VERSION,
    generated_at: m.generatedAt,
    clock_source: m.clockSource,
    tool_version: m.toolVersion,
    overall_verdict: m.overallVerdict,
    formats: m.formats,
    gates: m.gates.map((g) => ({ kind: g.kind, path: g.path, verdict: g.verdict })),
    inputs: m.inputs.map((i) => ({
      path: i.path,
      kind: i.kind,
      schema_version: i.schemaVersion,
      status: i.status,
      sha256: i.sha256,
      bytes: i.bytes,
      problems: i.problems,
    })),
    pages: m.pages.map((p) => ({ path: p.path, sha256: p.sha256, bytes: p.bytes })),
  });
}
