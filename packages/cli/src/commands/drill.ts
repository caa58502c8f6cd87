// `flakewarden drill`: a seeded, repeatable incident drill (forensics.md §2.1, §3.2, §4.2). Each
// scenario is replayed K times and fingerprinted, then a missing-fixture probe must fail; the
// verdicts become the original's summary, events, replay report and repro bundle.
import fs from "node:fs";
import path from "node:path";
import {
  countChecks,
  drillReproCommand,
  failureKinds,
  formatZulu,
  scenarioReplayCommand,
  toCompactJson,
  toPrettyJson,
  expandPlaceholders,
  type DrillCheckVerdict,
  type FailureKind,
} from "@flakewarden/core";
import type { Command, CommandContext } from "../command.ts";
import { inheritedEnv } from "../detect/run-plan.ts";
import { artifactIndex } from "../drill/artifact-index.ts";
import { DrillStopped, runScenario, type ScenarioOutcome } from "../drill/run-scenario.ts";
import { resolveBase, resolveSettings, type DrillBase, type DrillSettings } from "../drill/settings.ts";
import { UserError } from "../errors.ts";
import { removeFiles, writeAtomic } from "../files.ts";
import { MSG } from "../messages.ts";
import { displayOf, toPosix } from "../paths.ts";
import { rootRelative } from "../reactivate/settings.ts";
import { SIGNAL_EXIT_CODES } from "../io.ts";
import { watchStopSignals, type StopWatch } from "../stop-signal.ts";

const NAMES = {
  summary: "summary.json",
  incident: "incident_summary.json",
  events: "incident_events.ndjson",
  report: "replay_report.json",
  bundle: "repro_bundle.json",
  log: "drill.log",
} as const;

/** `YYYYmmdd_HHMMSS` in UTC. */
function stamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function pretty(value: unknown): string {
  return toPrettyJson(value);
}

interface Layout {
  dirAbs: string;
  file: (name: string) => string;
}

function layoutOf(base: DrillBase): Layout {
  const dirAbs = path.join(base.outAbs, `artifacts_${stamp(base.nowMs)}`);
  return { dirAbs, file: (name) => path.join(dirAbs, name) };
}

/** The root-relative form of a path the user gave on the command line (flags resolve from the cwd). */
function flagPath(base: DrillBase, cwd: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const abs = path.resolve(cwd, value);
  return rootRelative(base.root, abs) ?? (path.isAbsolute(value) ? toPosix(abs) : value);
}

function reproCommand(base: DrillBase, cwd: string, seed: string, runs: string, scenarios: readonly string[]): string {
  return drillReproCommand({ seed, runs, config: flagPath(base, cwd, base.configFlag), scenarios, out: flagPath(base, cwd, base.outFlag) });
}

interface SummaryFacts {
  seed: string;
  status: "passed" | "failed";
  failureClass: "none" | "test_or_pattern_failure" | "config_error";
  kinds: FailureKind[];
  repro: string;
  exitCode: number;
  counts: { passed: number; failed: number; skipped: number; total: number };
  startedMs: number;
  endedMs: number;
}

function summaryJson(base: DrillBase, suiteId: string, scenarioId: string, layout: Layout, f: SummaryFacts, env: Record<string, string | undefined>): unknown {
  return {
    schema_version: "e2e-suite-summary-v3",
    suite_id: suiteId,
    scenario_id: scenarioId,
    seed: f.seed,
    seed_input: base.seedInput,
    started_ts: formatZulu(f.startedMs),
    ended_ts: formatZulu(f.endedMs),
    status: f.status,
    failure_class: f.failureClass,
    failure_kinds: f.kinds,
    repro_command: f.repro,
    artifact_path: base.outPath(layout.file(NAMES.summary)),
    suite: suiteId,
    timestamp: stamp(base.nowMs),
    test_log_level: env.TEST_LOG_LEVEL ?? "info",
    tests_passed: f.status === "passed" ? 1 : 0,
    tests_failed: f.status === "passed" ? 0 : 1,
    exit_code: f.exitCode,
    pattern_failures: f.counts.failed,
    log_file: base.outPath(layout.file(NAMES.log)),
    artifact_dir: base.outPath(layout.dirAbs),
    checks_passed: f.counts.passed,
    checks_failed: f.counts.failed,
    checks_skipped: f.counts.skipped,
    checks_total: f.counts.total,
  };
}

