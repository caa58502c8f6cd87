// One drill scenario on the machine (forensics.md §4.2 steps 2–5): K replay runs with their
// attempt loop, then the missing-fixture probe. Every file of the scenario's directory is
// written here; the verdicts come from core.
import fs from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import {
  canonicalText,
  certificateFieldsFor,
  certificateOf,
  checkPayloadContract,
  compareDeterminism,
  DEFAULT_IGNORE_KEYS,
  expandPlaceholders,
  fingerprintOfJson,
  fingerprintOfText,
  fromPlainJson,
  isLosslessObject,
  lastPayloadLine,
  normalizeJsonResult,
  normalizeTextResult,
  parseLosslessJson,
  probeCommand,
  type DrillCheckVerdict,
  type DeterminismResult,
  type DrillScenarioConfig,
  type LosslessValue,
  type NormalizeOptions,
  type RunOutcomeFacts,
} from "@flakewarden/core";
import { runArgv, type RunArgvResult } from "@flakewarden/forensics";
import { sha256Hex } from "../reactivate/replay-run.ts";
import { sha256Directory, sha256File } from "../reactivate/trace-pointer.ts";

export interface DrillRunContext {
  root: string;
  artifactDirAbs: string;
  seed: string;
  seedHex: string;
  runs: number;
  attempts: number;
  timeoutS: number;
  retryDelayMs: number;
  inherited: Record<string, string>;
  /** How a path is written into outputs. */
  outPath: (abs: string) => string;
  /** Root-relative form, or null outside the root (for normalisation). */
  rootRelative: (abs: string) => string | null;
  progress: (line: string) => void;
  /** True once SIGINT/SIGTERM arrived: no further child is started. */
  stopped: () => boolean;
}

/** Thrown when a stop signal arrived before the scenario finished; the command ends by the signal. */
export class DrillStopped extends Error {
  constructor() {
    super("drill stopped by a signal");
  }
}

export interface RunRecord {
  run: number;
  verdict: DrillCheckVerdict;
  exitCode: number | null;
  attempts: number;
  fingerprint: string | null;
  certificate: Record<string, string | null>;
  result: string | null;
  log: string | null;
}

export interface ScenarioOutcome {
  id: string;
  runs: RunRecord[];
  determinism: DeterminismResult;
  diffPath: string | null;
  payload: DrillCheckVerdict;
  payloadArtifact: string | null;
  probe: { id: string; verdict: DrillCheckVerdict; exitCode: number | null; log: string };
  tracePointer: string | null;
  tracePointerSha256: string | null;
  /** Set when every run agreed. */
  fingerprint: string | null;
}

type Payload = { kind: "json"; value: LosslessValue; bytes: string; ext: string } | { kind: "text"; text: string; ext: string };

interface Attempted {
  outcome: RunArgvResult;
  failPattern: string | null;
  payload: Payload | null;
}

function placeholderValues(ctx: DrillRunContext, s: DrillScenarioConfig, run: string, runDirAbs: string): Record<string, string> {
  return { seed: ctx.seed, seed_hex: ctx.seedHex, run, run_dir: runDirAbs, artifact_dir: ctx.artifactDirAbs, root: ctx.root, scenario_id: s.id };
}

function childArgv(command: { argv: string[] } | { command: string }, values: Record<string, string>): string[] {
  return "argv" in command ? command.argv.map((a) => expandPlaceholders(a, values)) : ["sh", "-c", command.command];
}

function lines(text: string): string[] {
  return text.split("\n").map((l) => l.replace(/\r$/, ""));
}

function matchedPattern(patterns: readonly string[], outcome: RunArgvResult): string | null {
  const all = [...lines(outcome.stdout), ...lines(outcome.stderr)];
  for (const p of patterns) {
    const re = new RegExp(p, "i");
    if (all.some((l) => re.test(l))) return p;
  }
  return null;
}

function logText(outcome: RunArgvResult): string {
  const gap = outcome.stdout === "" || outcome.stdout.endsWith("\n") ? "" : "\n";
  return `${outcome.stdout}${gap}${outcome.stderr}`;
}

function fromStream(text: string, match: Readonly<Record<string, LosslessValue>>, seed: string): Payload | null {
  const line = lastPayloadLine(text, match, seed);
  return line === null ? null : { kind: "json", value: line.value, bytes: `${line.line}\n`, ext: ".json" };
}

