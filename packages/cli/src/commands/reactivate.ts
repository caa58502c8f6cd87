// `flakewarden reactivate <entry-id>` (also `quarantine reactivate`): replay a quarantined suite
// N times, record the evidence in the manifest, and return the entry to service only when every
// criterion holds (forensics.md §2.2, §4.4).
import os from "node:os";
import path from "node:path";
import {
  allMet,
  appendEvidence,
  attemptIdBase,
  BUILTIN_POLICY,
  certificateFieldsFor,
  certificateOf,
  DEFAULT_IGNORE_KEYS,
  DEFAULT_MAX_EVIDENCE_RECORDS,
  evaluateReactivationCriteria,
  evidenceRecords,
  fromPlainJson,
  MANIFEST_SCHEMA_VERSION,
  minRunsFor,
  parseSeedValue,
  reactivationReport,
  recheckUnderLock,
  safeEntryId,
  toPrettyJson,
  usedAttemptIds,
  type LosslessValue,
  type ReactivateCriterion,
  type ReplayRunFacts,
  type Severity,
} from "@flakewarden/core";
import type { Command, CommandContext } from "../command.ts";
import { inheritedEnv, tmpDirs } from "../detect/run-plan.ts";
import { UserError } from "../errors.ts";
import { watchStopSignals } from "../stop-signal.ts";
import { MSG } from "../messages.ts";
import { writeOutput } from "../output.ts";
import { displayOf, type ResolvedPath } from "../paths.ts";
import { readManifestForEdit, writeManifest, type EditableManifest } from "../quarantine/manifest-file.ts";
import { withManifestLock } from "../quarantine/manifest-lock.ts";
import { createAttemptDir } from "../reactivate/attempt-dir.ts";
import { runReplay, type ReplayRun } from "../reactivate/replay-run.ts";
import { outputPathOf, resolveSettings, rootRelative, type ReactivateSettings } from "../reactivate/settings.ts";
import { checkTracePointer } from "../reactivate/trace-pointer.ts";

const REPORT_FILE = "reactivation_report.json";

function readManifest(settings: ReactivateSettings): EditableManifest {
  return readManifestForEdit(settings.manifest, MANIFEST_SCHEMA_VERSION, {
    createIfMissing: false,
    // reactivate reads no policy (forensics.md §2.2): entries are judged by the built-in one.
    policy: BUILTIN_POLICY,
    now: settings.nowMs,
  });
}

/** The one entry with this id, else exit 2 (missing or duplicated). */
function findEntry(manifest: EditableManifest, display: string, id: string): Record<string, unknown> {
  const matches = manifest.entries.filter((e) => String(e.id) === id);
  if (matches.length === 0) throw new UserError(MSG.reactivateEntryNotFound(display, id));
  if (matches.length > 1) throw new UserError(MSG.reactivateEntryDuplicated(display, id, matches.length));
  return matches[0] as Record<string, unknown>;
}

interface EntryPlan {
  runs: number;
  seed: string | null;
  resultTemplate: string | null;
}

