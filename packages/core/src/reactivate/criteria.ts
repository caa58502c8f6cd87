// Reactivation criteria (forensics.md §4.4 step 4), decided from what the replay runs
// established. The command gathers the facts (processes, files); this decides.
import { compareCodePoints } from "../canonical-json.ts";
import { show } from "../format.ts";
import { isPlainObject } from "../schemas/common.ts";
import type { ReplayRunFacts } from "./run-facts.ts";

export const REACTIVATE_CRITERIA = [
  "consecutive_passes",
  "identical_fingerprints",
  "no_unstable_transitions",
  "forensics_artifacts_attached",
  "owner_notes_recorded",
  "entry_unchanged",
] as const;
export type ReactivateCriterionId = (typeof REACTIVATE_CRITERIA)[number];

export interface ReactivateCriterion {
  id: ReactivateCriterionId;
  met: boolean;
  detail: string;
}

/** Outcome of checking the entry's trace_pointer on disk (done by the command). */
export type TracePointerCheck = { ok: true; display: string; sha256: string } | { ok: false; detail: string };

export const REMOTE_TRACE_POINTER_DETAIL = "remote trace_pointer cannot be verified; attach the artifact locally";

/** Ids shown in a detail before it says how many more there are. */
const LIST_LIMIT = 5;

function listed(items: readonly string[]): string {
  const head = items.slice(0, LIST_LIMIT).join(", ");
  return items.length > LIST_LIMIT ? `${head} (+${items.length - LIST_LIMIT} more)` : head;
}

function howEnded(run: ReplayRunFacts): string {
  if (run.status === "failed" && run.exitCode !== null) return `run ${run.run} failed (exit code ${run.exitCode})`;
  if (run.status === "failed" && run.signal !== null) return `run ${run.run} failed (signal ${run.signal})`;
  return `run ${run.run} ${run.status === "error" ? "error" : run.status}`;
}

function consecutivePasses(runs: readonly ReplayRunFacts[]): ReactivateCriterion {
  const notPassed = runs.filter((r) => r.status !== "passed");
  if (notPassed.length === 0) return { id: "consecutive_passes", met: true, detail: `all ${runs.length} runs passed` };
  const passed = runs.length - notPassed.length;
  return { id: "consecutive_passes", met: false, detail: `${passed} of ${runs.length} runs passed; ${notPassed.map(howEnded).join(", ")}` };
}

function certShow(value: string | null | undefined): string {
  return value === null || value === undefined ? "(missing)" : show(value);
}

function certificateText(certificate: Record<string, string | null> | null): string {
  return JSON.stringify(certificate);
}

function identicalFingerprints(runs: readonly ReplayRunFacts[]): ReactivateCriterion {
  const first = runs[0];
  const missing = runs.filter((r) => r.fingerprint === null).map((r) => `run ${r.run}`);
  if (first === undefined) return { id: "identical_fingerprints", met: false, detail: "no runs" };
  if (missing.length > 0) return { id: "identical_fingerprints", met: false, detail: `no fingerprint for ${listed(missing)}` };
  const parts: string[] = [];
  const differing = runs.filter((r) => r.fingerprint !== first.fingerprint).map((r) => `run ${r.run}`);
  if (differing.length > 0) parts.push(`fingerprints differ from run 1: ${listed(differing)}`);
  const certDiffers = runs.filter((r) => certificateText(r.certificate) !== certificateText(first.certificate));
  if (certDiffers.length > 0) {
    const firstDiff = certDiffers[0] as ReplayRunFacts;
    const fields = Object.keys({ ...first.certificate, ...firstDiff.certificate }).filter(
      (f) => (first.certificate?.[f] ?? null) !== (firstDiff.certificate?.[f] ?? null),
    );
    const shown = fields
      .slice(0, LIST_LIMIT)
      .map((f) => `${f}: run_1=${certShow(first.certificate?.[f])} run_${firstDiff.run}=${certShow(firstDiff.certificate?.[f])}`);
    const suffix = shown.length > 0 ? ` (${shown.join(", ")})` : "";
    parts.push(`certificates differ from run 1: ${listed(certDiffers.map((r) => `run ${r.run}`))}${suffix}`);
  }
  if (parts.length > 0) return { id: "identical_fingerprints", met: false, detail: parts.join("; ") };
  return { id: "identical_fingerprints", met: true, detail: `all ${runs.length} runs have fingerprint ${first.fingerprint as string}` };
}

/** Each case's outcome per run; a case missing from a run (or a run without cases) is a change. */
function changingCases(runs: readonly ReplayRunFacts[]): string[] {
  if (runs.every((r) => r.cases === null)) return [];
  const perRun = runs.map((r) => {
    const byId = new Map<string, string[]>();
    for (const c of r.cases ?? []) byId.set(c.id, [...(byId.get(c.id) ?? []), c.status]);
    return new Map([...byId].map(([id, statuses]) => [id, statuses.sort().join(",")]));
  });
  const ids = new Set(perRun.flatMap((m) => [...m.keys()]));
  const changed: string[] = [];
  for (const id of ids) {
    const outcomes = perRun.map((m) => m.get(id));
    if (outcomes.some((o) => o === undefined || o !== outcomes[0])) changed.push(id);
  }
  return changed.sort(compareCodePoints);
}

