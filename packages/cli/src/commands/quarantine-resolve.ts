// `flakewarden quarantine resolve <id>`: record the fix of an open entry (gate.md §2.3, §4.10).
import fs from "node:fs";
import path from "node:path";
import { escapeControls, formatZulu, parseTimestamp, resolvedEntry, toPrettyJson } from "@flakewarden/core";
import { parseFlags } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { COMMON_OPTIONS, LOCK_OPTIONS, lockDisplay, lockTimeoutFlag, quarantineSetup, textFlag } from "../quarantine/command-setup.ts";
import { checkEditedEntries, readManifestForEdit, writeManifest } from "../quarantine/manifest-file.ts";
import { withManifestLock } from "../quarantine/manifest-lock.ts";

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...LOCK_OPTIONS,
  "root-cause": { type: "string" },
  "fix-ref": { type: "string" },
  notes: { type: "string" },
} as const;

export const command: Command = {
  name: "quarantine resolve",
  summary: "Mark an open quarantine entry resolved with its root cause and fix reference",
  usage: `flakewarden quarantine resolve <id> --root-cause <text> --fix-ref <ref> [--notes <text>]
                                [--lock-timeout <s>] [--policy <path>] [--config <path>] [--manifest <path>]
                                [--now <ISO-8601>] [--format text|json]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS, 1);
    const id = flags.positionals[0];
    if (id === undefined) throw new UserError(MSG.quarantineNeedsId);
    const rootCause = textFlag(flags, "root-cause", { required: true });
    const fixRef = textFlag(flags, "fix-ref", { required: true });
    const comment = textFlag(flags, "notes");
    const timeoutS = lockTimeoutFlag(flags);

    const setup = await quarantineSetup(io, flags);
    const { policy, now, manifest } = setup;
    // Nothing to lock when even the manifest's directory is missing (resolve never creates it).
    if (!fs.existsSync(path.dirname(manifest.abs))) throw new UserError(MSG.manifestMissing(manifest.display));

    const entry = await withManifestLock(manifest.abs, { timeoutS, stderr: io.stderr, lockDisplay: lockDisplay(manifest) }, async () => {
      const edit = readManifestForEdit(manifest, policy.quarantine.manifest_schema_version, { createIfMissing: false, policy, now });
      // Ids are unique here: readManifestForEdit refuses duplicates.
      const index = edit.entries.findIndex((e) => e.id === id);
      const current = edit.entries[index];
      if (current === undefined) throw new UserError(MSG.noSuchEntry(manifest.display, id));
      if (current.status !== "open") throw new UserError(MSG.entryNotOpen(id, current.status));
      const opened = parseTimestamp(current.opened_at_utc);
      if (opened !== null && now < opened) throw new UserError(MSG.resolveBeforeOpened(id, formatZulu(now), String(current.opened_at_utc)));
      const updated = resolvedEntry(current, { rootCause, fixRef, comment, now });
      edit.entries[index] = updated;
      checkEditedEntries(manifest, edit.entries, policy, now);
      writeManifest(manifest, edit.doc);
      return updated;
    });
    io.stdout.write(setup.format === "json" ? toPrettyJson(entry) : `resolved ${escapeControls(id)}\n`);
    return 0;
  },
};
