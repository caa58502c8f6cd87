// Running `rollback npm` in-process against a TestRegistry, and reading back what it wrote.
import fs from "node:fs";
import path from "node:path";
import { runCli, tempDir, type CliResult } from "./cli.ts";
import type { TestRegistry } from "./verdaccio.ts";

export const ROLLBACK_NOW = "2026-03-06T10:00:00Z";

export interface RollbackRun extends CliResult {
  out: string;
  outcome: any;
  plan: any;
  actions: string | null;
}

/** One rollback from the seeded state (unless restore: false), as fw-operator unless another userconfig is given. */
export async function rollback(
  registry: TestRegistry,
  args: string[],
  options: { userconfig?: string; cwd?: string; restore?: boolean } = {},
): Promise<RollbackRun> {
  if (options.restore !== false) registry.restore();
  const cwd = options.cwd ?? tempDir("fw-rollback-");
  const out = path.join(cwd, "out");
  const r = await runCli(cwd, ["rollback", "npm", "--now", ROLLBACK_NOW, "--out", out, "--verify-delay-ms", "0", ...args], {
    env: registry.env(options.userconfig ?? registry.operatorConfig),
  });
  const readMaybe = (name: string): string | null => (fs.existsSync(path.join(out, name)) ? fs.readFileSync(path.join(out, name), "utf8") : null);
  const outcomeText = readMaybe("rollback_outcome.json");
  const planText = readMaybe("rollback_plan.json");
  return {
    ...r,
    out,
    outcome: outcomeText === null ? null : JSON.parse(outcomeText),
    plan: planText === null ? null : JSON.parse(planText),
    actions: readMaybe("rollback_actions.txt"),
  };
}

/** The safety check with this id (and package) in a plan or outcome. */
export function safetyCheck(doc: any, id: string, pkg: string | null = null): any {
  return doc.safety_checks.find((c: any) => c.check_id === id && c.package === pkg);
}

export const CORE_UI = ["--package", "@fwtest/core", "--package", "@fwtest/ui"];
