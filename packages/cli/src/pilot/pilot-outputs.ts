// What `pilot evaluate` and `pilot cohort` share around their evaluation: one input and two
// outputs (a JSON document and an NDJSON log) named by flags, and the write of both.
import { pilotJsonText, pilotNdjsonText } from "@flakewarden/core";
import { stringFlag, type Parsed } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { requiredFlag } from "./pilot-args.ts";
import { pilotPath, writePilotOutput, type PilotPath } from "./pilot-files.ts";

export interface PilotFiles {
  input: PilotPath;
  output: PilotPath;
  log: PilotPath;
}

/** An output's flag name (without `--`) and the path used when the flag is not given. */
export type OutputFlag = readonly [flag: string, fallback: string];

/** The input (required) and the two outputs from one subcommand's flags; one file cannot be both outputs. */
export function pilotFiles(io: Io, flags: Parsed, inputFlag: string, outputFlag: OutputFlag, logFlag: OutputFlag): PilotFiles {
  const input = pilotPath(io, requiredFlag(flags, inputFlag));
  const output = pilotPath(io, stringFlag(flags, outputFlag[0]) ?? outputFlag[1]);
  const log = pilotPath(io, stringFlag(flags, logFlag[0]) ?? logFlag[1]);
  if (output.abs === log.abs) throw new UserError(MSG.pilotSameOutputs(`--${outputFlag[0]}`, `--${logFlag[0]}`));
  return { input, output, log };
}

/**
 * Writes the JSON document and the NDJSON log. Both are rendered before either is written, so a
 * rendering bug (exit 3) leaves no half-written pair.
 */
export function writePilotOutputs(files: PilotFiles, document: unknown, records: readonly unknown[]): void {
  const outputText = pilotJsonText(document);
  const logText = pilotNdjsonText(records);
  writePilotOutput(files.output, outputText);
  writePilotOutput(files.log, logText);
}
