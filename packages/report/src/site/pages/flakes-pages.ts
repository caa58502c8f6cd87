// The flakes pages (reports.md §4.4), HTML only: trend, detection power and spread chart on page 1, then
// the suites table, 200 suites per page, with per-test rows in collapsed blocks.
import { compareCodePoints, fmt2, requiredIterations } from "@flakewarden/core";
import { blocksHtml } from "../body-render.ts";
import * as b from "../blocks.ts";
import type { Block, SuiteRow } from "../blocks.ts";
import { barChart, lineChart } from "../charts.ts";
import { NOT_RECORDED, showDate, showTime, showValue } from "../display.ts";
import { dashboardCounts } from "../gates.ts";
import { commandParts, flakeThreshold, historyBlocks, invalidItemsBlocks } from "../gate-sections.ts";
import type { Artifact, PageBody } from "../page-contract.ts";
import { chunk, pagerBlock, pageStem } from "../pager.ts";
import type { SiteRenderContext } from "../render-site.ts";
import { tablePath } from "../site-model.ts";
import { sameReplayCommand } from "../warnings.ts";

type Doc = Record<string, any>;
const PAGE_SIZE = 200;
const TREND_POINTS = 100;
const BARS = 50;
const TEST_ROWS = 500;
const POWER_RATES = [1, 2, 5, 10, 20, 50] as const;

const TRACE_LETTERS: Readonly<Record<string, string>> = { pass: "P", fail: "F", skip: "S", flaky: "R", missing: "M", unknown: "U" };

export function traceLetters(trace: readonly (string | null)[]): string {
  return trace.map((t) => (t === null ? "-" : (TRACE_LETTERS[t] ?? "U"))).join(" ");
}

function traceWords(trace: readonly (string | null)[]): string {
  return trace.map((t) => (t === null ? "not run" : t)).join(", ");
}

/** Adjacent pass↔fail changes once skips are removed. */
export function flips(trace: readonly (string | null)[]): number {
  const seq = trace.filter((t) => t !== "skip");
  let n = 0;
  for (let i = 1; i < seq.length; i++) {
    const a = seq[i - 1];
    const c = seq[i];
    if ((a === "pass" && c === "fail") || (a === "fail" && c === "pass")) n += 1;
  }
  return n;
}

/** 1 − (1 − p)^N by repeated multiplication (no Math.pow: last-bit differences across runtimes). */
export function chanceToSee(p: number, n: number): number {
  let q = 1;
  for (let i = 0; i < n; i++) q *= 1 - p;
  return 1 - q;
}

