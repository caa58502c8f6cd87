// `flakewarden signal-quality`: judge a variance dashboard and a verification report against the
// flake-rate, false-positive, runtime and deterministic-failure budgets (detector.md §2.5, §4.10).
// Core decides; this file reads the inputs, looks up the linked paths, writes the report and
// picks the exit code.
import fs from "node:fs";
import path from "node:path";
import {
  escapeControls,
  evaluateSignalQuality,
  fmtN,
  isValidThresholdText,
  parseTimestamp,
  SIGNAL_QUALITY_THRESHOLDS,
  signalQualityProbePaths,
  thresholdTexts,
  toPrettyJson,
  type PathFacts,
  type PathKind,
  type SignalQualityReport,
  type ThresholdKey,
} from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import { resolveNow } from "../clock.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import { readJson } from "../files.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { writeOutput } from "../output.ts";
import type { ResolvedPath } from "../paths.ts";

const DEFAULTS = {
  report: "target/semantic-verification/verification_report.json",
  dashboard: "target/semantic-verification/flake/latest/variance_dashboard.json",
  output: "target/semantic-verification/signal-quality/signal_quality_report.json",
  guidanceDoc: "docs/semantic_ci_signal_quality.md",
} as const;

const OPTIONS = {
  report: { type: "string", nonEmpty: true },
  dashboard: { type: "string", nonEmpty: true },
  output: { type: "string", nonEmpty: true },
  "max-flake-rate-pct": { type: "string" },
  "max-false-positive-rate-pct": { type: "string" },
  "max-runtime-ratio": { type: "string" },
  "max-deterministic-failures": { type: "string" },
  "guidance-doc": { type: "string", nonEmpty: true },
  "verification-rerun-command": { type: "string", nonEmpty: true },
  now: { type: "string" },
} as const;

const TAG = "[semantic-signal-quality]";

/** A path exactly as the user gave it (reports show it unchanged), resolved against the cwd for IO. */
function given(cwd: string, text: string): ResolvedPath {
  return { abs: path.resolve(cwd, text), display: text };
}

/** The instant (§2.1): --now, else FLAKEWARDEN_NOW (empty = unset), else the system clock. */
function instant(io: Io, flag: string | undefined): number {
  const env = io.env.FLAKEWARDEN_NOW;
  const supplied: [string, string] | null =
    flag !== undefined ? ["--now", flag] : env !== undefined && env !== "" ? ["FLAKEWARDEN_NOW", env] : null;
  if (supplied === null) return resolveNow(io, undefined);
  const ms = parseTimestamp(supplied[1]);
  if (ms === null) throw new UserError(MSG.flagTimestamp(supplied[0], supplied[1]));
  return ms;
}

/** What is at each path, symlinks followed; anything stat cannot see counts as absent. */
function lookUp(cwd: string, paths: string[]): PathFacts {
  const facts = new Map<string, PathKind>();
  for (const p of paths) {
    try {
      const stat = fs.statSync(path.resolve(cwd, p));
      facts.set(p, stat.isFile() ? "file" : stat.isDirectory() ? "directory" : "other");
    } catch {
      // absent, a dangling link, or not reachable: nothing usable is there
    }
  }
  return facts;
}

function metricText(value: number | null, digits: number): string {
  return value === null ? "null" : fmtN(value, digits);
}

export function renderConsole(report: SignalQualityReport, outputDisplay: string): string {
  const m = report.metrics;
  const links = report.diagnostics_links;
  const lines = [
    `${TAG} status=${report.status} profile=${escapeControls(m.runner_profile ?? "null")} ` +
      `flake_rate_pct=${metricText(m.flake_rate_pct, 2)} ` +
      `false_positive_proxy_rate_pct=${metricText(m.false_positive_proxy_rate_pct, 2)} ` +
      `runtime_ratio=${metricText(m.runtime_ratio, 3)}`,
    ...report.failures.map((f) => `${TAG} failure: ${escapeControls(f)}`),
    `${TAG} report=${escapeControls(report.inputs.verification_report)}`,
    `${TAG} dashboard=${escapeControls(report.inputs.variance_dashboard)}`,
    `${TAG} details=${escapeControls(outputDisplay)}`,
  ];
  // Only real paths are listed: an absent dashboard link is "" and gets no empty bullet.
  const deepLinks = [...links.existing_required_artifacts, links.variance_events_ndjson, links.variance_summary].filter(
    (p): p is string => p !== null && p !== "",
  );
  if (deepLinks.length > 0) {
    lines.push(`${TAG} deep links:`);
    for (const p of deepLinks) lines.push(`  - ${escapeControls(p)}`);
  }
  return `${lines.join("\n")}\n`;
}

export const command: Command = {
  name: "signal-quality",
  summary: "Judge a variance dashboard and a verification report against flake, false-positive and runtime budgets",
  usage: `flakewarden signal-quality [--report <path>] [--dashboard <path>] [--output <path>]
                 [--max-flake-rate-pct <X>] [--max-false-positive-rate-pct <X>] [--max-runtime-ratio <X>]
                 [--max-deterministic-failures <N>] [--guidance-doc <path>]
                 [--verification-rerun-command <command>] [--now <ISO-8601>]

Defaults: --report ${DEFAULTS.report}
          --dashboard ${DEFAULTS.dashboard}
          --output ${DEFAULTS.output}
          --max-flake-rate-pct 0 --max-false-positive-rate-pct 5 --max-runtime-ratio 1.0
          --max-deterministic-failures 0 --guidance-doc ${DEFAULTS.guidanceDoc}
Exit codes: 0 pass, 1 fail (report written), 2 usage error, 3 internal error.`,
  errorStyle: "detector",
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);

    // From here the arguments have parsed: any exit 2 or 3 removes the file at --output, so an
    // older passing report never outlives this run.
    const output = given(io.cwd, flag("output") ?? DEFAULTS.output);
    ctx.outputs.add(output.abs);

    const typed: Partial<Record<ThresholdKey, string>> = {};
    for (const definition of SIGNAL_QUALITY_THRESHOLDS) {
      const text = flag(definition.flag.slice(2) as keyof typeof OPTIONS);
      if (text === undefined) continue;
      if (!isValidThresholdText(definition, text)) {
        throw new UserError(
          definition.integer ? MSG.flagNonNegativeInteger(definition.flag, text) : MSG.flagNonNegativeNumber(definition.flag, text),
        );
      }
      typed[definition.key] = text;
    }
    const now = instant(io, flag("now"));

    const files = {
      report: readJson(given(io.cwd, flag("report") ?? DEFAULTS.report)),
      dashboard: readJson(given(io.cwd, flag("dashboard") ?? DEFAULTS.dashboard)),
    };
    const { report, inputProblems } = evaluateSignalQuality({
      ...files,
      outputPath: output.display,
      guidanceDoc: flag("guidance-doc") ?? DEFAULTS.guidanceDoc,
      verificationRerunCommand: flag("verification-rerun-command") ?? null,
      thresholds: thresholdTexts(typed),
      facts: lookUp(io.cwd, signalQualityProbePaths(files)),
      now,
    });

    // Key order is part of the format (§3.8), so keys are written as built, not sorted.
    writeOutput(output, toPrettyJson(report));
    io.stdout.write(renderConsole(report, output.display));
    for (const problem of inputProblems) io.stderr.write(`flakewarden signal-quality: ${escapeControls(problem)}\n`);
    return report.status === "pass" ? 0 : 1;
  },
};