function selectPayload(outcome: RunArgvResult, resultAbs: string | null, match: Readonly<Record<string, LosslessValue>>, seed: string): Payload | null {
  if (resultAbs !== null) {
    let bytes: string;
    try {
      if (!fs.statSync(resultAbs).isFile()) return null;
      bytes = fs.readFileSync(resultAbs, "utf8");
    } catch {
      return null;
    }
    const parsed = parseLosslessJson(bytes);
    if (parsed.ok) return { kind: "json", value: parsed.value, bytes, ext: ".json" };
    const ext = path.extname(resultAbs);
    return { kind: "text", text: bytes, ext: ext === "" ? ".txt" : ext };
  }
  const fromOut = fromStream(outcome.stdout, match, seed);
  if (fromOut !== null) return fromOut;
  // stderr only when stdout offers no payload line at all.
  const fromErr = fromStream(outcome.stderr, match, seed);
  if (fromErr !== null) return fromErr;
  const whole = parseLosslessJson(outcome.stdout.trim());
  if (whole.ok && isLosslessObject(whole.value) && lastPayloadLine(canonicalText(whole.value), match, seed) !== null) {
    return { kind: "json", value: whole.value, bytes: outcome.stdout, ext: ".json" };
  }
  return null;
}

/** `<c>` of the failure details: the exit code, or `signal <SIG>` when a signal ended the child (§4.2 step 2). */
function exitOf(outcome: RunArgvResult): string {
  if (outcome.exitCode !== null) return String(outcome.exitCode);
  return outcome.signal !== null ? `signal ${outcome.signal}` : "signal";
}

/** How a timed-out attempt ended, for drill.log: the signal that ended it, or its own exit after SIGTERM. */
function timeoutEnding(outcome: RunArgvResult): string {
  return outcome.signal !== null ? `killed by ${outcome.signal}` : "exited after SIGTERM";
}

function exitAccepted(s: DrillScenarioConfig, code: number | null): boolean {
  if (code === null) return false;
  return s.success_exit_codes === "any" || s.success_exit_codes.includes(code);
}

function runFailure(s: DrillScenarioConfig, a: Attempted, attempts: number, timeoutS: number): string | null {
  if (a.failPattern !== null) return `fail pattern matched: ${a.failPattern}`;
  if (a.outcome.spawnError !== null) return `could not start: ${a.outcome.spawnError}`;
  if (a.outcome.timedOut) return `timed out after ${timeoutS}s`;
  if (a.payload === null) return `no result payload after ${attempts} attempt(s)`;
  if (!exitAccepted(s, a.outcome.exitCode)) return `exit code ${exitOf(a.outcome)} not accepted`;
  return null;
}

function freshDir(abs: string): void {
  fs.rmSync(abs, { recursive: true, force: true });
  fs.mkdirSync(abs, { recursive: true });
}

