// The drill's verdicts (forensics.md §4.2 steps 3–4, §3.2): pure functions over what the runs
// produced, so the command only runs processes and writes files.
import { compareCodePoints } from "../canonical-json.ts";
import { canonicalText, isLosslessObject, lookupPath, type LosslessValue } from "../lossless-json.ts";
import { matchesPayload } from "../replay-fingerprint.ts";
import { quoteCommand, quoteToken } from "../shell-quote.ts";

export type DrillCheckStatus = "pass" | "fail" | "skip";

export interface DrillCheckVerdict {
  status: DrillCheckStatus;
  detail: string;
}

/** What the determinism check needs from one run. */
export interface RunOutcomeFacts {
  run: number;
  hasResult: boolean;
  fingerprint: string | null;
  certificate: Record<string, string | null>;
  /** Normalised result: a lossless JSON value, or text. */
  normalized: { kind: "json"; value: LosslessValue } | { kind: "text"; text: string } | null;
}

export interface DeterminismResult {
  verdict: DrillCheckVerdict;
  divergentRuns: number[];
  /** The determinism.diff text, or null when the runs agree or were not compared. */
  diff: string | null;
}

function sameCertificate(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}

export function compareDeterminism(runs: readonly RunOutcomeFacts[]): DeterminismResult {
  const missing = runs.find((r) => r.fingerprint === null);
  if (missing !== undefined) return { verdict: { status: "skip", detail: `skipped: replay run ${missing.run} failed` }, divergentRuns: [], diff: null };
  const first = runs[0];
  if (first === undefined) return { verdict: { status: "skip", detail: "skipped: no replay runs" }, divergentRuns: [], diff: null };
  const divergent = runs.slice(1).filter((r) => r.fingerprint !== first.fingerprint || !sameCertificate(first.certificate, r.certificate));
  if (divergent.length === 0) return { verdict: { status: "pass", detail: `fingerprints identical across ${runs.length} runs` }, divergentRuns: [], diff: null };
  const other = divergent[0] as RunOutcomeFacts;
  return {
    verdict: { status: "fail", detail: `runs differ from run 1: ${divergent.map((r) => r.run).join(", ")}` },
    divergentRuns: divergent.map((r) => r.run),
    diff: diffText(first, other),
  };
}

/** Leaves of a JSON value by dotted path, in canonical key order (array elements by index). */
function leaves(value: LosslessValue, prefix: string, out: Map<string, string>): void {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((v, i) => leaves(v, prefix === "" ? String(i) : `${prefix}.${i}`, out));
    return;
  }
  if (isLosslessObject(value) && Object.keys(value).length > 0) {
    for (const k of Object.keys(value).sort(compareCodePoints)) leaves(value[k] as LosslessValue, prefix === "" ? k : `${prefix}.${k}`, out);
    return;
  }
  out.set(prefix, canonicalText(value));
}

function diffText(a: RunOutcomeFacts, b: RunOutcomeFacts): string {
  const tag = `run_${b.run}`;
  if (a.normalized?.kind === "json" && b.normalized?.kind === "json") {
    const left = new Map<string, string>();
    const right = new Map<string, string>();
    leaves(a.normalized.value, "", left);
    leaves(b.normalized.value, "", right);
    const paths = [...new Set([...left.keys(), ...right.keys()])].sort(compareCodePoints);
    const lines = paths
      .filter((p) => left.get(p) !== right.get(p))
      .map((p) => `${p}: run_1=${left.get(p) ?? "<absent>"} ${tag}=${right.get(p) ?? "<absent>"}`);
    // Equal payloads can still differ in certificate values (e.g. a field only the certificate reads).
    for (const [field, value] of Object.entries(a.certificate)) {
      const other = b.certificate[field] ?? null;
      if (value !== other && !lines.some((l) => l.startsWith(`${field}: `))) lines.push(`${field}: run_1=${value ?? "<absent>"} ${tag}=${other ?? "<absent>"}`);
    }
    return lines.map((l) => `${l}\n`).join("");
  }
  const textOf = (r: RunOutcomeFacts): string => (r.normalized?.kind === "text" ? r.normalized.text : r.normalized?.kind === "json" ? canonicalText(r.normalized.value, true) : "");
  const l = textOf(a).split("\n");
  const r = textOf(b).split("\n");
  for (let i = 0; i < Math.max(l.length, r.length); i++) {
    if (l[i] !== r[i]) return `line ${i + 1}: run_1=${l[i] ?? "<absent>"} ${tag}=${r[i] ?? "<absent>"}\n`;
  }
  return "";
}

