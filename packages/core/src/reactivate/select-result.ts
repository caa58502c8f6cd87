// Choosing a replay's result from its stdout (forensics.md §4.4 step 2), the pure part: TAP is
// recognised by the caller's parser; here the JSON payload line and the per-case fingerprint.
import { compareCodePoints } from "../canonical-json.ts";
import type { Sha256, TestCase } from "../detector/types.ts";
import { isLosslessObject, parseLosslessJson, type LosslessValue } from "../lossless-json.ts";
import { matchesPayload } from "../replay-fingerprint.ts";
import type { CaseOutcome } from "./run-facts.ts";

/** The last stdout line (trimmed) that is a JSON object satisfying `payload_match`, else null. */
export function lastPayloadLine(
  stdout: string,
  match: Readonly<Record<string, LosslessValue>>,
  seed: string | null,
): { line: string; value: LosslessValue } | null {
  const lines = stdout.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] as string).trim();
    // Only a line that can be an object is worth parsing: logs are mostly prose.
    if (!line.startsWith("{") || !line.endsWith("}")) continue;
    const parsed = parseLosslessJson(line);
    if (parsed.ok && isLosslessObject(parsed.value) && matchesPayload(parsed.value, match, seed)) return { line, value: parsed.value };
  }
  return null;
}

/** Per-case outcomes with normalised ids, sorted by id then status. */
export function caseOutcomes(cases: readonly TestCase[], normalize: (id: string) => string): CaseOutcome[] {
  return cases
    .map((c) => ({ id: normalize(c.id), status: c.status }))
    .sort((a, b) => compareCodePoints(a.id, b.id) || compareCodePoints(a.status, b.status));
}

/**
 * Fingerprint of a JUnit/TAP result: its `<status> <id>` lines sorted, one per line, so runner
 * durations and test order do not count.
 */
export function caseFingerprint(outcomes: readonly CaseOutcome[], sha256: Sha256): string {
  const lines = outcomes.map((c) => `${c.status} ${c.id}`).sort(compareCodePoints);
  return `sha256:${sha256(lines.map((l) => `${l}\n`).join(""))}`;
}
