// One replay run of a reactivation attempt (forensics.md §4.4 step 2): the entry's
// replay_command through `sh -c` with a timeout and process-group kill, its output captured in
// the run directory, its result chosen and fingerprinted.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import {
  caseFingerprint,
  caseOutcomes,
  fingerprintOfJson,
  fingerprintOfText,
  lastPayloadLine,
  normalizeJsonResult,
  normalizeTextResult,
  parseLosslessJson,
  testIdNormalizer,
  type CaseOutcome,
  type LosslessValue,
  type NormalizeOptions,
  type ParsedResult,
  type ReplaceRule,
  type ReplayResultKind,
  type ReplayRunFacts,
  type ReplayRunStatus,
} from "@flakewarden/core";
import { inferResultFormat, parseResultFile, parseTapText, runUnit, type UnitOutcome } from "@flakewarden/forensics";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * The replay must see stdout and stderr separately (the result comes from stdout alone), while
 * the runner captures one stream. So an outer shell points its stderr at a file and then execs
 * `sh -c <replay_command>`: the command string reaches the inner shell exactly as written, as
 * its own argument, never spliced into shell text, and keeps the process group of the run.
 */
const SPLIT_STDERR = 'exec 2>"$1" || exit 127; exec sh -c "$0"';

export const OUTPUT_LOG = "output.log";
const STDERR_CAPTURE = ".stderr.capture";

export interface ReplaySettings {
  root: string;
  attemptDirAbs: string;
  /** How a path is written into outputs (root-relative with `/`, or as given outside the root). */
  outPath: (abs: string) => string;
  /** Root-relative form with `/`, or null outside the root (for normalisation). */
  rootRelative: (abs: string) => string | null;
  command: string;
  env: Record<string, string>;
  seed: string | null;
  timeoutMs: number;
  /** The entry's replay_result template, or null. */
  resultTemplate: string | null;
  payloadMatch: Readonly<Record<string, LosslessValue>>;
  replace: readonly ReplaceRule[];
  ignoreKeys: readonly string[];
  home: string;
  tmpDirs: string[];
}

export interface ReplayRun {
  /** The run's facts; `certificate` is filled in once every run's payload is known. */
  facts: ReplayRunFacts;
  /** The normalised JSON payload, for certificates; null for other results. */
  payload: LosslessValue | null;
}

type Selected =
  | { kind: "json"; source: string; value: LosslessValue; copyText: string | null; fromFile: string | null }
  | { kind: "text"; source: string; text: string; fromFile: string | null }
  | { kind: "junit" | "tap"; source: string; cases: ParsedResult & { kind: "junit" | "tap" }; copyText: string | null; fromFile: string | null };

function expandTemplate(template: string, values: Record<string, string | null>): string {
  return template.replace(/\{(run|run_dir|seed|root)\}/g, (whole, name: string) => values[name] ?? whole);
}

function isRegularFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

function readBytes(abs: string): Buffer {
  try {
    return fs.readFileSync(abs);
  } catch {
    return Buffer.alloc(0);
  }
}

/** The configured replay_result file, read as its extension says (JUnit, TAP), else JSON, else text. */
async function fromResultFile(abs: string, source: string): Promise<Selected> {
  const format = inferResultFormat(abs);
  if (format !== null) {
    const parsed = await parseResultFile(abs, format);
    if (parsed.kind !== "invalid") return { kind: parsed.kind, source, cases: parsed, copyText: null, fromFile: abs };
    // A malformed JUnit/TAP file still has content worth comparing; it is taken as text.
  }
  const text = readBytes(abs).toString("utf8");
  const json = parseLosslessJson(text);
  if (json.ok) return { kind: "json", source, value: json.value, copyText: null, fromFile: abs };
  return { kind: "text", source, text, fromFile: abs };
}

function fromStdout(stdout: string, settings: ReplaySettings): Selected {
  const tap = parseTapText(stdout);
  if (tap.kind === "tap" && tap.cases.length > 0) return { kind: "tap", source: "stdout", cases: tap, copyText: stdout, fromFile: null };
  const line = lastPayloadLine(stdout, settings.payloadMatch, settings.seed);
  if (line !== null) return { kind: "json", source: "stdout", value: line.value, copyText: `${line.line}\n`, fromFile: null };
  return { kind: "text", source: "stdout", text: stdout, fromFile: null };
}

const COPY_NAMES: Record<ReplayResultKind, string> = { junit: "result.xml", tap: "result.tap", json: "result.json", text: "result.txt" };

/** Keep a copy of the result beside the output, unless the result already is that file. */
function copyResult(selected: Selected, runDirAbs: string): string | null {
  const target = path.join(runDirAbs, COPY_NAMES[selected.kind]);
  try {
    if (selected.fromFile !== null) {
      if (path.resolve(selected.fromFile) !== target) fs.copyFileSync(selected.fromFile, target);
    } else {
      const text = selected.kind === "text" ? selected.text : selected.copyText;
      fs.writeFileSync(target, text ?? "");
    }
    return target;
  } catch {
    // The copy is a convenience; the output log is the captured evidence.
    return null;
  }
}