function incidentSummaryJson(base: DrillBase, suiteId: string, scenarioId: string, layout: Layout, f: SummaryFacts, scenarios: unknown[]): unknown {
  return {
    schema_version: "incident-forensics-drill-summary-v1",
    suite_id: suiteId,
    scenario_id: scenarioId,
    seed: f.seed,
    seed_input: base.seedInput,
    started_ts: formatZulu(f.startedMs),
    ended_ts: formatZulu(f.endedMs),
    status: f.status,
    checks_passed: f.counts.passed,
    checks_failed: f.counts.failed,
    checks_skipped: f.counts.skipped,
    repro_command: f.repro,
    artifact_dir: base.outPath(layout.dirAbs),
    events_path: base.outPath(layout.file(NAMES.events)),
    repro_bundle_path: base.outPath(layout.file(NAMES.bundle)),
    failure_class: f.failureClass,
    failure_kinds: f.kinds,
    scenarios,
  };
}

function latestJson(base: DrillBase, layout: Layout, status: string, seed: string): string {
  return pretty({
    schema_version: "incident-forensics-latest-v1",
    artifact_dir: base.outPath(layout.dirAbs),
    summary: base.outPath(layout.file(NAMES.summary)),
    status,
    seed,
  });
}

/** §4.2 step 7: the failed set that replaces any older summary when the drill cannot run. */
function writeConfigErrorSet(base: DrillBase, io: CommandContext["io"], error: string, exitCode: number): void {
  const layout = layoutOf(base);
  fs.rmSync(layout.dirAbs, { recursive: true, force: true });
  fs.mkdirSync(layout.dirAbs, { recursive: true });
  // The config may be what failed, so its ids are read raw and used only when they are strings.
  const raw = base.config?.data.drill;
  const rawIds = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const suiteId = typeof rawIds.suite_id === "string" && rawIds.suite_id !== "" ? rawIds.suite_id : "incident_forensics_e2e";
  const scenarioId = typeof rawIds.scenario_id === "string" && rawIds.scenario_id !== "" ? rawIds.scenario_id : "E2E-SUITE-INCIDENT-FORENSICS";
  const facts: SummaryFacts = {
    seed: base.seedInput,
    status: "failed",
    failureClass: "config_error",
    kinds: ["config_error"],
    repro: reproCommand(base, io.cwd, base.seedInput, base.runsInput, base.scenarioFlags),
    exitCode,
    counts: { passed: 0, failed: 0, skipped: 0, total: 0 },
    startedMs: base.nowMs,
    endedMs: base.nowMs,
  };
  writeAtomic(layout.file(NAMES.log), `drill: ${error}\n`);
  writeAtomic(layout.file(NAMES.summary), pretty(summaryJson(base, suiteId, scenarioId, layout, facts, io.env)));
  writeAtomic(layout.file(NAMES.incident), pretty(incidentSummaryJson(base, suiteId, scenarioId, layout, facts, [])));
  writeAtomic(layout.file(NAMES.events), "");
  const bundleAbs = layout.file(NAMES.bundle);
  writeAtomic(bundleAbs, pretty(bundleJson(base, scenarioId, facts, layout, null, [], bundleAbs)));
  writeAtomic(path.join(base.outAbs, "latest.json"), latestJson(base, layout, "failed", facts.seed));
}

