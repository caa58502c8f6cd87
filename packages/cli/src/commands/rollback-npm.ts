// `flakewarden rollback npm`: move a dist-tag back to a known-good version, dry run by default
// (forensics.md §2.4, §3.4, §4.8).
import path from "node:path";
import { planRollback, RollbackConfigSection, validateRollbackRequest, type NpmRollbackPlan } from "@flakewarden/core";
import { readPackage, type NpmClient } from "@flakewarden/forensics";
import { parseFlags, stringFlag, stringsFlag } from "../args.ts";
import { resolveNow } from "../clock.ts";
import type { Command, CommandContext } from "../command.ts";
import { configSection, loadConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { resolveFrom } from "../paths.ts";
import { executeRollback } from "../rollback/execute.ts";
import { dryRunFacts, planDocument, safetySummary, writeInstructions, writeText, type RollbackFiles } from "../rollback/outputs.ts";
import { parseCount } from "../rollback/numbers.ts";

const OPTIONS = {
  package: { type: "string", multiple: true },
  to: { type: "string" },
  tag: { type: "string" },
  reason: { type: "string" },
  registry: { type: "string" },
  deprecate: { type: "string" },
  execute: { type: "boolean" },
  otp: { type: "string" },
  out: { type: "string", nonEmpty: true },
  "npm-timeout-s": { type: "string" },
  "verify-attempts": { type: "string" },
  "verify-delay-ms": { type: "string" },
  config: { type: "string", nonEmpty: true },
  now: { type: "string" },
} as const;

export const command: Command = {
  name: "rollback npm",
  summary: "Move an npm dist-tag back to a known-good version after a safety analysis (dry run unless --execute)",
  usage: `flakewarden rollback npm --to <version> --reason <text> [--package <name>]... [--tag <tag>]
                 [--registry <url>] [--deprecate <version>] [--execute] [--otp <code>] [--out <dir>]
                 [--npm-timeout-s N] [--verify-attempts N] [--verify-delay-ms N] [--config <path>] [--now <ISO-8601>]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);
    const timeoutS = parseCount("--npm-timeout-s", flag("npm-timeout-s"), 60, 1);
    const verifyAttempts = parseCount("--verify-attempts", flag("verify-attempts"), 3, 1);
    const verifyDelayMs = parseCount("--verify-delay-ms", flag("verify-delay-ms"), 2000, 0);
    const nowMs = resolveNow(io, flag("now"));
    const config = await loadConfig(io, flag("config"));
    const section = configSection(config, "rollback", RollbackConfigSection)?.npm;
    const root = config?.dir ?? io.cwd;

    const givenPackages = stringsFlag(flags, "package");
    const validation = validateRollbackRequest({
      packages: givenPackages.length > 0 ? givenPackages : (section?.packages ?? []),
      to: flag("to"),
      tag: flag("tag") ?? "latest",
      reason: flag("reason"),
      registry: flag("registry") ?? section?.registry,
      deprecate: flag("deprecate"),
      otp: flag("otp"),
    });
    if (!validation.ok) throw new UserError(MSG.rollbackRequest(validation.problem));
    const request = validation.value;

    const outFlag = flag("out");
    const outDir = outFlag !== undefined ? resolveFrom(io.cwd, outFlag, io.cwd).abs : path.resolve(root, "artifacts/npm");
    const files: RollbackFiles = {
      plan: path.join(outDir, "rollback_plan.json"),
      actions: path.join(outDir, "rollback_actions.txt"),
      outcome: path.join(outDir, "rollback_outcome.json"),
      instructions: path.join(outDir, "rollback_instructions.md"),
    };
    const execute = flags.values.execute === true;
    const client: NpmClient = {
      bin: io.env.FLAKEWARDEN_NPM !== undefined && io.env.FLAKEWARDEN_NPM !== "" ? io.env.FLAKEWARDEN_NPM : "npm",
      cwd: root,
      env: io.env,
      timeoutMs: timeoutS * 1000,
      registry: request.registry,
    };

    const readList = await Promise.all(request.packages.map((pkg) => readPackage(client, request, pkg)));
    const reads = Object.fromEntries(request.packages.map((pkg, i) => [pkg, readList[i]!]));
    const plan: NpmRollbackPlan = planRollback({ request, reads, releaseSet: section?.packages ?? null, nowMs });
    const generatedAt = new Date(nowMs).toISOString();

    if (!execute) {
      writeText(files.plan, planDocument(request, plan, "dry_run", generatedAt));
      writeInstructions(files.instructions, dryRunFacts(request, plan));
      if (plan.status !== "blocked") for (const c of plan.commands) io.stdout.write(`${c.display}\n`);
      io.stderr.write(safetySummary(plan.safety_checks));
      io.stderr.write(`rollback npm: ${plan.status} (dry run)\n`);
      return plan.status === "blocked" ? 1 : 0;
    }
    const status = await executeRollback({ io, client, request, plan, files, generatedAt, verifyAttempts, verifyDelayMs });
    return status === "succeeded" || status === "noop" ? 0 : 1;
  },
};
