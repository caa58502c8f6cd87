// `flakewarden quarantine open`: add one open entry to the manifest (gate.md §2.3, §4.10).
import {
  generateEntryId,
  isPlainObject,
  isValidEntryId,
  NAME_LIMIT,
  newOpenEntry,
  SEVERITIES,
  toPrettyJson,
  type Severity,
} from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import {
  COMMON_OPTIONS,
  ensureManifestDir,
  LOCK_OPTIONS,
  lockDisplay,
  lockTimeoutFlag,
  quarantineSetup,
  slaHoursFlag,
  slaHoursFor,
  textFlag,
} from "../quarantine/command-setup.ts";
import { checkEditedEntries, readManifestForEdit, writeManifest } from "../quarantine/manifest-file.ts";
import { withManifestLock } from "../quarantine/manifest-lock.ts";
import { openedLine } from "../quarantine/opened-line.ts";
import { loadOwnerSources, requireOwner } from "../quarantine/owners.ts";

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...LOCK_OPTIONS,
  suite: { type: "string" },
  severity: { type: "string", choices: SEVERITIES },
  "replay-command": { type: "string" },
  "trace-pointer": { type: "string" },
  owner: { type: "string" },
  id: { type: "string" },
  "sla-hours": { type: "string" },
  "reactivation-criteria": { type: "string" },
  notes: { type: "string" },
  "allow-duplicate-suite": { type: "boolean" },
} as const;

export const command: Command = {
  name: "quarantine open",
  summary: "Open a quarantine entry for a flaky suite",
  usage: `flakewarden quarantine open --suite <name> --severity critical|high|medium|low
                             --replay-command <cmd> --trace-pointer <path>
                             [--owner <o>] [--id <id>] [--sla-hours <n>] [--reactivation-criteria <text>]
                             [--notes <text>] [--allow-duplicate-suite] [--lock-timeout <s>]
                             [--policy <path>] [--config <path>] [--manifest <path>] [--now <ISO-8601>]
                             [--format text|json]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const suite = textFlag(flags, "suite", { required: true, limit: NAME_LIMIT });
    const severityFlag = stringFlag(flags, "severity");
    if (severityFlag === undefined) throw new UserError(MSG.requiredOption("--severity"));
    const severity = severityFlag as Severity;
    const replayCommand = textFlag(flags, "replay-command", { required: true });
    const tracePointer = textFlag(flags, "trace-pointer", { required: true });
    const ownerFlag = textFlag(flags, "owner", { limit: NAME_LIMIT });
    const idFlag = stringFlag(flags, "id");
    if (idFlag !== undefined && !isValidEntryId(idFlag)) throw new UserError(MSG.badEntryId(idFlag));
    const requestedSla = slaHoursFlag(flags);
    const criteria = textFlag(flags, "reactivation-criteria");
    const comment = textFlag(flags, "notes");
    const allowDuplicate = flags.values["allow-duplicate-suite"] === true;
    const timeoutS = lockTimeoutFlag(flags);

    const setup = await quarantineSetup(io, flags);
    const { policy, now, manifest } = setup;
    const slaHours = slaHoursFor(severity, requestedSla, policy);
    const owner = ownerFlag ?? requireOwner(suite, loadOwnerSources(io, setup));

    ensureManifestDir(manifest);
    const entry = await withManifestLock(manifest.abs, { timeoutS, stderr: io.stderr, lockDisplay: lockDisplay(manifest) }, async () => {
      const edit = readManifestForEdit(manifest, policy.quarantine.manifest_schema_version, { createIfMissing: true, policy, now });
      if (!allowDuplicate) {
        const open = edit.entries.find((e) => isPlainObject(e) && e.suite === suite && e.status === "open");
        if (open !== undefined) throw new UserError(MSG.openDuplicateSuite(suite, String(open.id)));
      }
      const taken = new Set(edit.entries.map((e) => e.id).filter((id): id is string => typeof id === "string"));
      if (idFlag !== undefined && taken.has(idFlag)) throw new UserError(MSG.entryIdExists(manifest.display, idFlag));
      const created = newOpenEntry({
        id: idFlag ?? generateEntryId(suite, now, taken),
        suite,
        severity,
        owner,
        slaHours,
        replayCommand,
        tracePointer,
        reactivationCriteria: criteria,
        comment,
        now,
      });
      edit.entries.push(created);
      checkEditedEntries(manifest, edit.entries, policy, now);
      writeManifest(manifest, edit.doc);
      return created;
    });
    io.stdout.write(setup.format === "json" ? toPrettyJson(entry) : `${openedLine(entry)}\n`);
    return 0;
  },
};