function bundleJson(base: DrillBase, scenarioId: string, f: SummaryFacts, layout: Layout, probeLog: string | null, scenarios: unknown[], bundleAbs: string): unknown {
  const reportPath = probeLog === null ? null : base.outPath(layout.file(NAMES.report));
  return {
    schema_version: "incident-forensics-repro-bundle-v1",
    scenario_id: scenarioId,
    seed: f.seed,
    status: f.status,
    replay_command: f.repro,
    trace_pointer: reportPath,
    artifact_pointer: reportPath,
    artifact_root: base.outPath(layout.dirAbs),
    artifacts: {
      summary: base.outPath(layout.file(NAMES.summary)),
      incident_summary: base.outPath(layout.file(NAMES.incident)),
      events: base.outPath(layout.file(NAMES.events)),
      replay_report: reportPath,
      failure_probe_log: probeLog,
    },
    scenarios,
    artifact_index: artifactIndex(layout.dirAbs, bundleAbs, base.outPath),
  };
}

function event(phase: string, v: DrillCheckVerdict, seed: string, scenarioId: string, artifact: string | null, fingerprint: string | null): string {
  return `${toCompactJson({ schema_version: "incident-forensics-event-v1", phase, status: v.status, seed, scenario_id: scenarioId, artifact, detail: v.detail, fingerprint })}\n`;
}

function dryRunPlan(s: DrillSettings): string {
  const attempts = s.drill.attempts;
  const timeout = s.drill.timeout_s;
  return pretty({
    seed: s.seed,
    seed_input: s.seedInput,
    runs: s.runs,
    scenarios: s.scenarios.map((sc) => ({
      id: sc.id,
      ...(sc.argv !== undefined ? { argv: sc.argv } : { command: sc.command }),
      cwd: sc.cwd,
      result: sc.result,
      timeout_s: timeout,
      attempts,
    })),
    worst_case_seconds: s.scenarios.length * (s.runs * attempts + 1) * timeout,
  });
}

/** The command a person pastes to replay one scenario from the root (§3.2). */
function scenarioCommand(s: DrillSettings, sc: DrillSettings["scenarios"][number], dirAbs: string): string {
  const cwdAbs = path.resolve(s.root, sc.cwd);
  const rel = (abs: string): string => toPosix(path.relative(cwdAbs, abs)) || ".";
  const values = { seed: s.seed, seed_hex: s.seedHex, run: "1", run_dir: rel(path.join(dirAbs, sc.id, "run1")), artifact_dir: rel(dirAbs), root: rel(s.root), scenario_id: sc.id };
  const command = sc.argv !== undefined ? { argv: sc.argv.map((a) => expandPlaceholders(a, values)) } : { command: sc.command ?? "" };
  return scenarioReplayCommand(sc.cwd, s.seed, command);
}

export const command: Command = {
  name: "drill",
  summary: "Run a seeded incident drill: replay each scenario K times, compare fingerprints, probe a missing fixture",
  usage: `flakewarden drill [--seed S] [--scenario NAME]... [--runs K] [--out DIR] [--dry-run]
                   [--config <path>] [--now <ISO-8601>]`,
  async run(ctx: CommandContext): Promise<number> {
    // SIGINT/SIGTERM kill the running replay's group at once (killAllUnits); the drill then stops
    // at its next check and ends by the signal, without a verdict (endByStop).
    const stop = watchStopSignals(ctx.io);
    try {
      return await drillCommand(ctx, stop);
    } finally {
      stop.dispose();
    }
  },
};

async function drillCommand(ctx: CommandContext, stop: StopWatch): Promise<number> {
  const { io } = ctx;
  // An error here (flags, --now, an unreadable config, a bad out_dir) leaves no place to write to.
  const base = await resolveBase(io, ctx.argv);
  let settings: DrillSettings;
  try {
    settings = resolveSettings(base);
  } catch (error) {
    if (error instanceof UserError && !base.dryRun) {
      try {
        writeConfigErrorSet(base, io, error.lines.join("; "), 2);
      } catch {
        // the config error is the one worth reporting; a stale latest.json must still go
        removeFiles([path.join(base.outAbs, "latest.json")]);
      }
    }
    throw error;
  }
  if (settings.dryRun) {
    io.stdout.write(dryRunPlan(settings));
    return 0;
  }
  try {
    return await runDrill(ctx, settings, stop);
  } catch (error) {
    // Whatever stopped the drill, the summary set must say it failed (§4.2 step 7).
    const exitCode = error instanceof UserError ? 2 : 3;
    try {
      writeConfigErrorSet(base, io, error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error), exitCode);
    } catch {
      // the original error is the one worth reporting
    }
    throw error;
  }
}