export async function runScenario(ctx: DrillRunContext, s: DrillScenarioConfig): Promise<ScenarioOutcome> {
  const scenarioDir = path.join(ctx.artifactDirAbs, s.id);
  fs.mkdirSync(scenarioDir, { recursive: true });
  const cwdAbs = path.resolve(ctx.root, s.cwd);
  const match: Record<string, LosslessValue> = {};
  for (const [k, v] of Object.entries(s.payload_match)) match[k] = fromPlainJson(v);
  const command = s.argv !== undefined ? { argv: s.argv } : { command: s.command ?? "" };
  const timeoutMs = ctx.timeoutS * 1000;

  const facts: RunOutcomeFacts[] = [];
  const records: RunRecord[] = [];
  const payloads: (LosslessValue | null)[] = [];
  let traceAbs: string | null = null;
  for (let k = 1; k <= ctx.runs; k++) {
    const runDirAbs = path.join(scenarioDir, `run${k}`);
    freshDir(runDirAbs);
    const values = placeholderValues(ctx, s, String(k), runDirAbs);
    if (k === 1 && s.trace_pointer !== undefined) traceAbs = path.resolve(ctx.root, expandPlaceholders(s.trace_pointer, values));
    const resultAbs = typeof s.result === "object" ? path.resolve(cwdAbs, expandPlaceholders(s.result.file, values)) : null;
    const env = { ...ctx.inherited, ...s.env, TEST_SEED: ctx.seed, FLAKEWARDEN_SEED: ctx.seed, FLAKEWARDEN_RUN: String(k), FLAKEWARDEN_RUN_DIR: runDirAbs, FLAKEWARDEN_ARTIFACT_DIR: ctx.artifactDirAbs };
    let attempt = 0;
    let last: Attempted | null = null;
    for (;;) {
      if (ctx.stopped()) throw new DrillStopped();
      attempt += 1;
      if (resultAbs !== null) fs.rmSync(resultAbs, { force: true });
      const outcome = await runArgv({ argv: childArgv(command, values), cwd: cwdAbs, timeoutMs, env });
      fs.writeFileSync(path.join(scenarioDir, `run${k}.attempt${attempt}.log`), logText(outcome));
      // A child our stop signal killed has no verdict: its log is kept, nothing is judged.
      if (ctx.stopped()) throw new DrillStopped();
      if (outcome.timedOut) ctx.progress(`drill: ${s.id} run ${k}: attempt ${attempt} timed out after ${ctx.timeoutS}s; ${timeoutEnding(outcome)}`);
      const failPattern = matchedPattern(s.fail_patterns, outcome);
      const payload = outcome.timedOut || outcome.spawnError !== null ? null : selectPayload(outcome, resultAbs, match, ctx.seed);
      last = { outcome, failPattern, payload };
      // Only a run that produced nothing is worth another try; a refusal or spawn failure is final.
      if (payload !== null || failPattern !== null || outcome.spawnError !== null || attempt >= ctx.attempts) break;
      ctx.progress(`drill: ${s.id} run ${k}: no result on attempt ${attempt}; retrying`);
      if (ctx.retryDelayMs > 0) await delay(ctx.retryDelayMs);
    }
    const logAbs = path.join(scenarioDir, `run${k}.log`);
    fs.writeFileSync(logAbs, logText(last.outcome));
    const failure = runFailure(s, last, attempt, ctx.timeoutS);

    let resultPath: string | null = null;
    let fingerprint: string | null = null;
    let normalizedFacts: RunOutcomeFacts["normalized"] = null;
    let normalizedPayload: LosslessValue | null = null;
    const p = last.payload;
    if (p !== null) {
      const normalize: NormalizeOptions = {
        paths: { root: ctx.root, runDirAbs, runDirRel: ctx.rootRelative(runDirAbs), artifactDirAbs: ctx.artifactDirAbs, artifactDirRel: ctx.rootRelative(ctx.artifactDirAbs) },
        replace: s.replace,
        ignoreKeys: s.ignore_keys ?? DEFAULT_IGNORE_KEYS,
      };
      const rawAbs = path.join(scenarioDir, `replay_run${k}${p.ext}`);
      if (p.kind === "json") {
        fs.writeFileSync(rawAbs, p.bytes);
        normalizedPayload = normalizeJsonResult(p.value, normalize);
        fs.writeFileSync(path.join(scenarioDir, `replay_run${k}.normalized.json`), `${canonicalText(normalizedPayload, true)}\n`);
        fingerprint = fingerprintOfJson(normalizedPayload, sha256Hex);
        normalizedFacts = { kind: "json", value: normalizedPayload };
      } else {
        fs.writeFileSync(rawAbs, p.text);
        const text = normalizeTextResult(p.text, normalize);
        fs.writeFileSync(path.join(scenarioDir, `replay_run${k}.normalized.txt`), text);
        fingerprint = fingerprintOfText(text, sha256Hex);
        normalizedFacts = { kind: "text", text };
      }
      resultPath = ctx.outPath(rawAbs);
    }
    payloads.push(normalizedPayload);
    const verdict: DrillCheckVerdict = failure === null ? { status: "pass", detail: `replay run ${k} passed` } : { status: "fail", detail: failure };
    ctx.progress(`drill: ${s.id} run ${k}: ${verdict.status} (${verdict.detail})`);
    facts.push({ run: k, hasResult: p !== null, fingerprint, certificate: {}, normalized: normalizedFacts });
    records.push({ run: k, verdict, exitCode: last.outcome.exitCode, attempts: attempt, fingerprint, certificate: {}, result: resultPath, log: ctx.outPath(logAbs) });
  }

  // Run 1's payload decides which fields every run certifies.
  const fields = certificateFieldsFor(s.certificate_fields, payloads[0] ?? null);
  records.forEach((r, i) => {
    const payload = payloads[i] ?? null;
    r.certificate = payload === null ? Object.fromEntries(fields.map((f) => [f, null])) : certificateOf(payload, fields);
    (facts[i] as RunOutcomeFacts).certificate = r.certificate;
  });

  const determinism = compareDeterminism(facts);
  let diffPath: string | null = null;
  if (determinism.diff !== null) {
    const diffAbs = path.join(scenarioDir, "determinism.diff");
    fs.writeFileSync(diffAbs, determinism.diff);
    diffPath = ctx.outPath(diffAbs);
  }
  ctx.progress(`drill: ${s.id} determinism_compare: ${determinism.verdict.status} (${determinism.verdict.detail})`);

  const first = records[0];
  const traceExists = traceAbs !== null && fs.existsSync(traceAbs);
  const expect: Record<string, LosslessValue> = {};
  for (const [k, v] of Object.entries(s.expect)) expect[k] = fromPlainJson(v);
  const payload = checkPayloadContract({
    payload: payloads[0] ?? null,
    hasResult: first?.result !== null && first !== undefined,
    expect,
    configuredCertificateFields: s.certificate_fields,
    seed: ctx.seed,
    unresolvedTracePointer: traceAbs !== null && !traceExists ? ctx.outPath(traceAbs) : null,
  });
  ctx.progress(`drill: ${s.id} payload_contract: ${payload.status} (${payload.detail})`);

  // Without a configured pointer the scenario points at its first replay result.
  const pointerAbs = s.trace_pointer !== undefined ? (traceExists ? traceAbs : null) : first?.result !== null && first !== undefined ? path.join(scenarioDir, path.basename(first.result)) : null;
  let pointerSha: string | null = null;
  if (pointerAbs !== null) {
    try {
      pointerSha = fs.statSync(pointerAbs).isDirectory() ? sha256Directory(pointerAbs).sha256 : sha256File(pointerAbs);
    } catch {
      pointerSha = null;
    }
  }

  const probe = await runProbe(ctx, s, scenarioDir, cwdAbs);
  ctx.progress(`drill: ${s.id} failure_probe_missing_fixture: ${probe.verdict.status} (${probe.verdict.detail})`);
  const agreed = determinism.verdict.status === "pass" ? (records[0]?.fingerprint ?? null) : null;
  return {
    id: s.id,
    runs: records,
    determinism,
    diffPath,
    payload,
    payloadArtifact: first?.result ?? null,
    probe,
    tracePointer: pointerAbs === null ? null : ctx.outPath(pointerAbs),
    tracePointerSha256: pointerSha,
    fingerprint: agreed,
  };
}

