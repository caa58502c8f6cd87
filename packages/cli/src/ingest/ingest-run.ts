// One ingested run of one suite → a RunObservation, exactly as if detect had run it and found
// these result files (detector.md §7.5): no process, no log, durations from the results.
import fs from "node:fs";
import { type ParsedResult, type RunObservation, type TestCase } from "@flakewarden/core";
import { floorDecimalMsSum, IdNumbering, parseResultFile } from "@flakewarden/forensics";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { sha256Hex } from "../detect/run-plan.ts";
import type { IngestRun, ResultInput } from "./discover-runs.ts";

async function parseOne(input: ResultInput): Promise<ParsedResult> {
  let parsed: ParsedResult;
  try {
    parsed = await parseResultFile(input.abs, input.format);
  } catch (error) {
    throw new UserError(MSG.ingestUnreadable(input.display, (error as { code?: string }).code ?? String(error)));
  }
  // A TAP plan that disagrees with its points is a failing run (row 8); any other malformation
  // means the file is not a result file we can trust at all.
  if (parsed.kind === "invalid" && parsed.planMismatch !== true) {
    throw new UserError(MSG.ingestMalformed(input.display, parsed.line, parsed.column, parsed.problem));
  }
  return parsed;
}

function fileHash(input: ResultInput): string {
  return sha256Hex(fs.readFileSync(input.abs));
}

/** Combine several files of one suite in one run: cases in file order, repeated ids renumbered. */
function combine(results: ParsedResult[]): ParsedResult {
  const single = results[0];
  if (results.length === 1 && single !== undefined) return single;
  const invalid = results.find((r) => r.kind === "invalid");
  if (invalid !== undefined) return invalid;
  const numbering = new IdNumbering();
  const cases: TestCase[] = [];
  let bailOut: string | null = null;
  for (const r of results) {
    if (r.kind === "invalid") continue;
    bailOut ??= r.bailOut;
    for (const c of r.cases) cases.push({ id: numbering.next(c.id), status: c.status });
  }
  const first = results[0];
  const kind = first !== undefined && first.kind !== "invalid" ? first.kind : "junit";
  return { kind, cases, bailOut, durationMs: null };
}

function durationOf(results: ParsedResult[]): number | null {
  const parts: string[] = [];
  for (const r of results) {
    if (r.kind === "invalid") return null;
    const exact = r.durationMsExact ?? (r.durationMs === null ? null : String(r.durationMs));
    if (exact === null || exact === undefined) return null;
    parts.push(exact);
  }
  return floorDecimalMsSum(parts);
}

export async function observeIngestedRun(run: IngestRun, files: ResultInput[]): Promise<RunObservation> {
  const results: ParsedResult[] = [];
  for (const file of files) results.push(await parseOne(file));
  const several = files.length > 1;
  const artifactHash = several
    ? sha256Hex(files.map((f) => `${fileHash(f)}  ${f.rel}\n`).join(""))
    : fileHash(files[0] as ResultInput);
  return {
    iteration: run.iteration,
    spawnError: null,
    timedOut: false,
    signal: null,
    exitCode: null,
    logText: "",
    result: combine(results),
    durationNs: null,
    endedAtNs: null,
    durationMs: durationOf(results),
    reproCommand: "",
    log: several ? run.argument : (files[0] as ResultInput).display,
    resultCopy: null,
    shard: null,
    artifactHash,
  };
}
