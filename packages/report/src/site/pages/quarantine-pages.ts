// The quarantine pages (reports.md §4.5): summary, the burndown section on page 1, then the entries,
// open first by SLA clock, 200 per page, in HTML and Markdown with the same page breaks.
import { compareCodePoints } from "@flakewarden/core";
import { blocksHtml, blocksMd } from "../body-render.ts";
import * as b from "../blocks.ts";
import type { Block, Part, QuarantineRow } from "../blocks.ts";
import { burndownSection } from "../burndown-section.ts";
import { showTimestamp, showValue } from "../display.ts";
import { commandParts, historyBlocks, invalidItemsBlocks } from "../gate-sections.ts";
import type { PageBody } from "../page-contract.ts";
import { chunk, pagerBlock, pageStem } from "../pager.ts";
import { entryViews, minRunsFrom, type EntryView } from "../quarantine-model.ts";
import type { SiteRenderContext } from "../render-site.ts";
import { sha256Hex } from "../sha256.ts";

type Doc = Record<string, any>;
const PAGE_SIZE = 200;
const TOP_OWNERS = 50;
const SEVERITY_ORDER = ["critical", "high", "medium", "low"];

function severityRank(s: string): number {
  const i = SEVERITY_ORDER.indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length : i;
}

function statusRank(s: string): number {
  return s === "reactivated" ? 0 : s === "resolved" ? 1 : 2;
}

/** Open entries: not started first, then hours left ascending, severity, id, index. Then the others. */
export function orderEntries(entries: readonly EntryView[]): EntryView[] {
  return [...entries].sort((x, y) => {
    if (x.open !== y.open) return x.open ? -1 : 1;
    if (x.open) {
      if (x.notStarted !== y.notStarted) return x.notStarted ? -1 : 1;
      const hx = x.hoursLeft as number;
      const hy = y.hoursLeft as number;
      if (hx !== hy) return hx < hy ? -1 : 1;
      const sx = severityRank(x.severity);
      const sy = severityRank(y.severity);
      if (sx !== sy) return sx - sy;
    } else {
      const rx = statusRank(x.status);
      const ry = statusRank(y.status);
      if (rx !== ry) return rx - ry;
      if (rx === 2 && x.status !== y.status) return compareCodePoints(x.status, y.status);
      if (x.closeMs !== y.closeMs) {
        if (x.closeMs === null) return 1;
        if (y.closeMs === null) return -1;
        return y.closeMs - x.closeMs;
      }
    }
    const c = compareCodePoints(x.id, y.id);
    return c !== 0 ? c : x.index - y.index;
  });
}