/** §2.2's exit-2 conditions on the entry itself, checked before anything runs. */
function planFor(entry: Record<string, unknown>, settings: ReactivateSettings): EntryPlan {
  const id = settings.entryId;
  if (entry.status === "reactivated") throw new UserError(MSG.reactivateAlreadyReactivated(id));
  if (entry.status !== "open" && entry.status !== "resolved") throw new UserError(MSG.reactivateBadStatus(id, entry.status));
  if (typeof entry.replay_command !== "string" || entry.replay_command.trim() === "") throw new UserError(MSG.reactivateNoReplayCommand(id));
  const severity = entry.severity as Severity;
  const minimum = minRunsFor(settings.config)(severity);
  const runs = settings.runs ?? minimum;
  if (runs < minimum) throw new UserError(MSG.reactivateRunsBelowMinimum(runs, minimum, severity));
  let seed: string | null = null;
  if (entry.seed !== undefined && entry.seed !== null) {
    const parsed = parseSeedValue(entry.seed);
    if (!parsed.ok) throw new UserError(MSG.reactivateBadSeed(id, parsed.message));
    seed = parsed.canonical;
  }
  let resultTemplate: string | null = null;
  if (entry.replay_result !== undefined && entry.replay_result !== null) {
    if (typeof entry.replay_result !== "string" || entry.replay_result.trim() === "") throw new UserError(MSG.reactivateBadReplayResult(id));
    resultTemplate = entry.replay_result;
  }
  return { runs, seed, resultTemplate };
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

export const command: Command = {
  name: "reactivate",
  summary: "Replay a quarantined suite N times and return it to service only with recorded, identical passing evidence",
  usage: `flakewarden reactivate <entry-id> [--manifest <path>] [--runs N] [--timeout-s S] [--artifact-root DIR]
                       [--lock-timeout S] [--config <path>] [--now <ISO-8601>]
       flakewarden quarantine reactivate <entry-id> [same options]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const settings = await resolveSettings(io, ctx.argv);
    const manifestDisplay = settings.manifest.display;

    // 1. Validate on an unlocked read; nothing has been written yet.
    const initial = readManifest(settings);
    const entry = findEntry(initial, manifestDisplay, settings.entryId);
    const plan = planFor(entry, settings);
    const previousStatus = entry.status as string;
    const snapshot = { ...entry };

    const clock = (): number => {
      if (io.now === undefined) throw new Error("no clock given to main(io)");
      return io.now();
    };
    const outPath = outputPathOf(settings, io.cwd);
    const display = (abs: string): string => displayOf(abs, io.cwd);
    const entryDirAbs = path.join(settings.artifactRootAbs, safeEntryId(settings.entryId));
    const { attemptId, attemptDirAbs } = createAttemptDir(entryDirAbs, attemptIdBase(settings.nowMs), usedAttemptIds(entry.reactivation_evidence), display);

    // 2. The replays, sequentially, always all N. A signal stops them and leaves the manifest alone.
    const stop = watchStopSignals(io);
    const normalize = settings.config.normalize ?? {};
    const payloadMatch: Record<string, LosslessValue> = {};
    for (const [key, value] of Object.entries(normalize.payload_match ?? {})) payloadMatch[key] = fromPlainJson(value);
    const env = inheritedEnv(io.env);
    if (plan.seed !== null) {
      env.TEST_SEED = plan.seed;
      env.FLAKEWARDEN_SEED = plan.seed;
    }
    env.FLAKEWARDEN_ARTIFACT_DIR = attemptDirAbs;
    const replaySettings = {
      root: settings.root,
      attemptDirAbs,
      outPath,
      rootRelative: (abs: string) => rootRelative(settings.root, abs),
      command: entry.replay_command as string,
      env,
      seed: plan.seed,
      timeoutMs: settings.timeoutS * 1000,
      resultTemplate: plan.resultTemplate,
      payloadMatch,
      replace: normalize.replace ?? [],
      ignoreKeys: normalize.ignore_keys ?? DEFAULT_IGNORE_KEYS,
      home: os.homedir(),
      tmpDirs: tmpDirs(),
    };
    const replays: ReplayRun[] = [];
    try {
      for (let k = 1; k <= plan.runs; k++) {
        const ts = isoOf(settings.nowGiven ? settings.nowMs : clock());
        replays.push(await runReplay(replaySettings, k, `${attemptId}-${k}`, ts));
        const signalled = stop.exitCode();
        if (signalled !== null) return signalled;
      }
    } finally {
      stop.dispose();
    }

    // Certificates need the first payload: its default fields decide what every run certifies.
    const firstPayload = replays.find((r) => r.payload !== null)?.payload ?? null;
    const fields = certificateFieldsFor(normalize.certificate_fields, firstPayload);
    const runs: ReplayRunFacts[] = replays.map((r) => ({
      ...r.facts,
      certificate: r.payload !== null && fields.length > 0 ? certificateOf(r.payload, fields) : null,
    }));

    // 3–4. Criteria from the runs and the trace pointer as it is now.
    const trace = checkTracePointer(entry.trace_pointer, settings.root);
    let criteria: ReactivateCriterion[] = evaluateReactivationCriteria(runs, trace, entry);
    const records = evidenceRecords(attemptId, runs, trace.ok ? trace.sha256 : null);
    const keep = Math.max(settings.config.max_evidence_records ?? DEFAULT_MAX_EVIDENCE_RECORDS, plan.runs);
    const reportTarget: ResolvedPath = { abs: path.join(attemptDirAbs, REPORT_FILE), display: display(path.join(attemptDirAbs, REPORT_FILE)) };
    const writeReport = (newStatus: string | null, reactivated: boolean, error?: string): void => {
      const base = { entryId: settings.entryId, attemptId, previousStatus, newStatus, runs, criteria, reactivated };
      writeOutput(reportTarget, toPrettyJson(reactivationReport(error === undefined ? base : { ...base, error })));
    };

    // 5. Under the manifest lock: re-read, re-check, append the evidence, flip the status.
    let reactivated = false;
    let newStatus: string | null = previousStatus;
    try {
      await withManifestLock(
        settings.manifest.abs,
        { timeoutS: settings.lockTimeoutS, stderr: io.stderr, lockDisplay: `${manifestDisplay}.lock` },
        async () => {
          const fresh = readManifest(settings);
          const current = findEntryUnderLock(fresh, manifestDisplay, settings.entryId);
          criteria = recheckUnderLock(criteria, snapshot, current);
          current.reactivation_evidence = appendEvidence(current.reactivation_evidence, records, keep);
          reactivated = allMet(criteria);
          if (reactivated) {
            current.status = "reactivated";
            // Never before the evidence it rests on: without --now, the runs read the clock too.
            const latestRun = Math.max(...runs.map((r) => Date.parse(r.ts)));
            current.reactivated_at_utc = isoOf(settings.nowGiven ? settings.nowMs : Math.max(clock(), latestRun));
          }
          newStatus = typeof current.status === "string" ? current.status : null;
          writeManifest(settings.manifest, fresh.doc);
        },
      );
    } catch (error) {
      // The runs happened: their directories and this account of them stay (§4.4 step 5).
      if (error instanceof UserError) writeReport(null, false, error.lines.join("; "));
      throw error;
    }

    // 6. The attempt's report, then the verdict.
    writeReport(newStatus, reactivated);
    if (reactivated) {
      io.stdout.write(`reactivated ${settings.entryId}\n`);
      return 0;
    }
    for (const c of criteria) if (!c.met) io.stderr.write(`${c.id}: ${c.detail}\n`);
    io.stdout.write(`not reactivated ${settings.entryId}\n`);
    return 1;
  },
};

/** Under the lock a vanished or duplicated entry is exit 2, reported as such. */
function findEntryUnderLock(manifest: EditableManifest, display: string, id: string): Record<string, unknown> {
  const matches = manifest.entries.filter((e) => String(e.id) === id);
  if (matches.length === 0) throw new UserError(MSG.reactivateEntryGone(display, id));
  if (matches.length > 1) throw new UserError(MSG.reactivateEntryDuplicated(display, id, matches.length));
  return matches[0] as Record<string, unknown>;
}
