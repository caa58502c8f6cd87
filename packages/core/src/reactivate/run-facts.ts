// What one replay run established, as the criteria, evidence records and report need it.
import type { CaseStatus } from "../detector/types.ts";

export const REPLAY_RUN_STATUSES = ["passed", "failed", "timeout", "error"] as const;
export type ReplayRunStatus = (typeof REPLAY_RUN_STATUSES)[number];

/** Where a run's result came from, in the order they are tried (forensics.md §4.4 step 2). */
export type ReplayResultKind = "junit" | "tap" | "json" | "text";

export interface CaseOutcome {
  /** Normalised test id (detector.md §4.5). */
  id: string;
  status: CaseStatus;
}

export interface ReplayRunFacts {
  /** 1-based. */
  run: number;
  runId: string;
  /** toISOString() form. */
  ts: string;
  status: ReplayRunStatus;
  /** null when killed or never started. */
  exitCode: number | null;
  /** The signal that ended the run when it was not our timeout, else null. */
  signal: string | null;
  /** Run directory, root-relative with `/` (as given when outside the root). */
  artifactDir: string;
  /** Captured output file, same form; null when none could be written. */
  outputLog: string | null;
  outputCaptured: boolean;
  result: { kind: ReplayResultKind; source: string; copy: string | null } | null;
  fingerprint: string | null;
  certificate: Record<string, string | null> | null;
  /** Per-case outcomes for a JUnit or TAP result, sorted by id; null otherwise. */
  cases: CaseOutcome[] | null;
  /** One human line: how the run ended. */
  detail: string;
}