/** `q-` + 12 hex of sha256(JSON.stringify(id)); repeated ids get -2, -3, … in manifest order. */
export function entryAnchors(entries: readonly EntryView[]): Map<number, string> {
  const out = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const e of [...entries].sort((x, y) => x.index - y.index)) {
    const base = `q-${sha256Hex(JSON.stringify(e.id)).slice(0, 12)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(e.index, n === 1 ? base : `${base}-${n}`);
  }
  return out;
}

function slaTargets(ctx: SiteRenderContext): Record<string, number> | null {
  const p = (ctx.current("governance_policy")?.data as Doc | undefined)?.sla_targets_hours;
  if (p !== undefined && p !== null) return p as Record<string, number>;
  const t = (ctx.current("governance")?.data as Doc | undefined)?.thresholds?.sla_targets_hours;
  return t === undefined || t === null ? null : (t as Record<string, number>);
}

function clockCell(e: EntryView, targets: Record<string, number> | null): Part[] {
  const parts: Part[] = [];
  if (e.open) parts.push(b.badge(e.overdue ? "OVERDUE" : e.notStarted ? "NOT STARTED" : "OPEN", e.overdue ? "fail" : "none"), b.text(` ${e.clock}`));
  else {
    const closeText = e.entry.resolved_at_utc ?? e.entry.reactivated_at_utc;
    parts.push(b.text(typeof closeText === "string" ? `closed ${showTimestamp(closeText)}` : "closed (time not recorded)"));
  }
  const target = targets?.[e.severity];
  if (typeof target === "number" && e.slaHours > target) parts.push(b.br(), b.text(`SLA exceeds policy target (${showValue(e.slaHours)} h > ${showValue(target)} h)`));
  return parts;
}

function evidenceCell(e: EntryView): Part[] {
  const parts: Part[] = [];
  if (e.evidence !== null) {
    parts.push(e.evidence.valid ? b.badge("VALID", "pass") : b.badge("NOT VALID", "fail"), b.text(e.evidence.valid ? " valid" : ` not valid (${e.evidence.unmet.join(", ")})`));
  } else if (e.status === "reactivated") {
    parts.push(b.text("no evidence recorded"));
  }
  if (e.reruns !== null) {
    if (parts.length > 0) parts.push(b.br());
    parts.push(b.text(`${e.reruns} of ${e.minRuns} consecutive identical passing reruns`));
  }
  if (parts.length > 0) parts.push(b.br());
  parts.push(b.text(`criteria: ${String(e.entry.reactivation_criteria)}`));
  return parts;
}

function summaryBlocks(entries: readonly EntryView[], recorded: boolean): Block[] {
  const statuses = [...new Set(entries.map((e) => (e.open ? "open" : e.status)))].sort((x, y) => statusOrder(x) - statusOrder(y) || compareCodePoints(x, y));
  const sevCols = ["critical", "high", "medium", "low", "other"];
  const rows = statuses.map((s) => [s, ...sevCols.map((sev) => String(entries.filter((e) => (e.open ? "open" : e.status) === s && (sev === "other" ? severityRank(e.severity) === 4 : e.severity === sev)).length))]);
  const overdue = entries.filter((e) => e.overdue).length;
  const owners = new Map<string, number>();
  for (const e of entries) if (e.open) owners.set(String(e.entry.owner), (owners.get(String(e.entry.owner)) ?? 0) + 1);
  const ownerRows = [...owners.entries()].sort((x, y) => (x[1] !== y[1] ? y[1] - x[1] : compareCodePoints(x[0], y[0]))).slice(0, TOP_OWNERS).map(([o, n]) => [o, String(n)]);
  const out: Block[] = [b.h2("Summary", "summary")];
  out.push(b.table("Entries by status and severity (open as the gate counts it)", ["status", ...sevCols], rows));
  out.push(b.para(b.text(`Overdue open entries: ${overdue}`)));
  if (ownerRows.length > 0) out.push(b.table(`Top owners by open entries (at most ${TOP_OWNERS})`, ["owner", "open entries"], ownerRows));
  if (!recorded) out.push(b.para(b.text("reactivation minimum runs not recorded in a governance report; using the default 3")));
  return out;
}

function statusOrder(s: string): number {
  return s === "open" ? 0 : s === "reactivated" ? 1 : s === "resolved" ? 2 : 3;
}

export function renderQuarantinePages(ctx: SiteRenderContext): PageBody[] {
  const manifest = ctx.current("quarantine");
  const title = "Quarantine";
  if (manifest === null) {
    const blocks = [b.para(b.text("No quarantine manifest found under --in.")), ...burndownSection(ctx, null, null)];
    return [{ stem: "quarantine", title, html: ctx.formats.html ? blocksHtml(blocks) : null, md: ctx.formats.md ? blocksMd(blocks) : null }];
  }
  const runs = minRunsFrom(ctx.current("governance"));
  const entries = entryViews(manifest, ctx.nowMs, runs);
  const ordered = orderEntries(entries);
  const anchors = entryAnchors(entries);
  const targets = slaTargets(ctx);
  const pages = chunk(ordered, PAGE_SIZE);
  const headers = ["id", "suite", "severity", "status", "owner", "SLA clock", "replay command", "trace pointer", "reactivation evidence"];
  // Rows are built once per page and rendered in both formats: the page breaks are the same entries. One page
  // at a time, so a page's cells die young instead of 10,000 rows of them outliving the young generation (GC is
  // the largest single item of the scale scenario's profile, reports.md §4.16). Only the size of ctx.dangling
  // is read, so the order of the pointer look-ups does not matter.
  const tableFor = (rows: readonly EntryView[], i: number): Block[] => {
    if (rows.length === 0) return [b.para(b.text("The manifest has no valid entries."))];
    const cells: QuarantineRow[] = rows.map((e) => ({
      anchor: anchors.get(e.index) ?? null,
      id: e.id,
      suite: String(e.entry.suite),
      severity: e.severity,
      status: e.open && e.status === "reactivated" ? "reactivated (counted open)" : e.status,
      owner: String(e.entry.owner),
      clock: b.cellOf(clockCell(e, targets)),
      command: b.cellOf(commandParts(String(e.entry.replay_command))),
      pointer: ctx.pointer(String(e.entry.trace_pointer)),
      evidence: b.cellOf(evidenceCell(e)),
    }));
    return [b.quarantineTable(`Quarantine entries (page ${i + 1} of ${pages.length})`, headers, cells)];
  };
  const first: Block[] = [
    b.para(b.text("Source: "), b.link({ kind: "link", href: ctx.inputHref(manifest.path), text: manifest.path })),
    ...summaryBlocks(entries, runs.recorded),
    ...burndownSection(ctx, entries, manifest),
  ];
  const after: Block[] = [...invalidItemsBlocks(manifest, "Quarantine manifest"), ...historyBlocks(ctx, "quarantine", "Quarantine manifests")];
  const pageBlocks = (i: number, entryTable: readonly Block[], md: boolean): Block[] => [
    ...(i === 0 ? first : []),
    b.h2("Entries", "entries"),
    pagerBlock("quarantine", i, pages.length, md ? "md" : "html"),
    ...entryTable,
    ...(i === 0 ? after : []),
  ];
  const html: string[] | null = ctx.formats.html ? [] : null;
  const mdPages: string[] | null = ctx.formats.md ? [] : null;
  pages.forEach((rows, i) => {
    const entryTable = tableFor(rows, i);
    html?.push(blocksHtml(pageBlocks(i, entryTable, false)));
    mdPages?.push(blocksMd(pageBlocks(i, entryTable, true)));
  });
  return pages.map((_, i) => ({
    stem: pageStem("quarantine", i),
    title: pages.length > 1 ? `${title} (page ${i + 1} of ${pages.length})` : title,
    html: html === null ? null : (html[i] as string),
    md: mdPages === null ? null : (mdPages[i] as string),
  }));
}
