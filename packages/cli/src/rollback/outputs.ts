// The files of `rollback npm` and the stderr safety summary.
import fs from "node:fs";
import { escapeControls, toPrettyJson, type NpmRollbackPlan, type NpmSafetyCheck, type RollbackRequest } from "@flakewarden/core";
import { renderRollbackInstructions } from "@flakewarden/report/rollback-instructions";
import { writeAtomic } from "../files.ts";

export interface RollbackFiles {
  plan: string;
  actions: string;
  outcome: string;
  instructions: string;
}

export function writeText(abs: string, text: string): void {
  writeAtomic(abs, text);
}

export function planDocument(request: RollbackRequest, plan: NpmRollbackPlan, mode: "dry_run" | "execute", generatedAt: string): string {
  return toPrettyJson({
    schema_version: "npm-rollback-plan-v1",
    generated_at_utc: generatedAt,
    mode,
    status: plan.status,
    registry: request.registry,
    packages: request.packages,
    rollback_version: request.to,
    npm_tag: request.tag,
    rollback_reason: request.reason,
    safety_checks: plan.safety_checks,
    commands: plan.commands,
    unpublish_eligibility: plan.unpublish_eligibility,
  });
}

export function safetySummary(checks: readonly NpmSafetyCheck[]): string {
  return checks.map((c) => `${c.status.toUpperCase()} ${c.check_id}${c.package === null ? "" : ` ${c.package}`}: ${escapeControls(c.detail)}\n`).join("");
}

/** rollback_instructions.md: the one rollback guidance renderer, fed with this run's outcome (or, for a dry run,
 * the same facts with no action executed), so it names this tag and version and each package's status. */
export function writeInstructions(abs: string, npmRollback: object): void {
  writeAtomic(abs, renderRollbackInstructions({ npmRollback }));
}

/** The outcome-shaped facts of a dry run: nothing executed, each package planned or already in place. */
export function dryRunFacts(request: RollbackRequest, plan: NpmRollbackPlan): object {
  return {
    rollback_version: request.to,
    rollback_reason: request.reason,
    npm_tag: request.tag,
    actions_executed: [],
    action_count: 0,
    registry: request.registry,
    packages: request.packages,
    status: plan.status,
    results: request.packages.map((pkg) => ({
      package: pkg,
      status: plan.already_in_place.includes(pkg) ? "already_in_place" : plan.status === "blocked" ? "not_attempted (blocked)" : "planned",
      exit_code: null,
    })),
  };
}

/** One action line, flushed to disk before its command is spawned. */
export function appendActionLine(abs: string, line: string): void {
  const fd = fs.openSync(abs, "a");
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function readActionLines(abs: string): string[] {
  try {
    return fs
      .readFileSync(abs, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
  } catch {
    return [];
  }
}
