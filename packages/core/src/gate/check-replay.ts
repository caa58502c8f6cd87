// WG-REPLAY: every unstable or failing suite must point at a replay and a trace (gate.md §4.8).
import { show } from "../format.ts";
import { isPlainObject } from "../schemas/common.ts";
import { finding, resultOf, skipped, type CheckResult, type Finding } from "./finding.ts";
import type { WellFormedSuite } from "./check-dashboard.ts";
import { entrySubject } from "./manifest-entries.ts";

function nonBlank(v: unknown): boolean {
  return typeof v === "string" && v.trim().length > 0;
}

export function suiteState(s: WellFormedSuite): string | null {
  if (s.unstable && s.fail > 0) return "unstable and failing";
  if (s.unstable) return "unstable";
  if (s.fail > 0) return "failing";
  return null;
}

export function checkReplay(suites: WellFormedSuite[] | null, entries: unknown[] | null): CheckResult {
  if (suites === null || entries === null) {
    const what =
      suites === null && entries === null
        ? "dashboard and quarantine manifest"
        : suites === null
          ? "dashboard"
          : "quarantine manifest";
    return skipped("WG-REPLAY", `not evaluated: ${what} unavailable`);
  }
  // One pass over the manifest, keeping candidates of the suites that need one: a per-suite
  // scan would be quadratic on large manifests.
  const bySuite = new Map<unknown, { entry: Record<string, unknown>; index: number }[]>();
  for (const s of suites) if (suiteState(s) !== null) bySuite.set(s.suite, []);
  entries.forEach((entry, index) => {
    if (!isPlainObject(entry) || (entry.status !== "open" && entry.status !== "resolved")) return;
    bySuite.get(entry.suite)?.push({ entry, index });
  });
  const findings: Finding[] = [];
  let k = 0;
  for (const s of suites) {
    const state = suiteState(s);
    if (state === null) continue;
    k += 1;
    const candidates = bySuite.get(s.suite) ?? [];
    const at = { subject: s.suite, path: `suites[${s.index}]` };
    if (candidates.length === 0) {
      findings.push(finding("WG-REPLAY-001", `suite ${show(s.suite)} is ${state} but has no open or resolved quarantine entry`, at));
    } else if (!candidates.some(({ entry }) => nonBlank(entry.replay_command) && nonBlank(entry.trace_pointer))) {
      const ids = candidates.map(({ entry, index }) => entrySubject(entry, index)).join(", ");
      findings.push(
        finding(
          "WG-REPLAY-002",
          `suite ${show(s.suite)}: no open or resolved quarantine entry has both replay_command and trace_pointer (entries: ${ids})`,
          at,
        ),
      );
    }
  }
  return resultOf("WG-REPLAY", `replay pointers present for all ${k} unstable or failing suites`, findings);
}
