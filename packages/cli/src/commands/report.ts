// `flakewarden report`: render the static HTML/Markdown site from the artifacts under --in (reports.md §2).
// The walk and the writes live here; packages/report stays pure. Order of checks: flags and clock (exit 2,
// nothing written), then --out (refused: exit 2, nothing written), then everything else; once --out is
// accepted, any failure leaves the stub site so an older site never survives.
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { parseTimestamp } from "@flakewarden/core";
import { MARKER_NAME, renderSite, renderStubSite, type ClockSource, type Format, type RenderSiteOptions, type RenderSiteResult } from "@flakewarden/report";
import { parseFlags, stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { toPosix } from "../paths.ts";
import { realPathLoose, walkInputs } from "../report/walk-inputs.ts";
import { replaceSite } from "../report/write-site.ts";
import { VERSION } from "../version.ts";

const OPTIONS = {
  in: { type: "string" },
  out: { type: "string" },
  format: { type: "string" },
  now: { type: "string" },
} as const;

const FORMATS: readonly Format[] = ["html", "md"];

function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return ["html", "md"];
  const items = value.split(",");
  for (const item of items) if (!(FORMATS as readonly string[]).includes(item)) throw new UserError(MSG.reportBadFormat(item));
  return FORMATS.filter((f) => items.includes(f));
}

/** --now, else FLAKEWARDEN_NOW (empty = unset), else the system clock; only the winning source is read. */
function resolveClock(io: Io, flag: string | undefined): { now: string; source: ClockSource } {
  if (flag !== undefined) {
    if (parseTimestamp(flag) === null) throw new UserError(MSG.reportBadClock("--now", flag));
    return { now: flag, source: "--now" };
  }
  const env = io.env.FLAKEWARDEN_NOW;
  if (env !== undefined && env !== "") {
    if (parseTimestamp(env) === null) throw new UserError(MSG.reportBadClock("FLAKEWARDEN_NOW", env));
    return { now: env, source: "FLAKEWARDEN_NOW" };
  }
  if (io.now === undefined) throw new Error("no clock given to main(io)");
  return { now: new Date(io.now()).toISOString(), source: "system" };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** An existing --out must be a directory that is empty or holds the marker. */
function checkOutOwnership(outAbs: string, outGiven: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outAbs);
  } catch {
    return; // created later
  }
  if (!stat.isDirectory()) throw new UserError(MSG.reportOutNotOurs(outGiven));
  const names = fs.readdirSync(outAbs);
  if (names.length > 0 && !names.includes(MARKER_NAME)) throw new UserError(MSG.reportOutNotOurs(outGiven));
}

function checkIn(inAbs: string, inGiven: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(inAbs);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "EIO";
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError(MSG.reportInMissing(inGiven));
    throw new UserError(MSG.reportInUnreadable(inGiven, code));
  }
  if (!stat.isDirectory()) throw new UserError(MSG.reportInNotDir(inGiven));
  try {
    fs.readdirSync(inAbs);
  } catch (error) {
    throw new UserError(MSG.reportInUnreadable(inGiven, (error as { code?: string }).code ?? "EIO"));
  }
}

export type SiteRenderer = (options: RenderSiteOptions) => RenderSiteResult;

/** The command with an injectable renderer (tests hand in a faulty one; no environment switch enables faults). */
export function makeReportCommand(render: SiteRenderer = renderSite): Command {
  return {
    name: "report",
    summary: "Render the static HTML and Markdown report site from the artifacts under --in",
    usage: "flakewarden report --in <artifacts dir> --out <site dir> [--format html,md] [--now <ISO-8601>]",
    errorStyle: "detector",
    async run(ctx: CommandContext): Promise<number> {
      const { io } = ctx;
      const flags = parseFlags(ctx.argv, OPTIONS);
      const inGiven = stringFlag(flags, "in");
      const outGiven = stringFlag(flags, "out");
      if (inGiven === undefined || inGiven === "") throw new UserError(MSG.reportRequired("--in"));
      if (outGiven === undefined || outGiven === "") throw new UserError(MSG.reportRequired("--out"));
      const formats = parseFormats(stringFlag(flags, "format"));
      const clock = resolveClock(io, stringFlag(flags, "now"));

      const inLexical = path.resolve(io.cwd, inGiven);
      const outLexical = path.resolve(io.cwd, outGiven);
      const inReal = realPathLoose(inLexical);
      const outReal = realPathLoose(outLexical);
      if (isInside(inReal, outReal) || isInside(inLexical, outLexical)) throw new UserError(MSG.reportOutContainsIn(outGiven, inGiven));
      checkOutOwnership(outLexical, outGiven);

      // --out is accepted: from here on a failure leaves the stub site.
      try {
        checkIn(inLexical, inGiven);
        const walk = walkInputs(inLexical, [outLexical, outReal]);
        const linkPrefix = toPosix(path.relative(outLexical, inLexical));
        const result = render({ inputs: walk.inputs, fileIndex: walk.fileIndex, linkPrefix, now: clock.now, clockSource: clock.source, toolVersion: VERSION, formats });
        if (result.recognised === 0) throw new UserError(MSG.reportNoArtifacts(inGiven));
        try {
          replaceSite(outLexical, result.files, process.pid);
        } catch (error) {
          throw new UserError(MSG.reportCannotWrite(outGiven, (error as { code?: string }).code ?? "EIO"));
        }
        const word = result.verdict === "pass" ? "PASS" : result.verdict === "fail" ? "FAIL" : "NO VERDICT";
        const c = result.counts;
        io.stdout.write(`flakewarden report: ${word} - ${c.gates} gates: ${c.pass} pass, ${c.fail} fail; ${c.invalid} invalid inputs; ${c.files} files -> ${outGiven}\n`);
        return 0;
      } catch (error) {
        const reason = error instanceof UserError ? `flakewarden report: ${error.lines[0] ?? ""}` : MSG.reportInternalStub;
        try {
          replaceSite(outLexical, renderStubSite({ reason, now: clock.now, clockSource: clock.source, toolVersion: VERSION, formats }), process.pid);
        } catch {
          // The original failure is what the user needs to see; a failing stub write cannot hide it.
        }
        throw error;
      }
    },
  };
}

export const command: Command = makeReportCommand();