async function runProbe(ctx: DrillRunContext, s: DrillScenarioConfig, scenarioDir: string, cwdAbs: string): Promise<ScenarioOutcome["probe"]> {
  const runDirAbs = path.join(scenarioDir, "probe");
  freshDir(runDirAbs);
  const values = placeholderValues(ctx, s, "probe", runDirAbs);
  const logAbs = path.join(scenarioDir, "expected_failure.log");
  const id = s.probe.id;
  if (s.probe.missing_path !== undefined && fs.existsSync(path.resolve(ctx.root, expandPlaceholders(s.probe.missing_path, values)))) {
    fs.writeFileSync(logAbs, "");
    return { id, verdict: { status: "fail", detail: "probe fixture unexpectedly exists" }, exitCode: null, log: ctx.outPath(logAbs) };
  }
  const env = { ...ctx.inherited, ...s.env, TEST_SEED: ctx.seed, FLAKEWARDEN_SEED: ctx.seed, FLAKEWARDEN_RUN: "probe", FLAKEWARDEN_RUN_DIR: runDirAbs, FLAKEWARDEN_ARTIFACT_DIR: ctx.artifactDirAbs };
  if (ctx.stopped()) throw new DrillStopped();
  const outcome = await runArgv({ argv: childArgv(probeCommand(s, values), values), cwd: cwdAbs, timeoutMs: ctx.timeoutS * 1000, env });
  fs.writeFileSync(logAbs, logText(outcome));
  if (ctx.stopped()) throw new DrillStopped();
  if (outcome.timedOut) ctx.progress(`drill: ${s.id} probe: timed out after ${ctx.timeoutS}s; ${timeoutEnding(outcome)}`);
  const pattern = matchedPattern(s.fail_patterns, outcome);
  let verdict: DrillCheckVerdict;
  if (outcome.spawnError !== null) verdict = { status: "fail", detail: `probe could not start: ${outcome.spawnError}` };
  else if (outcome.timedOut) verdict = { status: "fail", detail: "probe timed out" };
  else if (pattern !== null) verdict = { status: "fail", detail: `fail pattern matched: ${pattern}` };
  else if (outcome.exitCode === 0) verdict = { status: "fail", detail: "probe unexpectedly succeeded" };
  else if (s.probe.expect_output !== undefined && !new RegExp(s.probe.expect_output, "i").test(`${outcome.stdout}${outcome.stderr}`)) {
    verdict = { status: "fail", detail: `probe output did not match ${s.probe.expect_output}` };
  } else verdict = { status: "pass", detail: `probe failed as expected (exit ${exitOf(outcome)})` };
  return { id, verdict, exitCode: outcome.exitCode, log: ctx.outPath(logAbs) };
}
