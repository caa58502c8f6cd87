// Discovery results → the artifacts of the site: every input recognised, the current artifact and the
// history of each kind (reports.md §3.1), and test tables resolved through the current dashboard.
import { parseTimestamp } from "@flakewarden/core";
import type { Artifact, ArtifactKind } from "./page-contract.ts";
import { currentTimestamp, newestFirst, recognise, type InputRecord, type Recognition, type SiteInput } from "./recognise.ts";

export interface SiteModel {
  readonly records: readonly InputRecord[];
  readonly byKind: ReadonlyMap<ArtifactKind, readonly Artifact[]>;
  current(kind: ArtifactKind): Artifact | null;
  history(kind: ArtifactKind): readonly Artifact[];
  /** Test tables by their path under --in. */
  readonly tables: ReadonlyMap<string, Artifact>;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** A table path relative to its dashboard's directory, normalised; null when it leaves --in. */
export function tablePath(dashboardPath: string, table: string): string | null {
  if (table.startsWith("/") || table.includes("\\")) return null;
  const out = dirOf(dashboardPath) === "" ? [] : dirOf(dashboardPath).split("/");
  for (const seg of table.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else {
      out.push(seg);
    }
  }
  return out.join("/");
}

function toArtifact(r: Recognition): Artifact | null {
  if (r.doc === null) return null;
  const timestamp = currentTimestamp(r.doc.kind, r.doc.data);
  return { kind: r.doc.kind, path: r.doc.path, data: r.doc.data, timestamp, instantMs: timestamp === null ? null : parseTimestamp(timestamp), invalidItems: r.doc.invalidItems };
}

function tablesOf(dashboard: Artifact): string[] {
  const out: string[] = [];
  for (const s of (dashboard.data as { suites: { test_cases?: { table?: unknown } | null }[] }).suites) {
    const t = s.test_cases?.table;
    if (typeof t !== "string") continue;
    const p = tablePath(dashboard.path, t);
    if (p !== null) out.push(p);
  }
  return out;
}

export function buildSiteModel(inputs: readonly SiteInput[]): SiteModel {
  const none = { currentTables: new Set<string>(), historyTables: new Set<string>() };
  const results = new Map<string, Recognition>();
  // JSON first: the current dashboard decides which NDJSON files are test tables.
  for (const input of inputs) if (!input.path.endsWith(".ndjson")) results.set(input.path, recognise(input, none));
  const dashboards = newestFirst(
    [...results.values()].map(toArtifact).filter((a): a is Artifact => a !== null && a.kind === "detect"),
  );
  const currentTables = new Set(dashboards[0] === undefined ? [] : tablesOf(dashboards[0]));
  const historyTables = new Set(dashboards.slice(1).flatMap(tablesOf).filter((p) => !currentTables.has(p)));
  for (const input of inputs) if (input.path.endsWith(".ndjson")) results.set(input.path, recognise(input, { currentTables, historyTables }));

  const records: InputRecord[] = [];
  const grouped = new Map<ArtifactKind, Artifact[]>();
  const tables = new Map<string, Artifact>();
  for (const input of inputs) {
    const r = results.get(input.path);
    if (r === undefined) continue;
    records.push(r.record);
    const a = toArtifact(r);
    if (a === null) continue;
    if (a.kind === "test_table") {
      tables.set(a.path, a);
      continue;
    }
    const list = grouped.get(a.kind) ?? [];
    list.push(a);
    grouped.set(a.kind, list);
  }
  const byKind = new Map<ArtifactKind, readonly Artifact[]>();
  for (const [kind, list] of grouped) byKind.set(kind, newestFirst(list));
  return {
    records,
    byKind,
    tables,
    current: (kind) => byKind.get(kind)?.[0] ?? null,
    history: (kind) => byKind.get(kind)?.slice(1) ?? [],
  };
}