function noUnstableTransitions(runs: readonly ReplayRunFacts[]): ReactivateCriterion {
  const parts: string[] = [];
  const statuses = runs.map((r) => r.status);
  if (statuses.some((s) => s !== statuses[0])) parts.push(`statuses differ across runs: ${statuses.join(", ")}`);
  const changed = changingCases(runs);
  if (changed.length > 0) parts.push(`test cases change outcome: ${listed(changed.map((id) => show(id)))}`);
  if (parts.length > 0) return { id: "no_unstable_transitions", met: false, detail: parts.join("; ") };
  const caseCount = runs[0]?.cases?.length;
  const cases = caseCount === undefined ? "" : `; ${caseCount} test case(s) kept their outcome`;
  return { id: "no_unstable_transitions", met: true, detail: `all ${runs.length} runs ${statuses[0] ?? "ran"}${cases}` };
}

function artifactsAttached(runs: readonly ReplayRunFacts[], trace: TracePointerCheck): ReactivateCriterion {
  const parts: string[] = [];
  const uncaptured = runs.filter((r) => !r.outputCaptured).map((r) => `run ${r.run}`);
  if (uncaptured.length > 0) parts.push(`no captured output for ${listed(uncaptured)}`);
  if (!trace.ok) parts.push(trace.detail);
  if (parts.length > 0) return { id: "forensics_artifacts_attached", met: false, detail: parts.join("; ") };
  const ok = trace as Extract<TracePointerCheck, { ok: true }>;
  return {
    id: "forensics_artifacts_attached",
    met: true,
    detail: `output captured for all ${runs.length} runs; trace_pointer ${ok.display} sha256 ${ok.sha256}`,
  };
}

function nonBlank(v: unknown): boolean {
  return typeof v === "string" && v.trim().length > 0;
}

/** `notes.root_cause` and `notes.fix_ref` present and non-blank on this entry. */
export function ownerNotesCriterion(entry: Record<string, unknown>): ReactivateCriterion {
  const notes = entry.notes;
  if (!isPlainObject(notes)) {
    const what = notes === undefined || notes === null ? "no notes recorded" : "notes is not an object";
    return { id: "owner_notes_recorded", met: false, detail: `${what}; need notes.root_cause and notes.fix_ref` };
  }
  const missing = ["root_cause", "fix_ref"].filter((k) => !nonBlank(notes[k])).map((k) => `notes.${k}`);
  if (missing.length > 0) return { id: "owner_notes_recorded", met: false, detail: `${missing.join(" and ")} missing or empty` };
  return { id: "owner_notes_recorded", met: true, detail: "notes.root_cause and notes.fix_ref recorded" };
}

/** The criteria decided from the runs and the unlocked entry, in the documented order. */
export function evaluateReactivationCriteria(
  runs: readonly ReplayRunFacts[],
  trace: TracePointerCheck,
  entry: Record<string, unknown>,
): ReactivateCriterion[] {
  return [consecutivePasses(runs), identicalFingerprints(runs), noUnstableTransitions(runs), artifactsAttached(runs, trace), ownerNotesCriterion(entry)];
}

/**
 * Under the lock, against the freshly read entry: was it changed while the replays ran? Null
 * when nothing relevant changed.
 */
export function entryChangedCriterion(before: Record<string, unknown>, after: Record<string, unknown>): ReactivateCriterion | null {
  const changes: string[] = [];
  if (after.status !== "open" && after.status !== "resolved") changes.push(`status is now ${show(after.status)}`);
  if (after.replay_command !== before.replay_command) changes.push("replay_command changed");
  if (after.trace_pointer !== before.trace_pointer) changes.push("trace_pointer changed");
  if (changes.length === 0) return null;
  return { id: "entry_unchanged", met: false, detail: `entry changed while the replays ran: ${changes.join(", ")}` };
}

/**
 * Apply the locked re-read: owner notes judged on the fresh entry, plus `entry_unchanged` when
 * the entry moved underneath the attempt.
 */
export function recheckUnderLock(
  criteria: readonly ReactivateCriterion[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ReactivateCriterion[] {
  const out = criteria.map((c) => (c.id === "owner_notes_recorded" ? ownerNotesCriterion(after) : c));
  const changed = entryChangedCriterion(before, after);
  return changed === null ? out : [...out, changed];
}

export function allMet(criteria: readonly ReactivateCriterion[]): boolean {
  return criteria.length > 0 && criteria.every((c) => c.met);
}
