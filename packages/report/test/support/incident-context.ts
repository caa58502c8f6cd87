// A SiteContext over hand-picked artifacts, for testing the incident/rollback/postmortem pages without the site
// assembler: one current artifact per kind, pointers resolved by the site's own resolver against a file list.
import { parseTimestamp } from "@flakewarden/core";
import type { Artifact, ArtifactKind, PointerView, SiteContext } from "../../src/site/page-contract.ts";
import { inputHref, resolvePointer } from "../../src/site/pointers.ts";

export const NOW = "2026-03-10T12:00:00Z";

const TIMESTAMP_FIELD: Partial<Record<ArtifactKind, string>> = {
  governance: "generated_at_utc",
  rollback_safety: "generated_at_utc",
  postmortem: "generated_at_utc",
  artifact_index: "generated_at_utc",
  npm_rollback: "generated_at_utc",
  drill: "ended_ts",
};

export function artifact(kind: ArtifactKind, path: string, data: unknown): Artifact {
  const field = TIMESTAMP_FIELD[kind];
  const doc = data as any;
  const raw =
    kind === "incident" ? (doc?.incident?.declared_at_utc ?? doc?.generated_at_utc) : kind === "drill" ? (doc?.ended_ts ?? doc?.started_ts) : field === undefined ? null : doc?.[field];
  const timestamp = typeof raw === "string" ? raw : null;
  return { kind, path, data, timestamp, instantMs: parseTimestamp(timestamp), invalidItems: [] };
}

export function siteContext(artifacts: Artifact[], files: string[] = [], formats = { html: true, md: true }): SiteContext & { dangling: Set<string> } {
  const index = new Set([...files, ...artifacts.map((a) => a.path)]);
  const dangling = new Set<string>();
  return {
    now: "2026-03-10 12:00:00Z",
    nowMs: Date.parse(NOW),
    clockSource: "--now",
    toolVersion: "0.0.0-test",
    formats,
    current: (kind) => artifacts.find((a) => a.kind === kind) ?? null,
    history: () => [],
    pointer(value: string): PointerView {
      const view = resolvePointer(value, index, "../in");
      if (view.kind === "dangling") dangling.add(value);
      return view;
    },
    inputHref: (path) => inputHref("../in", path),
    verdict: "fail",
    dangling,
  };
}
