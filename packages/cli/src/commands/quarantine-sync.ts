// `flakewarden quarantine sync`: open an entry for every unstable or failing dashboard suite that
// has no open one (gate.md §2.3, §4.10). One lock, one write; a second run changes nothing.
import path from "node:path";
import {
  escapeControls,
  isPlainObject,
  planSync,
  SEVERITIES,
  show,
  toPrettyJson,
  unreadableReason,
  type OwnerLookup,
  type OwnerSources,
  type Severity,
  type SyncOutcome,
} from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import { readJson } from "../files.ts";
import { MSG } from "../messages.ts";
import { resolveFrom, toPosix, type ResolvedPath } from "../paths.ts";
import {
  COMMON_OPTIONS,
  ensureManifestDir,
  LOCK_OPTIONS,
  lockDisplay,
  lockTimeoutFlag,
  quarantineSetup,
  slaHoursFlag,
  slaHoursFor,
} from "../quarantine/command-setup.ts";
import { checkEditedEntries, readManifestForEdit, writeManifest } from "../quarantine/manifest-file.ts";
import { withManifestLock } from "../quarantine/manifest-lock.ts";
import { openedLine } from "../quarantine/opened-line.ts";
import { loadOwnerSources, lookupOwner } from "../quarantine/owners.ts";

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...LOCK_OPTIONS,
  dashboard: { type: "string", nonEmpty: true },
  severity: { type: "string", choices: SEVERITIES },
  "sla-hours": { type: "string" },
  "owners-file": { type: "string", nonEmpty: true },
  "dry-run": { type: "boolean" },
} as const;

/** The dashboard as sync needs it, or exit 2: it must exist, parse, match the schema and list suites. */
function readDashboard(p: ResolvedPath, schemaVersion: string): Record<string, unknown> {
  const loaded = readJson(p);
  if (loaded.kind === "missing") throw new UserError(MSG.dashboardMissing(p.display));
  if (loaded.kind !== "json") throw new UserError(unreadableReason(loaded));
  const doc = loaded.value;
  if (!isPlainObject(doc)) throw new UserError(MSG.rootObject(p.display));
  if (doc.schema_version !== schemaVersion) throw new UserError(MSG.dashboardSchemaMismatch(p.display, schemaVersion, show(doc.schema_version)));
  if (!Array.isArray(doc.suites)) throw new UserError(MSG.dashboardSuitesNotList(p.display));
  return doc;
}

function ownerLookup(sources: OwnerSources): (suite: string) => OwnerLookup {
  return (suite) => {
    const outcome = lookupOwner(suite, sources);
    if ("owner" in outcome) return outcome;
    return { problem: outcome.problem === "none" ? MSG.syncNoOwner : outcome.message };
  };
}

function render(outcomes: SyncOutcome[], dryRun: boolean): string {
  const lines: string[] = [];
  let opened = 0;
  let already = 0;
  let failed = 0;
  for (const o of outcomes) {
    if (o.kind === "opened") {
      opened += 1;
      lines.push(openedLine(o.entry, dryRun ? "would open" : "opened"));
    } else if (o.kind === "already") {
      already += 1;
      lines.push(`already quarantined: ${escapeControls(o.suite)} (${escapeControls(o.id)})`);
    } else {
      failed += 1;
      lines.push(`cannot open entry for suite ${escapeControls(o.suite)}: ${escapeControls(o.reason)}`);
    }
  }
  lines.push(
    dryRun
      ? `sync (dry run): ${opened} would be opened, ${already} already quarantined, ${failed} failed`
      : `sync: ${opened} opened, ${already} already quarantined, ${failed} failed`,
  );
  return `${lines.join("\n")}\n`;
}

function renderJson(outcomes: SyncOutcome[]): string {
  return toPrettyJson({
    already_quarantined: outcomes.flatMap((o) => (o.kind === "already" ? [{ suite: o.suite, id: o.id }] : [])),
    failed: outcomes.flatMap((o) => (o.kind === "failed" ? [{ suite: o.suite, reason: o.reason }] : [])),
    opened: outcomes.flatMap((o) => (o.kind === "opened" ? [o.entry] : [])),
  });
}

export const command: Command = {
  name: "quarantine sync",
  summary: "Open quarantine entries for every unstable or failing dashboard suite without one",
  usage: `flakewarden quarantine sync [--dashboard <path>] [--severity critical|high|medium|low] [--sla-hours <n>]
                             [--owners-file <path>] [--dry-run] [--lock-timeout <s>] [--policy <path>]
                             [--config <path>] [--manifest <path>] [--now <ISO-8601>] [--format text|json]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const requestedSla = slaHoursFlag(flags);
    const timeoutS = lockTimeoutFlag(flags);
    const dryRun = flags.values["dry-run"] === true;

    const setup = await quarantineSetup(io, flags);
    const { policy, now, manifest, baseDir } = setup;
    const severity = (stringFlag(flags, "severity") ?? setup.quarantine.default_severity ?? "medium") as Severity;
    const slaHours = slaHoursFor(severity, requestedSla, policy);
    const dashboardFlag = stringFlag(flags, "dashboard");
    const dashboardPath =
      dashboardFlag !== undefined ? resolveFrom(io.cwd, dashboardFlag, io.cwd) : resolveFrom(baseDir, policy.detection.dashboard_path, io.cwd);
    const dashboard = readDashboard(dashboardPath, policy.detection.dashboard_schema_version);
    const owners = loadOwnerSources(io, setup, stringFlag(flags, "owners-file"));
    // Pointers and notes name the dashboard relative to the base dir, as the policy's paths are.
    const dashboardRef = toPosix(path.relative(baseDir, dashboardPath.abs)) || ".";
    const plan = (entries: readonly unknown[]): SyncOutcome[] =>
      planSync(dashboard, entries, { policy, severity, slaHours, now, dashboardRef, ownerFor: ownerLookup(owners) });
    const schemaVersion = policy.quarantine.manifest_schema_version;

    let outcomes: SyncOutcome[];
    if (dryRun) {
      // A dry run reads without the lock: it reports what a real run would do now, and writes nothing.
      outcomes = plan(readManifestForEdit(manifest, schemaVersion, { createIfMissing: true, policy, now }).entries);
    } else {
      ensureManifestDir(manifest);
      outcomes = await withManifestLock(manifest.abs, { timeoutS, stderr: io.stderr, lockDisplay: lockDisplay(manifest) }, async () => {
        const edit = readManifestForEdit(manifest, schemaVersion, { createIfMissing: true, policy, now });
        const planned = plan(edit.entries);
        const created = planned.flatMap((o) => (o.kind === "opened" ? [o.entry] : []));
        // Nothing to open leaves the file untouched, byte for byte (and uncreated when missing).
        if (created.length > 0) {
          edit.entries.push(...created);
          checkEditedEntries(manifest, edit.entries, policy, now);
          writeManifest(manifest, edit.doc);
        }
        return planned;
      });
    }
    for (const o of outcomes) {
      if (o.kind === "failed" && o.malformed) io.stderr.write(`${MSG.quarantineWarning(escapeControls(o.reason))}\n`);
    }
    io.stdout.write(setup.format === "json" ? renderJson(outcomes) : render(outcomes, dryRun));
    return outcomes.some((o) => o.kind === "failed") ? 1 : 0;
  },
};
