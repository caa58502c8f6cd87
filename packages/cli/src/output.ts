// Writing a command's JSON and NDJSON outputs with the conventions every file follows.
import { toCompactJson, toPrettyJson } from "@flakewarden/core";
import { UserError } from "./errors.ts";
import { writeAtomic, writeCause } from "./files.ts";
import { MSG } from "./messages.ts";
import type { ResolvedPath } from "./paths.ts";

export function reportText(report: unknown): string {
  return toPrettyJson(report, { sortKeys: true });
}

export function ndjsonText(records: unknown[]): string {
  return records.map((r) => `${toCompactJson(r, { sortKeys: true })}\n`).join("");
}

export function writeOutput(target: ResolvedPath, content: string): void {
  try {
    writeAtomic(target.abs, content);
  } catch (error) {
    throw new UserError(MSG.cannotWrite(target.display, writeCause(error)));
  }
}
