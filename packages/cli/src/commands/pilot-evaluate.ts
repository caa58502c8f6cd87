// `flakewarden pilot evaluate`: the pilot SLO gate (pilot.md §2.1, §4). Reads telemetry (and an
// optional policy), writes the summary the release gate reads and the alert NDJSON.
import {
  evaluatePilotTelemetry,
  pilotAlertRecords,
  validatePilotPolicy,
  validatePilotTelemetry,
  type PilotPolicy,
} from "@flakewarden/core";
import { stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { COHORT_OPTIONS, EVALUATE_OPTIONS, parsePilotFlags } from "../pilot/pilot-args.ts";
import { resolvePilotTimestamp } from "../pilot/pilot-clock.ts";
import { invalidDocument, pilotPath, readPilotJson, readPilotPolicyDoc, registerOutputs } from "../pilot/pilot-files.ts";
import { pilotFiles, writePilotOutputs } from "../pilot/pilot-outputs.ts";

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
    const files = pilotFiles(io, flags, "telemetry-input", ["telemetry-output", DEFAULT_TELEMETRY_OUTPUT], ["telemetry-log-output", DEFAULT_TELEMETRY_LOG_OUTPUT]);
    const { input, output, log } = files;
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
    writePilotOutputs(files, summary, pilotAlertRecords(summary, input.given));
    io.stdout.write(`status=${summary.status} events=${summary.event_count} alerts=${summary.alerts_count} output=${output.given}\n`);
    return summary.status === "pass" ? 0 : 1;
  },
};
