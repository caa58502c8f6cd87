// Reading pilot inputs and writing pilot outputs (pilot.md §2.3): the exit-2 lines name the file
// as given; validation problems print a header and one `<JSON path>: <message>` line each.
import path from "node:path";
import { escapeControls, fromPlainValue, parsePilotJson, problemLine, type PilotJson, type PilotProblem } from "@flakewarden/core";
import { UserError } from "../errors.ts";
import { readText, writeAtomic, writeCause } from "../files.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";

/** A path as the user gave it (for messages and echoed fields) and where it resolves. */
export interface PilotPath {
  given: string;
  abs: string;
}

export function pilotPath(io: Io, given: string): PilotPath {
  return { given, abs: path.resolve(io.cwd, given) };
}

function readSource(file: PilotPath): string {
  const loaded = readText({ abs: file.abs, display: file.given });
  if (loaded.kind === "missing") throw new UserError(MSG.pilotFileNotFound(file.given));
  if (loaded.kind === "unreadable") throw new UserError(MSG.pilotCannotRead(file.given, loaded.cause));
  return loaded.text;
}

/** A JSON document in the pilot reader's form (NaN/Infinity kept as markers for validation). */
export function readPilotJson(file: PilotPath): PilotJson {
  const parsed = parsePilotJson(readSource(file));
  if (!parsed.ok) throw new UserError(MSG.pilotMalformedJson(file.given, parsed.line, parsed.column));
  return parsed.value;
}

/** The policy: JSON when the name ends `.json`, else YAML (the yaml package loads only then). */
export async function readPilotPolicyDoc(file: PilotPath): Promise<PilotJson> {
  if (file.given.endsWith(".json")) return readPilotJson(file);
  const text = readSource(file);
  const yaml = await import("yaml");
  // The esbuild bundle exposes this CommonJS package only as `default`; Node and Deno also give named exports.
  const parseYaml = yaml.parse ?? yaml.default.parse;
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw new UserError(MSG.pilotMalformedYaml(file.given, message));
  }
  return fromPlainValue(data);
}

/**
 * Exit 2 for an invalid document: the header goes through the usual prefix, the problem lines
 * start with their JSON path (§2.3), so they are written here and the error carries no lines.
 */
export function invalidDocument(io: Io, command: string, file: PilotPath, what: string, problems: readonly PilotProblem[]): UserError {
  io.stderr.write(`flakewarden ${command}: ${escapeControls(MSG.pilotInvalid(file.given, what))}\n`);
  for (const p of problems) io.stderr.write(`${escapeControls(problemLine(p))}\n`);
  return new UserError();
}

export function writePilotOutput(file: PilotPath, content: string): void {
  try {
    writeAtomic(file.abs, content);
  } catch (error) {
    throw new UserError(MSG.pilotCannotWrite(file.given, writeCause(error)));
  }
}

/**
 * Register outputs for removal on exit 2/3 (never a stale summary), except a path that is the
 * input or policy itself: a mistaken flag must not delete the user's source file.
 */
export function registerOutputs(outputs: Set<string>, targets: readonly PilotPath[], sources: readonly (PilotPath | null)[]): void {
  const keep = new Set(sources.filter((s): s is PilotPath => s !== null).map((s) => s.abs));
  for (const t of targets) if (!keep.has(t.abs)) outputs.add(t.abs);
}
