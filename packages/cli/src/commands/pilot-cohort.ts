// `flakewarden pilot cohort`: score pilot intake candidates against the cohort rubric
// (pilot.md §2.2, §4.10). It gates nothing: exit 0 whenever the outputs were written.
import { evaluatePilotCohort, pilotIntakeRecords, validatePilotCohort } from "@flakewarden/core";
import { stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { COHORT_OPTIONS, EVALUATE_OPTIONS, parsePilotFlags } from "../pilot/pilot-args.ts";
import { resolvePilotTimestamp } from "../pilot/pilot-clock.ts";
import { invalidDocument, readPilotJson, registerOutputs } from "../pilot/pilot-files.ts";
import { pilotFiles, writePilotOutputs } from "../pilot/pilot-outputs.ts";

const NAME = "pilot cohort";
export const DEFAULT_COHORT_OUTPUT = "artifacts/pilot/pilot_cohort_eval.json";
export const DEFAULT_COHORT_LOG_OUTPUT = "artifacts/pilot/pilot_intake.ndjson";

export const command: Command = {
  name: NAME,
  summary: "Score pilot intake candidates against the cohort rubric (eligibility, score, risk tier)",
  usage: "flakewarden pilot cohort --input <path> [--output <path>] [--log-output <path>] [--now <ISO-8601>]",
  errorStyle: "detector",
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parsePilotFlags(ctx.argv, COHORT_OPTIONS, EVALUATE_OPTIONS, "pilot evaluate");
    const files = pilotFiles(io, flags, "input", ["output", DEFAULT_COHORT_OUTPUT], ["log-output", DEFAULT_COHORT_LOG_OUTPUT]);
    const { input, output, log } = files;
    registerOutputs(ctx.outputs, [output, log], [input]);

    const generatedAt = resolvePilotTimestamp(io, stringFlag(flags, "now"));
    const candidates = validatePilotCohort(readPilotJson(input));
    if (!candidates.ok) throw invalidDocument(io, NAME, input, "cohort input", candidates.problems);
    const evaluation = evaluatePilotCohort(candidates.value, generatedAt);
    writePilotOutputs(files, evaluation, pilotIntakeRecords(evaluation, input.given));
    io.stdout.write(`evaluated=${evaluation.candidate_count} eligible=${evaluation.eligible_count} output=${output.given}\n`);
    return 0;
  },
};
