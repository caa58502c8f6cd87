// `flakewarden playbook check`: the forensics docs still carry their commands (gate.md §2.5, §4.12).
import path from "node:path";
import {
  clausePatternError,
  evaluateClause,
  forensicsClauses,
  ORIGINAL_CLAUSES,
  PlaybookConfig,
  playbookEvents,
  playbookReport,
  toCompactJson,
  escapeControls,
  type PlaybookClause,
} from "@flakewarden/core";
import { gitHeadSha } from "@flakewarden/forensics";
import { parseFlags, stringFlag } from "../args.ts";
import { resolveNow } from "../clock.ts";
import type { Command, CommandContext } from "../command.ts";
import { configSection, loadConfig, type LoadedConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import { readText } from "../files.ts";
import { MSG } from "../messages.ts";
import { ndjsonText, reportText, writeOutput } from "../output.ts";
import { resolveFrom } from "../paths.ts";
import { loadPolicyForCommand } from "../policy-file.ts";

const OPTIONS = {
  policy: { type: "string", nonEmpty: true },
  config: { type: "string", nonEmpty: true },
  doc: { type: "string", nonEmpty: true },
  preset: { type: "string", choices: ["original"] },
  "project-root": { type: "string", nonEmpty: true },
  "report-path": { type: "string", nonEmpty: true },
  "events-path": { type: "string", nonEmpty: true },
  now: { type: "string" },
  format: { type: "string", choices: ["text", "json"] },
} as const;

const DEFAULT_REPORT = "artifacts/incident_forensics_playbook_check_report.json";
const DEFAULT_EVENTS = "artifacts/incident_forensics_playbook_check_events.ndjson";

function configuredClauses(config: LoadedConfig | null): PlaybookClause[] | undefined {
  const section = configSection(config, "playbook", PlaybookConfig);
  const clauses = section?.clauses;
  if (clauses === undefined || config === null) return undefined;
  clauses.forEach((clause, i) => {
    const problem = clausePatternError(clause.pattern);
    if (problem !== null) throw new UserError(MSG.badClausePattern(config.display, `playbook.clauses[${i}].pattern`, problem));
  });
  return clauses;
}

export const command: Command = {
  name: "playbook check",
  summary: "Check that the forensics playbook and incident docs still carry the required commands",
  usage: `flakewarden playbook check [--policy <path>] [--config <path>] [--doc <path>] [--preset original]
                           [--project-root <dir>] [--report-path <path>] [--events-path <path>]
                           [--now <ISO-8601>] [--format text|json]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);
    const root = path.resolve(io.cwd, flag("project-root") ?? ".");
    // Unlike the gate, these outputs live under the project root (as the original checker wrote them).
    const reportPath = resolveFrom(root, flag("report-path") ?? DEFAULT_REPORT, io.cwd);
    const eventsPath = resolveFrom(root, flag("events-path") ?? DEFAULT_EVENTS, io.cwd);
    ctx.outputs.add(reportPath.abs).add(eventsPath.abs);
    const now = resolveNow(io, flag("now"));
    const { policy, location } = loadPolicyForCommand(io, flag("policy"));
    const config = await loadConfig(io, flag("config"));
    const fromConfig = configuredClauses(config);
    if (reportPath.abs === eventsPath.abs) throw new UserError(MSG.samePaths(reportPath.display));

    const docFlag = flag("doc");
    const doc = readText(
      docFlag !== undefined ? resolveFrom(io.cwd, docFlag, io.cwd) : resolveFrom(location.baseDir, policy.forensics_playbook.doc_path, io.cwd),
    );
    const clauses = flag("preset") === "original" ? ORIGINAL_CLAUSES : (fromConfig ?? []);
    const checks = [
      ...forensicsClauses(doc, policy),
      ...clauses.map((clause) => evaluateClause(clause, readText({ abs: path.resolve(root, clause.file), display: clause.file }))),
    ];
    const report = playbookReport(checks, now, await gitHeadSha(root, { env: io.env }));
    writeOutput(reportPath, reportText(report));
    writeOutput(eventsPath, ndjsonText(playbookEvents(report)));

    if (flag("format") === "json") {
      const line = { events: eventsPath.display, failed: report.summary.failed, gate_status: report.gate_status, report: reportPath.display };
      io.stdout.write(`${toCompactJson(line, { sortKeys: true })}\n`);
    } else {
      const lines = [
        `Forensics playbook check: ${report.gate_status === "pass" ? "PASS" : "FAIL"}`,
        `  Clauses: ${report.summary.passed} pass, ${report.summary.failed} fail`,
        `  Report: ${reportPath.display}`,
        `  Events: ${eventsPath.display}`,
        ...checks.filter((c) => c.status === "fail").map((c) => `  FAIL: [${c.clause_id}] ${escapeControls(c.detail)}`),
      ];
      io.stdout.write(`${lines.join("\n")}\n`);
    }
    return report.gate_status === "pass" ? 0 : 1;
  },
};
