// The warnings under the verdict banner (reports.md §4.2), in the stated order. They never change the verdict.
import { compareCodePoints } from "@flakewarden/core";
import { showTime } from "./display.ts";
import { dashboardCounts } from "./gates.ts";
import type { Artifact } from "./page-contract.ts";
import { entryViews, minRunsFrom } from "./quarantine-model.ts";
import type { SiteRenderContext } from "./render-site.ts";

type Doc = Record<string, any>;

/** The events file paired with a governance report: equal generated_at_utc (as instants). */
export function pairedEvents(ctx: SiteRenderContext, report: Artifact): Artifact | null {
  const all = ctx.model.byKind.get("governance_events") ?? [];
  return all.find((e) => e.instantMs !== null && e.instantMs === report.instantMs) ?? null;
}

export function eventsDisagree(report: Artifact, events: Artifact): boolean {
  const r = (report.data as Doc).results as Doc[];
  const e = events.data as Doc[];
  if (r.length !== e.length) return true;
  return r.some((x, i) => x.check_id !== e[i]?.check_id || x.status !== e[i]?.status);
}

export function sameReplayCommand(dashboard: Artifact): boolean {
  const suites = (dashboard.data as Doc).suites as Doc[];
  if (suites.length < 2) return false;
  const first = suites[0]?.replay_command;
  return typeof first === "string" && suites.every((s) => s.replay_command === first);
}

/** Warnings 1–5; the dangling-pointer count (6) is appended by the index once every page was rendered. */
export function siteWarnings(ctx: SiteRenderContext): string[] {
  const out: string[] = [];
  const gov = ctx.current("governance");
  const dash = ctx.current("detect");
  if (gov !== null) {
    const events = pairedEvents(ctx, gov);
    if (events !== null && eventsDisagree(gov, events)) out.push("events disagree with report");
    if (dash !== null && gov.instantMs !== null && dash.instantMs !== null && gov.instantMs < dash.instantMs) {
      out.push(`governance report (${showTime(gov.instantMs)}) is older than the newest dashboard (${showTime(dash.instantMs)})`);
    }
    const manifest = ctx.current("quarantine");
    if ((gov.data as Doc).gate_status === "pass" && manifest !== null) {
      const overdue = entryViews(manifest, ctx.nowMs, minRunsFrom(gov)).filter((e) => e.overdue).length;
      if (overdue > 0) out.push(`verdict may be stale: ${overdue} entries overdue as of ${ctx.now}; gate evaluated at ${gov.instantMs === null ? "not recorded" : showTime(gov.instantMs)}`);
    }
  }
  if (dash !== null) {
    const d = dash.data as Doc;
    const c = dashboardCounts(d);
    const hs = d.suite_count;
    const hu = d.unstable_suite_count;
    const sMismatch = typeof hs === "number" && hs !== c.suites;
    const uMismatch = typeof hu === "number" && hu !== c.unstable;
    if (sMismatch || uMismatch) {
      out.push(`dashboard header counts differ from suites[]: suite_count ${hs ?? "not recorded"} vs ${c.suites}, unstable_suite_count ${hu ?? "not recorded"} vs ${c.unstable}`);
    }
    if (sameReplayCommand(dash)) out.push("every suite has the same replay_command; these commands are not reliable");
  }
  return out;
}

export function sortedPaths(paths: Iterable<string>): string[] {
  return [...paths].sort(compareCodePoints);
}
