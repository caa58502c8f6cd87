// `flakewarden pilot evaluate`: the pilot SLO gate (pilot.md §2.1, §4). Reads telemetry (and an
// optional policy), writes the summary the release gate reads and the alert NDJSON.
import {
  evaluatePilotTelemetry,
  pilotAlertRecords,
  pilotJsonText,
  pilotNdjsonText,
  validatePilotPolicy,
  validatePilotTelemetry,
  type PilotPolicy,
} from "@flakewarden/core";
import { stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { COHORT_OPTIONS, EVALUATE_OPTIONS, parsePilotFlags, requiredFlag } from "../pilot/pilot-args.ts";
import { resolvePilotTimestamp } from "../pilot/pilot-clock.ts";
import { invalidDocument, pilotPath, readPilotJson, readPilotPolicyDoc, registerOutputs, writePilotOutput } from "../pilot/pilot-files.ts";

const NAME = "pilot evaluate";
export const DEFAULT_TELEMETRY_OUTPUT = "artifacts/pilot/pilot_observability_summary.json";
export const DEFAULT_TELEMETRY_LOG_OUTPUT = "artifacts/pilot/pilot_observability_alerts.ndjson";

export const command: Command = {
  name: NAME,
  summary: "Gate a WASM pilot's SLO signals and wasm/native parity; write the summary the release gate reads",
  usage: `flakewarden pilot evaluate --telemetry-input <path> [--telemetry-output <path>]
                             [--telemetry-log-output <path>] [--policy <path>] [--allow-empty] [--now <ISO-8601>]`,
  errorStyle: "detector",
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    // Stage 1, arguments: nothing is touched until they are all valid.
    const flags = parsePilotFlags(ctx.argv, EVALUATE_OPTIONS, COHORT_OPTIONS, "pilot cohort");
    const input = pilotPath(io, requiredFlag(flags, "telemetry-input"));
    const output = pilotPath(io, stringFlag(flags, "telemetry-output") ?? DEFAULT_TELEMETRY_OUTPUT);
    const log = pilotPath(io, stringFlag(flags, "telemetry-log-output") ?? DEFAULT_TELEMETRY_LOG_OUTPUT);
    if (output.abs === log.abs) throw new UserError(MSG.pilotSameOutputs("--telemetry-output", "--telemetry-log-output"));
    const policyFlag = stringFlag(flags, "policy");
    const policyPath = policyFlag === undefined ? null : pilotPath(io, policyFlag);
    registerOutputs(ctx.outputs, [output, log], [input, policyPath]);

    // Stages 2–4: clock, policy (before the input: it decides which fields may be omitted), input.
    const generatedAt = resolvePilotTimestamp(io, stringFlag(flags, "now"));
    let policy: PilotPolicy | null = null;
    if (policyPath !== null) {
      const checked = validatePilotPolicy(await readPilotPolicyDoc(policyPath));
      if (!checked.ok) throw invalidDocument(io, NAME, policyPath, "policy", checked.problems);
      policy = checked.value;
    }
    const telemetry = validatePilotTelemetry(readPilotJson(input), policy);
    if (!telemetry.ok) throw invalidDocument(io, NAME, input, "telemetry input", telemetry.problems);

    const summary = evaluatePilotTelemetry(telemetry.value, {
      policy,
      policyFile: policyPath?.given ?? null,
      allowEmpty: flags.values["allow-empty"] === true,
      generatedAt,
    });
    // Both rendered before either is written.
    const summaryText = pilotJsonText(summary);
    const logText = pilotNdjsonText(pilotAlertRecords(summary, input.given));
    writePilotOutput(output, summaryText);
    writePilotOutput(log, logText);
    io.stdout.write(`status=${summary.status} events=${summary.event_count} alerts=${summary.alerts_count} output=${output.given}\n`);
    return summary.status === "pass" ? 0 : 1;
  },
};