export interface PayloadContractInput {
  /** Run 1's normalised JSON payload, or null for a text result. */
  payload: LosslessValue | null;
  hasResult: boolean;
  expect: Readonly<Record<string, LosslessValue>>;
  /** Fields that were configured (only these can be "missing"). */
  configuredCertificateFields: readonly string[] | undefined;
  seed: string;
  /** The expanded trace pointer for run 1 when one is configured and does not exist, else null. */
  unresolvedTracePointer: string | null;
}

export function checkPayloadContract(input: PayloadContractInput): DrillCheckVerdict {
  if (!input.hasResult) return { status: "skip", detail: "skipped: replay run 1 produced no result" };
  const parts: string[] = [];
  for (const [path, expected] of Object.entries(input.expect)) {
    const got = input.payload === null ? undefined : lookupPath(input.payload, path);
    if (got !== undefined && matchesPayload(input.payload as LosslessValue, { [path]: expected }, input.seed)) continue;
    parts.push(`${path}: expected ${canonicalText(expected)}, got ${got === undefined ? "(missing)" : canonicalText(got)}`);
  }
  for (const field of input.configuredCertificateFields ?? []) {
    if (input.payload === null || lookupPath(input.payload, field) === undefined) parts.push(`certificate field missing: ${field}`);
  }
  if (input.unresolvedTracePointer !== null) parts.push(`trace_pointer does not resolve: ${input.unresolvedTracePointer}`);
  return parts.length === 0 ? { status: "pass", detail: "payload contract satisfied" } : { status: "fail", detail: parts.join("; ") };
}

export const FAILURE_KINDS = ["replay_run_failure", "determinism_mismatch", "payload_contract_failure", "probe_failure", "config_error"] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface ScenarioVerdicts {
  runs: DrillCheckVerdict[];
  determinism: DrillCheckVerdict;
  payload: DrillCheckVerdict;
  probe: DrillCheckVerdict;
}

/** failure_kinds in their fixed order, from every scenario's checks. */
export function failureKinds(scenarios: readonly ScenarioVerdicts[]): FailureKind[] {
  const kinds = new Set<FailureKind>();
  for (const s of scenarios) {
    if (s.runs.some((r) => r.status === "fail")) kinds.add("replay_run_failure");
    if (s.determinism.status === "fail") kinds.add("determinism_mismatch");
    if (s.payload.status === "fail") kinds.add("payload_contract_failure");
    if (s.probe.status === "fail") kinds.add("probe_failure");
  }
  return FAILURE_KINDS.filter((k) => kinds.has(k));
}

export interface DrillCounts {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
}

export function countChecks(verdicts: readonly DrillCheckVerdict[]): DrillCounts {
  const n = (s: DrillCheckStatus): number => verdicts.filter((v) => v.status === s).length;
  return { passed: n("pass"), failed: n("fail"), skipped: n("skip"), total: verdicts.length };
}

export interface ReproCommandInput {
  seed: string;
  runs: string;
  config: string | null;
  scenarios: readonly string[];
  out: string | null;
}

/** The command that repeats this drill from the project root (§4.2). */
export function drillReproCommand(input: ReproCommandInput): string {
  const argv = ["flakewarden", "drill", "--seed", input.seed, "--runs", input.runs];
  if (input.config !== null) argv.push("--config", input.config);
  for (const s of input.scenarios) argv.push("--scenario", s);
  if (input.out !== null) argv.push("--out", input.out);
  return quoteCommand(argv);
}

/** A scenario's own command as a pasteable line run from the root (§3.2 repro_bundle). */
export function scenarioReplayCommand(cwd: string, seed: string, command: { argv: readonly string[] } | { command: string }): string {
  const prefix = cwd === "." ? "" : `cd ${quoteToken(cwd)} && `;
  const body = "argv" in command ? quoteCommand(command.argv) : `sh -c ${quoteToken(command.command)}`;
  return `${prefix}TEST_SEED=${seed} ${body}`;
}
