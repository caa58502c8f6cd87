// `flakewarden quarantine list`: the manifest as a table or JSON, with ages and SLA due times
// (gate.md §2.3). Unlike the editing commands it reads a manifest with invalid entries and marks them.
import {
  analyzeManifest,
  escapeControls,
  fmt1,
  formatZulu,
  HOUR_MS,
  isPlainObject,
  isPositiveInteger,
  minRunsFor,
  parseTimestamp,
  ReactivateGateConfig,
  roundN,
  show,
  toPrettyJson,
  type ManifestAnalysis,
} from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { configSection } from "../config.ts";
import { MSG } from "../messages.ts";
import { COMMON_OPTIONS, quarantineSetup } from "../quarantine/command-setup.ts";
import { readManifestEnvelope } from "../quarantine/manifest-file.ts";

const OPTIONS = {
  ...COMMON_OPTIONS,
  status: { type: "string", choices: ["open", "resolved", "reactivated", "all"] },
  owner: { type: "string", nonEmpty: true },
} as const;

/** One entry as `list --format json` shows it: raw values, null when absent or not computable. */
interface ListedEntry {
  id: unknown;
  suite: unknown;
  severity: unknown;
  status: unknown;
  owner: unknown;
  opened_at_utc: unknown;
  sla_hours: unknown;
  age_hours: number | null;
  due_at_utc: string | null;
  overdue: boolean | null;
  problems: string[];
}

interface Row {
  listed: ListedEntry;
  /** Milliseconds from now to the SLA deadline (negative when overdue), null without one. */
  dueInMs: number | null;
}

function raw(entry: Record<string, unknown>, key: string): unknown {
  return entry[key] ?? null;
}

function rowOf(entry: unknown, index: number, analysis: ManifestAnalysis, countedOpen: ReadonlySet<number>, statuses: readonly string[], now: number): Row {
  const e = isPlainObject(entry) ? entry : {};
  const problems = (analysis.validation.byEntry[index] ?? []).map((f) => f.message);
  const valid = problems.length === 0;
  const opened = parseTimestamp(e.opened_at_utc);
  const sla = isPositiveInteger(e.sla_hours) ? e.sla_hours : null;
  // On the SLA clock: what the gate counts as open (reactivated without valid evidence included);
  // for an invalid entry, its status says so.
  const onClock = valid ? countedOpen.has(index) : e.status === "open";
  const due = onClock && opened !== null && sla !== null ? opened + sla * HOUR_MS : null;
  let overdue: boolean | null = null;
  if (due !== null) overdue = now > due;
  else if (!onClock && typeof e.status === "string" && statuses.includes(e.status)) overdue = false;
  return {
    listed: {
      id: raw(e, "id"),
      suite: raw(e, "suite"),
      severity: raw(e, "severity"),
      status: raw(e, "status"),
      owner: raw(e, "owner"),
      opened_at_utc: raw(e, "opened_at_utc"),
      sla_hours: raw(e, "sla_hours"),
      age_hours: opened === null ? null : roundN(Math.max(0, now - opened) / HOUR_MS, 1),
      due_at_utc: due === null ? null : formatZulu(due),
      overdue,
      problems,
    },
    dueInMs: due === null ? null : due - now,
  };
}

function cell(value: unknown): string {
  return value === null || value === undefined ? "-" : show(value);
}

function dueCell(row: Row): string {
  if (row.listed.problems.length > 0) return "INVALID";
  if (row.dueInMs === null) return "-";
  const hours = Math.abs(row.dueInMs) / HOUR_MS;
  return row.listed.overdue === true ? `overdue ${fmt1(hours)}h` : `in ${fmt1(hours)}h`;
}

function renderTable(rows: Row[]): string {
  const header = ["ID", "SUITE", "SEVERITY", "STATUS", "OWNER", "AGE_H", "SLA_H", "DUE"];
  const body = rows.map((row) => {
    const l = row.listed;
    return [
      cell(l.id),
      cell(l.suite),
      cell(l.severity),
      cell(l.status),
      cell(l.owner),
      l.age_hours === null ? "-" : fmt1(l.age_hours),
      cell(l.sla_hours),
      dueCell(row),
    ];
  });
  const all = [header, ...body];
  const widths = header.map((_, c) => Math.max(...all.map((r) => Array.from(r[c] ?? "").length)));
  // Padded to the widest cell; the last column is not padded, so lines carry no trailing blanks.
  const line = (r: string[]): string =>
    r.map((text, c) => (c === r.length - 1 ? text : text + " ".repeat((widths[c] ?? 0) - Array.from(text).length))).join("  ");
  return `${all.map(line).join("\n")}\n`;
}

export const command: Command = {
  name: "quarantine list",
  summary: "List quarantine entries with their age and SLA due time",
  usage: `flakewarden quarantine list [--status open|resolved|reactivated|all] [--owner <o>] [--policy <path>]
                             [--config <path>] [--manifest <path>] [--now <ISO-8601>] [--format text|json]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const setup = await quarantineSetup(io, flags);
    const { policy, now, manifest } = setup;
    const reactivate = configSection(setup.config, "reactivate", ReactivateGateConfig) ?? {};
    const envelope = readManifestEnvelope(manifest, policy.quarantine.manifest_schema_version, { createIfMissing: false, checkNumbers: false });
    const analysis = analyzeManifest({ kind: "json", path: manifest.display, value: envelope.doc }, policy, minRunsFor(reactivate), now);

    const status = stringFlag(flags, "status") ?? "all";
    const owner = stringFlag(flags, "owner");
    const countedOpen = new Set(analysis.countedOpen);
    const rows = envelope.entries
      .map((entry, i) => ({ entry, row: rowOf(entry, i, analysis, countedOpen, policy.quarantine.statuses, now) }))
      .filter(({ entry }) => {
        const e = isPlainObject(entry) ? entry : {};
        return (status === "all" || e.status === status) && (owner === undefined || e.owner === owner);
      })
      .map(({ row }) => row);

    for (const f of analysis.validation.ordered) {
      io.stderr.write(`${MSG.manifestEntryProblem(manifest.display, f.path ?? "entries", escapeControls(f.message))}\n`);
    }
    if (setup.format === "json") {
      io.stdout.write(toPrettyJson({ entries: rows.map((r) => r.listed), generated_at_utc: formatZulu(now), manifest_path: manifest.display }));
    } else {
      io.stdout.write(renderTable(rows));
    }
    return analysis.validation.ordered.length > 0 ? 1 : 0;
  },
};