/**
 * A stop signal ends the drill without a verdict (README "never a stale verdict"; detect does
 * the same, detector.md §2.2): no summary set from before the signal survives and latest.json
 * is gone, so nothing presents a partial drill as passed or failed. drill.log keeps the progress
 * so far for whoever looks at the artifact dir.
 */
function endByStop(s: DrillSettings, layout: Layout, io: CommandContext["io"], stop: StopWatch, logLines: string[]): number {
  const signal = stop.signal() ?? "SIGTERM";
  removeFiles([path.join(s.outAbs, "latest.json"), ...[NAMES.report, NAMES.events, NAMES.incident, NAMES.summary, NAMES.bundle].map((n) => layout.file(n))]);
  const line = `drill: ${MSG.drillStopped(signal)}`;
  if (fs.existsSync(layout.dirAbs)) writeAtomic(layout.file(NAMES.log), [...logLines, line].map((l) => `${l}\n`).join(""));
  io.stderr.write(`${line}\n`);
  return stop.exitCode() ?? SIGNAL_EXIT_CODES[signal];
}

async function runDrill(ctx: CommandContext, s: DrillSettings, stop: StopWatch): Promise<number> {
  const { io } = ctx;
  const layout = layoutOf(s);
  const logLines: string[] = [];
  if (stop.signal() !== null) return endByStop(s, layout, io, stop, logLines);
  removeFiles([path.join(s.outAbs, "latest.json")]);
  fs.rmSync(layout.dirAbs, { recursive: true, force: true });
  fs.mkdirSync(layout.dirAbs, { recursive: true });
  const progress = (line: string): void => {
    logLines.push(line);
    io.stderr.write(`${line}\n`);
  };
  progress(`drill: seed ${s.seed}, ${s.runs} runs, ${s.scenarios.length} scenario(s)`);
  // resolveNow read the clock once at the start when no --now was given.
  const startedMs = s.nowMs;

  const outcomes: ScenarioOutcome[] = [];
  try {
    for (const sc of s.scenarios) {
      outcomes.push(
        await runScenario(
          {
            root: s.root,
            artifactDirAbs: layout.dirAbs,
            seed: s.seed,
            seedHex: s.seedHex,
            runs: s.runs,
            attempts: s.drill.attempts,
            timeoutS: s.drill.timeout_s,
            retryDelayMs: s.drill.retry_delay_ms,
            inherited: inheritedEnv(io.env),
            outPath: s.outPath,
            rootRelative: (abs) => rootRelative(s.root, abs),
            progress,
            stopped: () => stop.signal() !== null,
          },
          sc,
        ),
      );
    }
  } catch (error) {
    if (error instanceof DrillStopped) return endByStop(s, layout, io, stop, logLines);
    throw error;
  }
  if (stop.signal() !== null) return endByStop(s, layout, io, stop, logLines);
  const endedMs = s.nowGiven || io.now === undefined ? s.nowMs : io.now();

  const verdicts = outcomes.map((o) => ({ runs: o.runs.map((r) => r.verdict), determinism: o.determinism.verdict, payload: o.payload, probe: o.probe.verdict }));
  const all = verdicts.flatMap((v) => [...v.runs, v.determinism, v.payload, v.probe]);
  const counts = countChecks(all);
  const kinds = failureKinds(verdicts);
  const status = counts.failed === 0 && counts.skipped === 0 ? "passed" : "failed";
  const facts: SummaryFacts = {
    seed: s.seed,
    status,
    failureClass: counts.failed > 0 ? "test_or_pattern_failure" : "none",
    kinds,
    repro: reproCommand(s, io.cwd, s.seed, String(s.runs), s.scenarioFlags),
    exitCode: status === "passed" ? 0 : 1,
    counts,
    startedMs,
    endedMs,
  };
  const suiteId = s.drill.suite_id;
  const scenarioId = s.drill.scenario_id;

  const report = {
    schema_version: "incident-forensics-replay-report-v1",
    seed: s.seed,
    seed_input: s.seedInput,
    runs_requested: s.runs,
    scenarios: outcomes.map((o, i) => ({
      scenario_id: o.id,
      status: scenarioPassed(verdicts[i]) ? "passed" : "failed",
      trace_pointer: o.tracePointer,
      trace_pointer_sha256: o.tracePointerSha256,
      fingerprints_identical: o.determinism.verdict.status === "pass",
      divergent_runs: o.determinism.divergentRuns,
      diff: o.diffPath,
      runs: o.runs.map((r) => ({
        run: r.run,
        status: r.verdict.status === "pass" ? "passed" : "failed",
        exit_code: r.exitCode,
        attempts: r.attempts,
        fingerprint: r.fingerprint,
        certificate: r.certificate,
        result: r.result,
        log: r.log,
      })),
      probe: { id: o.probe.id, status: o.probe.verdict.status, exit_code: o.probe.exitCode, log: o.probe.log, detail: o.probe.verdict.detail },
    })),
  };
  writeAtomic(layout.file(NAMES.report), pretty(report));

  let events = "";
  for (const o of outcomes) {
    for (const r of o.runs) events += event(`triage_replay_run_${r.run}`, r.verdict, s.seed, o.id, r.result, r.fingerprint);
    events += event("determinism_compare", o.determinism.verdict, s.seed, o.id, o.diffPath, null);
    events += event("payload_contract", o.payload, s.seed, o.id, o.payloadArtifact, null);
    events += event("failure_probe_missing_fixture", o.probe.verdict, s.seed, o.probe.id, o.probe.log, null);
  }
  writeAtomic(layout.file(NAMES.events), events);

  const scenarioRows = outcomes.map((o, i) => ({ scenario_id: o.id, status: scenarioPassed(verdicts[i]) ? "passed" : "failed", fingerprint: o.fingerprint }));
  writeAtomic(layout.file(NAMES.incident), pretty(incidentSummaryJson(s, suiteId, scenarioId, layout, facts, scenarioRows)));
  writeAtomic(layout.file(NAMES.summary), pretty(summaryJson(s, suiteId, scenarioId, layout, facts, io.env)));
  progress(`drill: ${status}: ${counts.passed}/${counts.total} checks passed`);
  writeAtomic(layout.file(NAMES.log), logLines.map((l) => `${l}\n`).join(""));
  const bundleAbs = layout.file(NAMES.bundle);
  const bundleScenarios = s.scenarios.map((sc, i) => ({ scenario_id: sc.id, replay_command: scenarioCommand(s, sc, layout.dirAbs), trace_pointer: outcomes[i]?.tracePointer ?? null }));
  writeAtomic(bundleAbs, pretty(bundleJson(s, scenarioId, facts, layout, outcomes[0]?.probe.log ?? null, bundleScenarios, bundleAbs)));
  // A signal while the set was being written: the summary's exit_code would not be the real one.
  if (stop.signal() !== null) return endByStop(s, layout, io, stop, logLines);
  writeAtomic(path.join(s.outAbs, "latest.json"), latestJson(s, layout, status, s.seed));

  io.stdout.write(
    `Drill ${status}: ${counts.passed}/${counts.total} checks passed, ${counts.failed} failed, ${counts.skipped} skipped\n` +
      `  Artifacts:       ${displayOf(layout.dirAbs, io.cwd)}\n` +
      `  Summary:         ${displayOf(layout.file(NAMES.summary), io.cwd)}\n` +
      `  Repro:           ${facts.repro}\n`,
  );
  return status === "passed" ? 0 : 1;
}

function scenarioPassed(v: { runs: DrillCheckVerdict[]; determinism: DrillCheckVerdict; payload: DrillCheckVerdict; probe: DrillCheckVerdict } | undefined): boolean {
  return v !== undefined && [...v.runs, v.determinism, v.payload, v.probe].every((c) => c.status === "pass");
}