/** Trend points: one per valid dashboard, by generated_at, run_id, path; copied runs counted once. */
export function trendPoints(dashboards: readonly Artifact[]): { label: string; ms: number | null; rate: number; path: string }[] {
  const sorted = [...dashboards].sort((x, y) => {
    const a = x.instantMs ?? Number.NEGATIVE_INFINITY;
    const c = y.instantMs ?? Number.NEGATIVE_INFINITY;
    if (a !== c) return a < c ? -1 : 1;
    const ra = String((x.data as Doc).run_id ?? "");
    const rc = String((y.data as Doc).run_id ?? "");
    if (ra !== rc) return compareCodePoints(ra, rc);
    return compareCodePoints(x.path, y.path);
  });
  const seen = new Set<string>();
  const out: { label: string; ms: number | null; rate: number; path: string }[] = [];
  for (const a of sorted) {
    const d = a.data as Doc;
    if (typeof d.run_id === "string" && a.timestamp !== null) {
      const key = `${d.run_id}\u0000${a.instantMs}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const c = dashboardCounts(d);
    out.push({ label: a.instantMs === null ? "time not recorded" : showDate(a.instantMs), ms: a.instantMs, rate: c.suites === 0 ? 0 : (c.unstable * 100) / c.suites, path: a.path });
  }
  return out.slice(-TREND_POINTS);
}

type Group = "unstable" | "deterministic failure" | "other with failures" | "stable";
const GROUP_ORDER: readonly Group[] = ["unstable", "deterministic failure", "other with failures", "stable"];

function groupOf(s: Doc, dashIterations: number | null): Group {
  if (s.unstable === true) return "unstable";
  const fail = s.outcomes?.fail;
  const iterations = typeof s.iterations === "number" ? s.iterations : dashIterations;
  if (s.deterministic_failure === true) return "deterministic failure";
  if ((s.deterministic_failure === undefined || s.deterministic_failure === null) && typeof fail === "number" && iterations !== null && fail > 0 && fail === iterations) return "deterministic failure";
  if (typeof fail === "number" && fail > 0) return "other with failures";
  return "stable";
}

function num(v: unknown): string {
  return typeof v === "number" ? showValue(v) : "—";
}

function suiteRow(s: Doc, group: Group): SuiteRow {
  const o = (s.outcomes ?? {}) as Doc;
  const trace = Array.isArray(o.status_trace) ? (o.status_trace as (string | null)[]) : null;
  const dm = (s.duration_ms ?? null) as Doc | null;
  const sources = Array.isArray(s.likely_variance_sources) ? (s.likely_variance_sources as unknown[]).map(showValue).join(", ") : "";
  const bound = s.detection_power?.failure_rate_upper_bound_pct;
  return {
    suite: s.suite,
    group,
    outcomes: `${num(o.pass)}/${num(o.fail)}/${num(o.skip)}`,
    trace: b.cellOf(trace === null ? NOT_RECORDED : [b.code(traceLetters(trace)), b.hidden(` (${traceWords(trace)})`)]),
    flips: trace === null ? "—" : String(flips(trace)),
    sources,
    durations: dm === null ? "—" : `${num(dm.min)}/${num(dm.mean)}/${num(dm.max)}`,
    spread: typeof dm?.spread_pct === "number" ? fmt2(dm.spread_pct) : "—",
    fingerprints: num(s.distinct_fingerprints),
    bound: typeof bound === "number" ? fmt2(bound) : "—",
    command: b.cellOf(typeof s.replay_command === "string" ? commandParts(s.replay_command) : NOT_RECORDED),
  };
}

function perTestBlocks(ctx: SiteRenderContext, dash: Artifact, s: Doc): Block[] {
  const t = s.test_cases?.table;
  if (typeof t !== "string") return [];
  const path = tablePath(dash.path, t);
  const table = path === null ? undefined : ctx.model.tables.get(path);
  if (table === undefined) return [b.para(b.text(`${s.suite}: per-test table not found: ${t}`))];
  const lines = table.data as Doc[];
  const unstable = lines.filter((l) => l.unstable === true).sort((x, y) => compareCodePoints(x.id, y.id));
  const failing = lines.filter((l) => l.unstable !== true && (l.trace as unknown[]).includes("fail")).sort((x, y) => compareCodePoints(x.id, y.id));
  const shown = [...unstable, ...failing];
  const rows = shown.slice(0, TEST_ROWS).map((l) => [l.id, l.unstable === true ? "unstable" : "failing", [b.code(traceLetters(l.trace)), b.hidden(` (${traceWords(l.trace)})`)], String(flips(l.trace)), (l.sources as unknown[]).map(showValue).join(", ")]);
  const out: Block[] = [b.detailsOpen(`${s.suite}: ${lines.length} tests, ${unstable.length} unstable`)];
  if (rows.length > 0) out.push(b.table(`${s.suite}: tests`, ["test", "group", "trace", "flips", "variance sources"], rows));
  const rest = lines.length - Math.min(shown.length, TEST_ROWS);
  if (rest > 0) out.push(b.para(b.text(`${rest} other tests not listed (and ${Math.max(0, shown.length - TEST_ROWS)} more in ${table.path})`)));
  out.push(...invalidItemsBlocks(table, `${s.suite} tests`), b.detailsClose());
  return out;
}

function firstPageBlocks(ctx: SiteRenderContext, dash: Artifact | null): Block[] {
  const out: Block[] = [];
  const all = [...(ctx.current("detect") === null ? [] : [ctx.current("detect") as Artifact]), ...ctx.history("detect")];
  const trend = trendPoints(all);
  const threshold = flakeThreshold(ctx);
  out.push(b.h2("Flake rate trend", "trend"));
  const tc = lineChart(trend.map((p) => ({ label: p.label, value: p.rate })), threshold, { k: 1, title: "Flake rate per dashboard (%)", unit: " %", fmt: fmt2 });
  if (tc === null) out.push(b.para(b.text("No data")));
  else {
    out.push(b.chart(tc), b.detailsOpen("Trend data"), b.table("Flake rate trend data", ["dashboard", "time", "flake rate (%)"], trend.map((p) => [p.path, p.ms === null ? "not recorded" : showTime(p.ms), fmt2(p.rate)])), b.detailsClose());
  }
  if (threshold !== null) out.push(b.para(b.text(`Dashed line: max_flake_rate_pct ${showValue(threshold)}.`)));
  if (dash === null) return out;
  const d = dash.data as Doc;
  out.push(b.h2("Detection power", "detection-power"));
  if (typeof d.iterations !== "number") out.push(b.para(b.text(NOT_RECORDED)));
  else {
    const n = d.iterations as number;
    const cPct = typeof d.detection_power?.confidence_pct === "number" ? (d.detection_power.confidence_pct as number) : 95;
    const rows = POWER_RATES.map((p) => [`${p} %`, `${fmt2(chanceToSee(p / 100, n) * 100)} %`, String(requiredIterations(p / 100, cPct / 100))]);
    out.push(b.table(`Detection power at N = ${n}, C = ${showValue(cPct)} %`, ["flake rate p", `chance to see a failure in ${n} runs`, `iterations for ≥ ${showValue(cPct)} %`], rows));
    const dp = d.detection_power as Doc | null | undefined;
    if (dp !== null && dp !== undefined && (dp.target_flake_rate_pct !== undefined || dp.required_iterations !== undefined)) {
      out.push(b.para(b.text(`Target flake rate ${showValue(dp.target_flake_rate_pct)} %, required iterations ${showValue(dp.required_iterations)}.`)));
    }
  }
  out.push(b.para(b.text("A flaky suite is classified unstable only when it also passes at least once; duration-only instability is not covered.")));
  out.push(b.h2("Duration spread", "spread"));
  const spread = (d.suites as Doc[])
    .filter((s) => typeof s.duration_ms?.spread_pct === "number")
    .map((s) => ({ label: String(s.suite), value: s.duration_ms.spread_pct as number }))
    .sort((x, y) => (x.value !== y.value ? y.value - x.value : compareCodePoints(x.label, y.label)))
    .slice(0, BARS);
  const dt = typeof d.duration_threshold_pct === "number" ? (d.duration_threshold_pct as number) : null;
  const sc = barChart(spread, dt, { k: 2, title: "Duration spread per suite (%), top 50", unit: " %", fmt: fmt2 });
  if (sc === null) out.push(b.para(b.text("No data")));
  else out.push(b.chart(sc), b.detailsOpen("Spread data"), b.table("Duration spread data", ["suite", "spread (%)"], spread.map((s) => [s.label, fmt2(s.value)])), b.detailsClose());
  return out;
}

export function renderFlakesPages(ctx: SiteRenderContext): PageBody[] {
  if (!ctx.formats.html) return [];
  const dash = ctx.current("detect");
  const title = "Flakes";
  if (dash === null) {
    return [{ stem: "flakes", title, html: blocksHtml([...firstPageBlocks(ctx, null), b.h2("Suites", "suites"), b.para(b.text("No variance dashboard found under --in."))]), md: null }];
  }
  const d = dash.data as Doc;
  const suites = (d.suites as Doc[]).map((s, i) => ({ s, i, g: groupOf(s, typeof d.iterations === "number" ? d.iterations : null) }));
  suites.sort((x, y) => {
    const gx = GROUP_ORDER.indexOf(x.g);
    const gy = GROUP_ORDER.indexOf(y.g);
    if (gx !== gy) return gx - gy;
    const c = compareCodePoints(String(x.s.suite), String(y.s.suite));
    return c !== 0 ? c : x.i - y.i;
  });
  const pages = chunk(suites, PAGE_SIZE);
  const c = dashboardCounts(d);
  return pages.map((rows, i) => {
    const blocks: Block[] = [];
    if (i === 0) blocks.push(...firstPageBlocks(ctx, dash));
    blocks.push(b.h2("Suites", "suites"));
    blocks.push(b.para(b.text("Source: "), b.link({ kind: "link", href: ctx.inputHref(dash.path), text: dash.path }), b.text(` · ${c.suites} suites, ${c.unstable} unstable, ${c.deterministic} deterministic failures`)));
    const hs = d.suite_count;
    const hu = d.unstable_suite_count;
    if ((typeof hs === "number" && hs !== c.suites) || (typeof hu === "number" && hu !== c.unstable)) {
      blocks.push(b.para(b.badge("WARN", "warn"), b.text(` dashboard header counts differ from suites[]: suite_count ${showValue(hs)} vs ${c.suites}, unstable_suite_count ${showValue(hu)} vs ${c.unstable}`)));
    }
    if (sameReplayCommand(dash)) blocks.push(b.para(b.badge("WARN", "warn"), b.text(" every suite has the same replay_command; these commands are not reliable")));
    blocks.push(pagerBlock("flakes", i, pages.length, "html"));
    blocks.push(
      b.suitesTable(`Suites (page ${i + 1} of ${pages.length})`, ["suite", "group", "pass/fail/skip", "trace", "flips", "variance sources", "min/mean/max ms", "spread %", "distinct fingerprints", "undetected-rate bound (%)", "replay command"], rows.map((r) => suiteRow(r.s, r.g))),
    );
    for (const r of rows) blocks.push(...perTestBlocks(ctx, dash, r.s));
    if (i === 0) blocks.push(...invalidItemsBlocks(dash, "Variance dashboard"), ...historyBlocks(ctx, "detect", "Variance dashboards"));
    return { stem: pageStem("flakes", i), title: pages.length > 1 ? `Flakes (page ${i + 1} of ${pages.length})` : title, html: blocksHtml(blocks), md: null };
  });
}
