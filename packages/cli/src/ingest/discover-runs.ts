// Which result files make up each ingested run, and which suite each file belongs to
// (detector.md §7.5). Pure bookkeeping over the file system; parsing happens later.
import fs from "node:fs";
import path from "node:path";
import { compareCodePoints } from "@flakewarden/core";
import { inferResultFormat, type ResultFormat } from "@flakewarden/forensics";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";

export interface ResultInput {
  abs: string;
  /** The file as the user named it: the argument, or `<argument>/<relative path>` inside a directory. */
  display: string;
  /** Path relative to a directory argument (POSIX), or the base name for a file argument. */
  rel: string;
  format: ResultFormat;
}

export interface IngestRun {
  iteration: number;
  /** The positional argument as given. */
  argument: string;
  isDirectory: boolean;
  /** suite name → its files in this run (relative-path order). */
  suites: Map<string, ResultInput[]>;
}

const RESULT_EXTENSION = /\.(xml|tap)$/i;

function walk(dir: string, prefix: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, rel, out);
    else if (RESULT_EXTENSION.test(entry.name) && fs.statSync(abs).isFile()) out.push(rel);
  }
}

function withoutExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > name.lastIndexOf("/") && dot > 0 ? name.slice(0, dot) : name;
}

function formatOf(display: string, forced: ResultFormat | null): ResultFormat {
  const format = forced ?? inferResultFormat(display);
  if (format === null) throw new UserError(MSG.ingestUnknownFormat(display));
  return format;
}

export function discoverRuns(cwd: string, args: readonly string[], suiteFlag: string | null, forced: ResultFormat | null): IngestRun[] {
  return args.map((argument, index) => {
    const abs = path.resolve(cwd, argument);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UserError(MSG.ingestNotFound(argument));
    }
    const suites = new Map<string, ResultInput[]>();
    const add = (suite: string, input: ResultInput): void => {
      const list = suites.get(suite) ?? [];
      list.push(input);
      suites.set(suite, list);
    };
    if (stat.isDirectory()) {
      const rels: string[] = [];
      try {
        walk(abs, "", rels);
      } catch (error) {
        throw new UserError(MSG.ingestUnreadable(argument, (error as { code?: string }).code ?? String(error)));
      }
      rels.sort(compareCodePoints);
      if (rels.length === 0) throw new UserError(MSG.ingestEmptyDirectory(argument));
      for (const rel of rels) {
        const display = path.posix.join(argument.split(path.sep).join("/"), rel);
        add(suiteFlag ?? withoutExtension(rel), { abs: path.join(abs, rel), display, rel, format: formatOf(display, forced) });
      }
    } else {
      const base = path.basename(abs);
      add(suiteFlag ?? withoutExtension(base), { abs, display: argument, rel: base, format: formatOf(argument, forced) });
    }
    return { iteration: index + 1, argument, isDirectory: stat.isDirectory(), suites };
  });
}
