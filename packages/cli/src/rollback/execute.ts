// The execute path of `rollback npm` (forensics.md §4.8): actions are appended before each spawn,
// failures of one package do not stop the others, and the outcome is written whatever happens.
import { setTimeout as sleep } from "node:timers/promises";
import {
  classifyOutcome,
  parseDistTagsView,
  toPrettyJson,
  type NpmOutcomeStatus,
  type NpmPlannedCommand,
  type NpmRollbackPlan,
  type RollbackRequest,
} from "@flakewarden/core";
import { runNpm, runPlanned, type NpmClient } from "@flakewarden/forensics";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { appendActionLine, planDocument, readActionLines, safetySummary, writeInstructions, writeText, type RollbackFiles } from "./outputs.ts";

const STDERR_TAIL = 2000;

interface PackageResult {
  package: string;
  previous_holder: string | null;
  status: "moved" | "already_in_place" | "failed" | "not_attempted";
  exit_code: number | null;
  stderr_tail: string;
}

interface DeprecationResult {
  package: string;
  version: string;
  message: string;
  status: "deprecated" | "already_deprecated" | "failed" | "not_attempted";
  exit_code: number | null;
}

interface VerifiedPackage {
  package: string;
  expected: string;
  observed: string | null;
  status: "verified" | "mismatch" | "error";
}

export interface ExecuteInput {
  io: Io;
  client: NpmClient;
  request: RollbackRequest;
  plan: NpmRollbackPlan;
  files: RollbackFiles;
  generatedAt: string;
  verifyAttempts: number;
  verifyDelayMs: number;
}

function tailOf(text: string): string {
  const chars = [...text];
  return chars.slice(Math.max(0, chars.length - STDERR_TAIL)).join("");
}

/**
 * stderr_tail of a mutating npm call. A call that timed out or was killed leaves exit_code null and
 * often no stderr at all; the note says why, so an auditor can tell a hung registry from a refusal.
 */
function outcomeTail(run: { stderr: string; timedOut: boolean; signal: string | null }, timeoutMs: number): string {
  const note = run.timedOut
    ? `flakewarden: npm timed out after ${timeoutMs / 1000} s and was killed${run.signal === null ? "" : ` (${run.signal})`}\n`
    : run.signal !== null
      ? `flakewarden: npm was ended by ${run.signal}\n`
      : "";
  return tailOf(run.stderr + note);
}

