// `flakewarden gate`: the release gate (gate.md §2.2, §4.2).
import fs from "node:fs";
import path from "node:path";
import {
  BUILTIN_POLICY,
  checkPolicy,
  escapeControls,
  evaluateGate,
  gateEvents,
  isPlainObject,
  policyFailureReport,
  QuarantineConfig,
  ReactivateGateConfig,
  type GateReport,
} from "@flakewarden/core";
import { gitHeadSha } from "@flakewarden/forensics";
// The subpath keeps the gate from loading the site renderers and handlebars (start-up time).
import { renderGateStepSummary } from "@flakewarden/report/step-summary";
import { parseFlags, stringFlag } from "../args.ts";
import { resolveNow } from "../clock.ts";
import type { Command, CommandContext } from "../command.ts";
import { configSection, loadConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import { readJson, readText } from "../files.ts";
import { MSG } from "../messages.ts";
import { ndjsonText, reportText, writeOutput } from "../output.ts";
import { resolveFrom, type ResolvedPath } from "../paths.ts";
import { locatePolicy, readPolicyObject } from "../policy-file.ts";

const OPTIONS = {
  policy: { type: "string", nonEmpty: true },
  dashboard: { type: "string", nonEmpty: true },
  "quarantine-manifest": { type: "string", nonEmpty: true },
  "forensics-doc": { type: "string", nonEmpty: true },
  "report-path": { type: "string", nonEmpty: true },
  "events-path": { type: "string", nonEmpty: true },
  "pilot-summary": { type: "string", nonEmpty: true },
  config: { type: "string", nonEmpty: true },
  now: { type: "string" },
  format: { type: "string", choices: ["text", "json"] },
} as const;

function nonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

export const command: Command = {
  name: "gate",
  summary: "Evaluate the release gate: policy, dashboard, quarantine, playbook, reactivation, replay pointers",
  usage: `flakewarden gate [--policy <path>] [--dashboard <path>] [--quarantine-manifest <path>]
                 [--forensics-doc <path>] [--report-path <path>] [--events-path <path>]
                 [--pilot-summary <path>] [--config <path>] [--now <ISO-8601>] [--format text|json]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);
    const location = locatePolicy(io, flag("policy"));
    const { baseDir } = location;

    // Output paths: flags (cwd), else the policy's values (base dir), else the built-in defaults.
    const outputPath = (flagName: "report-path" | "events-path", policyValue: unknown, fallback: string): ResolvedPath => {
      const given = flag(flagName);
      if (given !== undefined) return resolveFrom(io.cwd, given, io.cwd);
      return resolveFrom(baseDir, nonEmptyString(policyValue) ? policyValue : fallback, io.cwd);
    };
    const defaults = BUILTIN_POLICY.output;
    let reportPath = outputPath("report-path", undefined, defaults.report_path);
    let eventsPath = outputPath("events-path", undefined, defaults.events_path);
    ctx.outputs.add(reportPath.abs).add(eventsPath.abs);

    const now = resolveNow(io, flag("now"));
    const rawPolicy = readPolicyObject(location);
    const rawOutput = isPlainObject(rawPolicy.output) ? rawPolicy.output : {};
    ctx.outputs.clear();
    reportPath = outputPath("report-path", rawOutput.report_path, defaults.report_path);
    eventsPath = outputPath("events-path", rawOutput.events_path, defaults.events_path);
    ctx.outputs.add(reportPath.abs).add(eventsPath.abs);

    const config = await loadConfig(io, flag("config"));
    const quarantineConfig = configSection(config, "quarantine", QuarantineConfig);
    const reactivateConfig = configSection(config, "reactivate", ReactivateGateConfig) ?? {};
    if (reportPath.abs === eventsPath.abs) throw new UserError(MSG.samePaths(reportPath.display));

    const gitSha = await gitHeadSha(io.cwd, { env: io.env });
    const checked = checkPolicy(rawPolicy);
    let report: GateReport;
    if (checked.policy === null) {
      report = policyFailureReport(location.file.display, checked.result, now, gitSha);
    } else {
      const policy = checked.policy;
      const fromPolicy = (flagName: keyof typeof OPTIONS, value: string): ResolvedPath => {
        const given = flag(flagName);
        return given !== undefined ? resolveFrom(io.cwd, given, io.cwd) : resolveFrom(baseDir, value, io.cwd);
      };
      const manifestFlag = flag("quarantine-manifest");
      const manifestPath =
        manifestFlag === undefined && quarantineConfig?.manifest_path !== undefined && config !== null
          ? resolveFrom(config.dir, quarantineConfig.manifest_path, io.cwd)
          : fromPolicy("quarantine-manifest", policy.quarantine.manifest_path);
      const pilotFlag = flag("pilot-summary");
      report = evaluateGate({
        policyPath: location.file.display,
        policy,
        dashboard: readJson(fromPolicy("dashboard", policy.detection.dashboard_path)),
        manifest: readJson(manifestPath),
        forensicsDoc: readText(fromPolicy("forensics-doc", policy.forensics_playbook.doc_path)),
        pilotSummary: pilotFlag === undefined ? null : readJson(resolveFrom(io.cwd, pilotFlag, io.cwd)),
        reactivate: reactivateConfig,
        now,
        gitSha,
      });
    }

    const reportBytes = reportText(report);
    writeOutput(reportPath, reportBytes);
    writeOutput(eventsPath, ndjsonText(gateEvents(report)));

    io.stdout.write(flag("format") === "json" ? reportBytes : renderText(report, reportPath.display, eventsPath.display));
    appendStepSummary(ctx, report, reportPath.display);
    return report.gate_status === "pass" ? 0 : 1;
  },
};

export function renderText(report: GateReport, reportDisplay: string, eventsDisplay: string): string {
  const { pass, fail, skip } = report.summary;
  const lines = [
    `WASM flake governance gate: ${report.gate_status === "pass" ? "PASS" : "FAIL"}`,
    `  Checks: ${pass} pass, ${fail} fail${skip > 0 ? `, ${skip} skip` : ""}`,
    `  Report: ${reportDisplay}`,
    `  Events: ${eventsDisplay}`,
  ];
  for (const r of report.results) {
    if (r.status === "fail") {
      lines.push(`  FAIL: [${r.check_id}] ${escapeControls(r.detail)}`);
      for (const f of r.findings) if (f.check_id !== r.check_id) lines.push(`    - [${f.check_id}] ${escapeControls(f.message)}`);
    } else if (r.status === "skip") {
      lines.push(`  SKIP: [${r.check_id}] ${escapeControls(r.detail)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function appendStepSummary(ctx: CommandContext, report: GateReport, reportDisplay: string): void {
  const target = ctx.io.env.GITHUB_STEP_SUMMARY;
  if (target === undefined || target === "") return;
  try {
    fs.appendFileSync(path.resolve(ctx.io.cwd, target), renderGateStepSummary(report, reportDisplay));
  } catch (error) {
    const cause = (error as { code?: string }).code ?? String(error);
    ctx.io.stderr.write(`${MSG.stepSummaryWarning(cause === "EISDIR" ? "is a directory" : cause)}\n`);
  }
}
