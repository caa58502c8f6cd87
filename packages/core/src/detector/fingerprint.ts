// The replay fingerprint of one run (detector.md §4.5): a hash over the outcome only (status,
// kind, which results, which tests did what), never over log text, so volatile output cannot
// make identical outcomes look different.
import { compareCodePoints } from "../canonical-json.ts";
import type { RunKind, RunResult, RunStatus, Sha256, TestCase } from "./types.ts";

export const FINGERPRINT_SCHEME = "flakewarden-outcome-v1";

export interface FingerprintInput {
  suite: string;
  status: RunStatus;
  kind: RunKind;
  results: RunResult["kind"];
  /** Parsed test cases with ids already normalised; [] without parsed results. */
  cases: readonly TestCase[];
}

export function fingerprintText(input: FingerprintInput): string {
  const caseLines = input.cases.map((c) => `${c.status} ${c.id}`).sort(compareCodePoints);
  const lines = [
    FINGERPRINT_SCHEME,
    `suite ${input.suite}`,
    `status ${input.status}`,
    `kind ${input.kind}`,
    `results ${input.results}`,
    `tests ${input.cases.length}`,
    ...caseLines,
  ];
  return `${lines.join("\n")}\n`;
}

export function fingerprint(input: FingerprintInput, sha256: Sha256): string {
  return sha256(fingerprintText(input));
}