export async function executeRollback(input: ExecuteInput): Promise<NpmOutcomeStatus> {
  const { io, client, request, plan, files } = input;
  // Truncate first: the actions file of this run must hold only this run's lines.
  writeText(files.actions, "");
  writeText(files.plan, planDocument(request, plan, "execute", input.generatedAt));

  const results: PackageResult[] = request.packages.map((pkg) => ({
    package: pkg,
    previous_holder: plan.previous_holders[pkg] ?? null,
    status: plan.already_in_place.includes(pkg) ? "already_in_place" : "not_attempted",
    exit_code: null,
    stderr_tail: "",
  }));
  const deprecations: DeprecationResult[] =
    request.deprecate === null
      ? []
      : request.packages.map((pkg) => ({
          package: pkg,
          version: request.deprecate as string,
          message: request.reason,
          status: plan.already_deprecated.includes(pkg) ? "already_deprecated" : "not_attempted",
          exit_code: null,
        }));
  let verification: { all_verified: boolean; packages: VerifiedPackage[] } | null = null;
  let status: NpmOutcomeStatus = "aborted";
  let error: string | null = null;
  const mutatingExitCodes: (number | null)[] = [];
  const announced = new Set<NpmPlannedCommand>();
  const announce = (c: NpmPlannedCommand): void => {
    if (announced.has(c)) return;
    announced.add(c);
    io.stdout.write(`${c.display}\n`);
  };
  const mutating = plan.commands.filter((c) => c.kind !== "verify");

  try {
    if (plan.status === "blocked") {
      status = "blocked";
      return status;
    }
    if (mutating.length > 0) {
      const whoami = await runNpm(client, ["whoami"]);
      if (whoami.exitCode !== 0) {
        io.stderr.write(`${MSG.rollbackWhoamiFailed(whoami.timedOut ? "timed out" : (whoami.stderr.trim().split("\n").pop() ?? ""))}\n`);
        status = "aborted";
        return status;
      }
    }
    for (const c of mutating.filter((m) => m.kind === "dist_tag_add")) {
      appendActionLine(files.actions, c.display);
      announce(c);
      const run = await runPlanned(client, c, request.otp);
      mutatingExitCodes.push(run.exitCode);
      const row = results.find((r) => r.package === c.package) as PackageResult;
      row.status = run.exitCode === 0 ? "moved" : "failed";
      row.exit_code = run.exitCode;
      row.stderr_tail = outcomeTail(run, client.timeoutMs);
    }
    // Deprecating while a tag still points at the bad version would strand its users.
    const allMoved = results.every((r) => r.status !== "failed");
    for (const c of mutating.filter((m) => m.kind === "deprecate")) {
      if (!allMoved) {
        continue;
      }
      appendActionLine(files.actions, c.display);
      announce(c);
      const run = await runPlanned(client, c, request.otp);
      mutatingExitCodes.push(run.exitCode);
      const row = deprecations.find((d) => d.package === c.package) as DeprecationResult;
      row.status = run.exitCode === 0 ? "deprecated" : "failed";
      row.exit_code = run.exitCode;
    }
    // Reads only, so packages are verified side by side; each line is announced in plan order
    // before any of them is awaited.
    const verifyCommands = plan.commands.filter((v) => v.kind === "verify");
    const verified = await Promise.all(verifyCommands.map((c) => verifyPackage(input, c, announce)));
    verification = { all_verified: verified.every((v) => v.status === "verified"), packages: verified };
    status = classifyOutcome({ mutatingPlanned: mutating.length > 0, mutatingExitCodes, allVerified: verification.all_verified });
    return status;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
    status = mutatingExitCodes.length > 0 ? "partial_failure" : "aborted";
    throw caught;
  } finally {
    const actions = readActionLines(files.actions);
    const outcome = {
      schema_version: "npm-rollback-outcome-v1",
      rollback_version: request.to,
      rollback_reason: request.reason,
      npm_tag: request.tag,
      actions_executed: actions,
      action_count: actions.length,
      generated_at_utc: input.generatedAt,
      registry: request.registry,
      packages: request.packages,
      status,
      safety_checks: plan.safety_checks,
      results,
      deprecations,
      verification,
      unpublish_eligibility: plan.unpublish_eligibility,
      error,
    };
    writeText(files.outcome, toPrettyJson(outcome));
    // The guidance is rendered from the outcome just written, as `incident` and the report site render it.
    writeInstructions(files.instructions, outcome);
    io.stderr.write(safetySummary(plan.safety_checks));
    io.stderr.write(`rollback npm: ${status}\n`);
  }
}

async function verifyPackage(input: ExecuteInput, c: NpmPlannedCommand, announce: (c: NpmPlannedCommand) => void): Promise<VerifiedPackage> {
  const { request, client } = input;
  let last: VerifiedPackage = { package: c.package, expected: request.to, observed: null, status: "error" };
  for (let attempt = 1; attempt <= input.verifyAttempts; attempt++) {
    if (attempt > 1) await sleep(input.verifyDelayMs);
    announce(c);
    const tags = parseDistTagsView(await runPlanned(client, c, null));
    if (!tags.ok) {
      last = { package: c.package, expected: request.to, observed: null, status: "error" };
      continue;
    }
    const observed = tags.value[request.tag] ?? null;
    last = { package: c.package, expected: request.to, observed, status: observed === request.to ? "verified" : "mismatch" };
    if (last.status === "verified") break;
  }
  return last;
}
