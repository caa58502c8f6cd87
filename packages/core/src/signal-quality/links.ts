// Where the diagnostics live (detector.md §4.10 "Links"): paths are derived from the paths the
// user gave, never absolutised. Core only does the arithmetic; whether something is there is a
// fact the CLI looks up and hands back (PathFacts).
import { dirnamePosix, isAbsolutePosix, joinPosix } from "./posix-path.ts";
import type { SignalDashboard, SignalVerificationReport, UsableInput } from "./inputs.ts";

/** What the file system holds at a path (symlinks followed); absent from the map = nothing. */
export type PathKind = "file" | "directory" | "other";
export type PathFacts = ReadonlyMap<string, PathKind>;

export interface SignalLinks {
  /** null when the report is unusable. */
  runnerReportDir: string | null;
  /** Required artifacts joined onto runnerReportDir, in report order. */
  artifacts: string[];
  /** null when the dashboard is unusable; "" when the dashboard names no such file. */
  events: string | null;
  summary: string | null;
}

function runnerReportDir(reportPath: string, reportDir: string | null | undefined): string {
  const base = dirnamePosix(reportPath);
  if (reportDir === undefined || reportDir === null || reportDir === "") return base;
  return isAbsolutePosix(reportDir) ? reportDir : joinPosix(base, reportDir);
}

function dashboardLink(dashboardPath: string, link: string | null | undefined): string {
  if (link === undefined || link === null || link === "") return "";
  return isAbsolutePosix(link) ? link : joinPosix(dirnamePosix(dashboardPath), link);
}

export function signalLinks(
  reportPath: string,
  report: UsableInput<SignalVerificationReport> | null,
  dashboardPath: string,
  dashboard: UsableInput<SignalDashboard> | null,
): SignalLinks {
  let dir: string | null = null;
  let artifacts: string[] = [];
  if (report !== null) {
    const base = runnerReportDir(reportPath, report.value.report_dir);
    dir = base;
    artifacts = (report.value.profile_contract?.required_artifacts ?? []).map((name) => joinPosix(base, name));
  }
  const links = dashboard?.value.artifacts;
  return {
    runnerReportDir: dir,
    artifacts,
    events: dashboard === null ? null : dashboardLink(dashboardPath, links?.variance_events_ndjson),
    summary: dashboard === null ? null : dashboardLink(dashboardPath, links?.summary),
  };
}

/** Every path whose kind the rules need, deduplicated, in first-use order. */
export function linkProbePaths(links: SignalLinks): string[] {
  const out = new Set<string>(links.artifacts);
  if (links.events) out.add(links.events);
  if (links.summary) out.add(links.summary);
  return [...out];
}