function statusOf(outcome: UnitOutcome, resultMissing: boolean): { status: ReplayRunStatus; detail: string } {
  if (outcome.spawnError !== null) return { status: "error", detail: `could not start: ${outcome.spawnError}` };
  if (outcome.timedOut) return { status: "timeout", detail: "" };
  if (resultMissing) return { status: "error", detail: "" };
  if (outcome.exitCode === 0) return { status: "passed", detail: "exit code 0" };
  if (outcome.exitCode !== null) return { status: "failed", detail: `exit code ${outcome.exitCode}` };
  return { status: "failed", detail: `signal ${outcome.signal ?? "unknown"}` };
}

export async function runReplay(settings: ReplaySettings, k: number, runId: string, ts: string): Promise<ReplayRun> {
  const runDirAbs = path.join(settings.attemptDirAbs, `run_${k}`);
  fs.mkdirSync(runDirAbs);
  const logAbs = path.join(runDirAbs, OUTPUT_LOG);
  const stderrAbs = path.join(runDirAbs, STDERR_CAPTURE);

  const resultAbs =
    settings.resultTemplate === null
      ? null
      : path.resolve(settings.root, expandTemplate(settings.resultTemplate, { run: String(k), run_dir: runDirAbs, seed: settings.seed, root: settings.root }));
  // A result left by an earlier run must not stand in for this run's.
  if (resultAbs !== null && isRegularFile(resultAbs)) fs.rmSync(resultAbs, { force: true });

  const env = { ...settings.env, FLAKEWARDEN_RUN: String(k), FLAKEWARDEN_RUN_DIR: runDirAbs };
  let outcome: UnitOutcome;
  let outputCaptured = true;
  try {
    outcome = await runUnit({
      command: { argv: ["sh", "-c", SPLIT_STDERR, settings.command, stderrAbs] },
      cwd: settings.root,
      env,
      timeoutMs: settings.timeoutMs,
      logPath: logAbs,
      instantNs: null,
      commandStartNs: process.hrtime.bigint(),
    });
  } catch (error) {
    outputCaptured = false;
    const reason = error instanceof Error ? error.message : String(error);
    outcome = { spawnError: reason, timedOut: false, signal: null, exitCode: null, durationNs: "0", endedAtNs: "0" };
  }

  // output.log: stdout as captured, then stderr.
  const stdoutBytes = readBytes(logAbs);
  const stderrBytes = readBytes(stderrAbs);
  fs.rmSync(stderrAbs, { force: true });
  if (outputCaptured) {
    try {
      if (stderrBytes.length > 0) fs.appendFileSync(logAbs, stderrBytes);
      outputCaptured = isRegularFile(logAbs);
    } catch {
      outputCaptured = false;
    }
  }

  const resultMissing = resultAbs !== null && !isRegularFile(resultAbs);
  let { status, detail } = statusOf(outcome, resultMissing);
  if (status === "timeout") detail = `timed out after ${settings.timeoutMs / 1000}s`;
  else if (status === "error" && detail === "") detail = `replay_result not found: ${settings.outPath(resultAbs as string)}`;

  let selected: Selected | null = null;
  // A run that never started or was cut off by the timeout has no result to compare.
  if (outcome.spawnError === null && !outcome.timedOut && !resultMissing) {
    selected = resultAbs !== null ? await fromResultFile(resultAbs, settings.outPath(resultAbs)) : fromStdout(stdoutBytes.toString("utf8"), settings);
  }

  const normalize: NormalizeOptions = {
    paths: {
      root: settings.root,
      runDirAbs,
      runDirRel: settings.rootRelative(runDirAbs),
      artifactDirAbs: settings.attemptDirAbs,
      artifactDirRel: settings.rootRelative(settings.attemptDirAbs),
    },
    replace: settings.replace,
    ignoreKeys: settings.ignoreKeys,
  };
  let fingerprint: string | null = null;
  let payload: LosslessValue | null = null;
  let cases: CaseOutcome[] | null = null;
  let copy: string | null = null;
  if (selected !== null) {
    if (selected.kind === "json") {
      payload = normalizeJsonResult(selected.value, normalize);
      fingerprint = fingerprintOfJson(payload, sha256Hex);
    } else if (selected.kind === "text") {
      fingerprint = fingerprintOfText(normalizeTextResult(selected.text, normalize), sha256Hex);
    } else {
      const normalizeId = testIdNormalizer({ runDir: runDirAbs, cwd: settings.root, home: settings.home, tmpDirs: settings.tmpDirs });
      cases = caseOutcomes(selected.cases.cases, normalizeId);
      fingerprint = caseFingerprint(cases, sha256Hex);
    }
    copy = copyResult(selected, runDirAbs);
  }

  return {
    payload,
    facts: {
      run: k,
      runId,
      ts,
      status,
      exitCode: outcome.timedOut ? null : outcome.exitCode,
      signal: outcome.signal,
      artifactDir: settings.outPath(runDirAbs),
      outputLog: outputCaptured ? settings.outPath(logAbs) : null,
      outputCaptured,
      result: selected === null ? null : { kind: selected.kind, source: selected.source, copy: copy === null ? null : settings.outPath(copy) },
      fingerprint,
      certificate: null,
      cases,
      detail,
    },
  };
}
