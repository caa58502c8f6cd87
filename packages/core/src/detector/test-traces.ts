// Per-test granularity (detector.md §7.2): each test id's status across the suite's iterations,
// classified like a suite, and written as `<suite>/tests.ndjson`.
import { compareCodePoints, toCompactJson } from "../canonical-json.ts";
import type { CaseStatus, ClassifiedRun, TestCase, TraceEntry } from "./types.ts";

export const TEST_SOURCES = ["status_variance", "skip_variance", "retry_flake"] as const;
export type TestSource = (typeof TEST_SOURCES)[number];

/** One line of tests.ndjson, keys in output order. */
export interface TestTraceRow {
  id: string;
  trace: TraceEntry[];
  pass: number;
  fail: number;
  skip: number;
  flaky: number;
  missing: number;
  unstable: boolean;
  sources: TestSource[];
  deterministic_failure: boolean;
}

/** The dashboard's `test_cases` object. */
export interface TestCasesSummary {
  total: number;
  unstable_count: number;
  deterministic_failure_count: number;
  flaky_tests: string[];
  failing_tests: string[];
  truncated: boolean;
  table: string;
}

/** How many unstable / deterministically failing ids the dashboard lists before truncating. */
export const TEST_LIST_LIMIT = 100;

/**
 * Traces over `iterations` (all planned iterations of the suite, 1…N). An iteration without a
 * run here is `null` (run on another shard); a run without parseable results is `unknown`; a
 * run with results that lack the id is `missing`.
 */
export function testTraces(runs: readonly ClassifiedRun[], iterations: readonly number[]): TestTraceRow[] {
  const byIteration = new Map<number, Map<string, CaseStatus> | null>();
  const ids = new Set<string>();
  for (const run of runs) {
    if (run.cases === null) {
      byIteration.set(run.record.iteration, null);
      continue;
    }
    const statuses = new Map<string, CaseStatus>();
    for (const c of run.cases) {
      if (!statuses.has(c.id)) statuses.set(c.id, c.status);
      ids.add(c.id);
    }
    byIteration.set(run.record.iteration, statuses);
  }
  return [...ids].sort(compareCodePoints).map((id) => {
    const trace: TraceEntry[] = iterations.map((i) => {
      if (!byIteration.has(i)) return null;
      const statuses = byIteration.get(i);
      if (statuses === null || statuses === undefined) return "unknown";
      return statuses.get(id) ?? "missing";
    });
    return traceRow(id, trace);
  });
}

export function traceRow(id: string, trace: TraceEntry[]): TestTraceRow {
  const n = (what: TraceEntry): number => trace.filter((t) => t === what).length;
  const pass = n("pass");
  const fail = n("fail");
  const skip = n("skip");
  const flaky = n("flaky");
  const applies: Record<TestSource, boolean> = {
    status_variance: fail > 0 && pass + flaky > 0,
    skip_variance: skip > 0 && pass + fail + flaky > 0,
    retry_flake: flaky > 0,
  };
  const sources = TEST_SOURCES.filter((s) => applies[s]);
  return {
    id,
    trace,
    pass,
    fail,
    skip,
    flaky,
    missing: n("missing"),
    unstable: sources.length > 0,
    sources,
    deterministic_failure: fail > 0 && pass + flaky + skip === 0,
  };
}

/**
 * One run's test cases read back from a tests.ndjson table (merge overlays shards this way):
 * the ids whose trace has a case status at `iteration` (traces span iterations 1…N). Null when
 * the run had no parseable results (`tests` null in its record), as detect would have seen it.
 */
export function casesAtIteration(rows: readonly Pick<TestTraceRow, "id" | "trace">[], iteration: number, parsedResults: boolean): TestCase[] | null {
  if (!parsedResults) return null;
  const cases: TestCase[] = [];
  for (const row of rows) {
    const entry = row.trace[iteration - 1];
    if (entry === "pass" || entry === "fail" || entry === "skip" || entry === "flaky") cases.push({ id: row.id, status: entry });
  }
  return cases;
}

export function testsNdjson(rows: readonly TestTraceRow[]): string {
  return rows.map((row) => `${toCompactJson(row)}\n`).join("");
}

export function testCasesSummary(rows: readonly TestTraceRow[], table: string): TestCasesSummary {
  const unstable = rows.filter((r) => r.unstable).map((r) => r.id);
  const failing = rows.filter((r) => r.deterministic_failure).map((r) => r.id);
  return {
    total: rows.length,
    unstable_count: unstable.length,
    deterministic_failure_count: failing.length,
    flaky_tests: unstable.slice(0, TEST_LIST_LIMIT),
    failing_tests: failing.slice(0, TEST_LIST_LIMIT),
    truncated: unstable.length > TEST_LIST_LIMIT || failing.length > TEST_LIST_LIMIT,
    table,
  };
}
