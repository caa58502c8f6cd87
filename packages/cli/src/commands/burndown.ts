// `flakewarden burndown`: the nightly flake burndown report (gate.md §2.4, §4.11).
import {
  burndownSummaryText,
  DEFAULT_HISTORY_DIR,
  DEFAULT_WINDOW_DAYS,
  evaluateBurndown,
  MAX_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
  QuarantineConfig,
  ReactivateGateConfig,
  toPrettyJson,
} from "@flakewarden/core";
import { parseFlags, stringFlag, type Parsed } from "../args.ts";
import { readHistory } from "../burndown/read-history.ts";
import { resolveNow } from "../clock.ts";
import type { Command, CommandContext } from "../command.ts";
import { configSection, loadConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import { readJson } from "../files.ts";
import { MSG } from "../messages.ts";
import { writeOutput } from "../output.ts";
import { resolveFrom, type ResolvedPath } from "../paths.ts";
import { loadPolicyForCommand } from "../policy-file.ts";

const OPTIONS = {
  policy: { type: "string", nonEmpty: true },
  config: { type: "string", nonEmpty: true },
  manifest: { type: "string", nonEmpty: true },
  quarantine: { type: "string", nonEmpty: true },
  "window-days": { type: "string" },
  window: { type: "string" },
  "history-dir": { type: "string", nonEmpty: true },
  output: { type: "string", nonEmpty: true },
  now: { type: "string" },
  format: { type: "string", choices: ["json", "text"] },
} as const;

/** A flag that also answers to an older name; giving both is ambiguous, so it is refused. */
function aliased(flags: Parsed, name: string, alias: string): { value: string; flag: string } | undefined {
  const value = stringFlag(flags, name);
  const old = stringFlag(flags, alias);
  if (value !== undefined && old !== undefined) throw new UserError(MSG.conflictingFlags(`--${name}`, `--${alias}`));
  if (value !== undefined) return { value, flag: `--${name}` };
  return old === undefined ? undefined : { value: old, flag: `--${alias}` };
}

function windowDays(given: { value: string; flag: string } | undefined): number {
  if (given === undefined) return DEFAULT_WINDOW_DAYS;
  // Plain decimal digits only: "1e1", "14.0", " 14" or "+14" are typos, not windows.
  const days = /^[0-9]+$/.test(given.value) ? Number(given.value) : Number.NaN;
  if (!(days >= MIN_WINDOW_DAYS && days <= MAX_WINDOW_DAYS)) throw new UserError(MSG.burndownWindowDays(given.flag, given.value));
  return days;
}

export const command: Command = {
  name: "burndown",
  summary: "Write the nightly flake burndown: open flakes, SLA breaches, owner routing, run history",
  usage: `flakewarden burndown [--policy <path>] [--config <path>] [--manifest <path>] [--window-days <n>]
                     [--history-dir <dir>] [--output <path>] [--now <ISO-8601>] [--format json|text]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);
    const outputFlag = flag("output");
    const output: ResolvedPath | null = outputFlag === undefined ? null : resolveFrom(io.cwd, outputFlag, io.cwd);
    if (output !== null) ctx.outputs.add(output.abs);

    const manifestFlag = aliased(flags, "manifest", "quarantine");
    const window = aliased(flags, "window-days", "window");
    const days = windowDays(window);
    if (window?.flag === "--window") io.stderr.write(`${MSG.burndownWindowNote}\n`);

    const now = resolveNow(io, flag("now"));
    const { policy, location, builtin } = loadPolicyForCommand(io, flag("policy"));
    const config = await loadConfig(io, flag("config"));
    const quarantineConfig = configSection(config, "quarantine", QuarantineConfig);
    const reactivateConfig = configSection(config, "reactivate", ReactivateGateConfig) ?? {};

    // gate.md §2.1: flag (cwd), else config (its directory), else policy or default (base dir).
    let manifestPath: ResolvedPath;
    if (manifestFlag !== undefined) manifestPath = resolveFrom(io.cwd, manifestFlag.value, io.cwd);
    else if (config !== null && quarantineConfig?.manifest_path !== undefined) {
      manifestPath = resolveFrom(config.dir, quarantineConfig.manifest_path, io.cwd);
    } else manifestPath = resolveFrom(location.baseDir, policy.quarantine.manifest_path, io.cwd);
    const historyFlag = flag("history-dir");
    const historyDir =
      historyFlag !== undefined ? resolveFrom(io.cwd, historyFlag, io.cwd) : resolveFrom(location.baseDir, DEFAULT_HISTORY_DIR, io.cwd);

    const report = evaluateBurndown({
      policy,
      policyPath: builtin ? null : location.file.display,
      reactivate: reactivateConfig,
      manifest: readJson(manifestPath),
      history: readHistory(historyDir),
      now,
      windowDays: days,
    });
    // Keys keep the report's own order (gate.md §3.7), unlike the sorted gate report.
    const json = toPrettyJson(report);
    if (output !== null) writeOutput(output, json);

    for (const warning of report.warnings) io.stderr.write(`${MSG.burndownWarning(warning)}\n`);
    if (flag("format") === "text") io.stdout.write(burndownSummaryText(report));
    else if (output === null) io.stdout.write(json);
    if (output !== null) io.stderr.write(`${MSG.burndownWritten(output.display)}\n`);
    return report.release_gate.blocked ? 1 : 0;
  },
};
