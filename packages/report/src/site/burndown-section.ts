// The burndown section of the first quarantine page (reports.md §4.6): the open-entries series from the
// current manifest (else the burndown reports' totals), its chart and data table, then the burndown
// report's gate, breaches, routing, invalid entries, history and warnings.
import { compareCodePoints } from "@flakewarden/core";
import * as b from "./blocks.ts";
import type { Block } from "./blocks.ts";
import { lineChart } from "./charts.ts";
import { showDate, showTime, showValue } from "./display.ts";
import { statusBadge } from "./gate-sections.ts";
import type { Artifact } from "./page-contract.ts";
import type { EntryView } from "./quarantine-model.ts";
import type { SiteRenderContext } from "./render-site.ts";

type Doc = Record<string, any>;
const DAY_MS = 86_400_000;

export function windowDays(burndown: Artifact | null): number {
  const w = (burndown?.data as Doc | undefined)?.window_days;
  return typeof w === "number" && Number.isInteger(w) && w >= 1 && w <= 3650 ? w : 14;
}

/** Entries excluded from the series: closed without a close time, or with an invalid opened_at_utc. */
export function manifestSeries(entries: readonly EntryView[], invalidOpened: number, nowMs: number, w: number): { points: { ms: number; open: number }[]; notPlotted: number } {
  const plotted = entries.filter((e) => e.open || e.closeMs !== null);
  const points: { ms: number; open: number }[] = [];
  for (let i = 0; i < w; i++) {
    const t = nowMs - (w - 1 - i) * DAY_MS;
    let n = 0;
    for (const e of plotted) {
      if (e.openedMs > t) continue;
      if (e.open || (e.closeMs as number) > t) n += 1;
    }
    points.push({ ms: t, open: n });
  }
  return { points, notPlotted: entries.length - plotted.length + invalidOpened };
}

/** Distinct entries whose opened_at_utc failed validation. */
export function invalidOpenedCount(manifest: Artifact): number {
  const idx = new Set<string>();
  for (const p of manifest.invalidItems) {
    const m = /^entries\[(\d+)\]\.opened_at_utc:/.exec(p);
    if (m !== null) idx.add(m[1] as string);
  }
  return idx.size;
}

export function burndownSection(ctx: SiteRenderContext, entries: readonly EntryView[] | null, manifest: Artifact | null): Block[] {
  const out: Block[] = [b.h2("Burndown", "burndown")];
  const current = ctx.current("burndown");
  let series: { label: string; value: number; time: string }[] = [];
  let note: string | null = null;
  if (entries !== null && manifest !== null) {
    const w = windowDays(current);
    const s = manifestSeries(entries, invalidOpenedCount(manifest), ctx.nowMs, w);
    series = s.points.map((p) => ({ label: showDate(p.ms), value: p.open, time: showTime(p.ms) }));
    if (s.notPlotted > 0) note = `${s.notPlotted} entries not plotted`;
    out.push(b.para(b.text(`Open entries per day over the last ${w} days, from the current quarantine manifest.`)));
  } else {
    const reports = [...(current === null ? [] : [current]), ...ctx.history("burndown")].sort((x, y) =>
      (x.instantMs ?? 0) !== (y.instantMs ?? 0) ? ((x.instantMs ?? 0) < (y.instantMs ?? 0) ? -1 : 1) : compareCodePoints(x.path, y.path),
    );
    series = reports.map((r) => ({ label: r.instantMs === null ? "time not recorded" : showDate(r.instantMs), value: (r.data as Doc).summary.total_open_flakes as number, time: r.instantMs === null ? "not recorded" : showTime(r.instantMs) }));
    if (series.length > 0) out.push(b.para(b.text("Open flakes per burndown report (no quarantine manifest found).")));
  }
  const chart = lineChart(series.map((p) => ({ label: p.label, value: p.value })), null, { k: 1, title: "Open quarantine entries", unit: "", fmt: (v) => showValue(Math.round(v * 100) / 100) });
  if (chart === null) out.push(b.para(b.text("No data")));
  else out.push(b.chart(chart), b.detailsOpen("Burndown data"), b.table("Burndown data", ["time", "open entries"], series.map((p) => [p.time, String(p.value)])), b.detailsClose());
  if (note !== null) out.push(b.para(b.text(note)));
  if (current === null) {
    out.push(b.para(b.text("No burndown report found under --in.")));
    return out;
  }
  const d = current.data as Doc;
  out.push(
    b.para(b.text("Burndown report: "), b.link({ kind: "link", href: ctx.inputHref(current.path), text: current.path }), b.text(` · trend ${d.summary.burndown_trend} · release gate `), statusBadge(d.release_gate.blocked ? "fail" : "pass")),
  );
  if ((d.release_gate.reasons as string[]).length > 0) out.push(b.list((d.release_gate.reasons as string[]).map((r) => [b.text(r)])));
  if ((d.sla_breaches as Doc[]).length > 0) {
    out.push(b.table("SLA breaches", ["id", "severity", "owner", "elapsed h", "limit h"], (d.sla_breaches as Doc[]).map((x) => [x.id, x.severity, x.owner, showValue(x.elapsed_hours), showValue(x.sla_limit_hours)])));
  }
  if ((d.owner_routing as Doc[]).length > 0) {
    out.push(b.table("Owner routing", ["owner", "open", "items"], (d.owner_routing as Doc[]).map((x) => [x.owner, String(x.open_count), (x.items as Doc[]).map((i) => `${i.id} (${i.suite}, ${i.severity})`).join("\n")])));
  }
  if (Array.isArray(d.invalid_entries) && d.invalid_entries.length > 0) {
    out.push(b.table("Invalid entries (burndown report)", ["entry"], (d.invalid_entries as unknown[]).map((x) => [showValue(x)])));
  }
  if ((d.history as unknown[]).length > 0) {
    out.push(b.detailsOpen(`Burndown history (${(d.history as unknown[]).length})`), b.table("Burndown history", ["row"], (d.history as unknown[]).slice(0, 500).map((x) => [showValue(x)])), b.detailsClose());
  }
  if (Array.isArray(d.warnings) && d.warnings.length > 0) out.push(b.list((d.warnings as unknown[]).map((x) => [b.badge("WARN", "warn"), b.text(` ${showValue(x)}`)])));
  return out;
}
