// Rollback safety checks (forensics §4.7), evaluated in a fixed order over evidence already read.
import type { LoadedText } from "../loaded-input.ts";
import { actionLines, type NpmFact } from "./evidence.ts";

export type SafetyStatus = "pass" | "warn" | "fail" | "skip";
export interface SafetyCheck {
  check_id: string;
  status: SafetyStatus;
  detail: string;
}

export interface SafetyInputs {
  npm: NpmFact | null;
  npmOutcomeExists: boolean;
  npmOutcomeUnreadable: boolean;
  npmActions: LoadedText;
  /** Required reports that are absent or invalid, in order. */
  uncapturedReports: { path: string; verdict: string }[];
  reproCommands: string[];
  /** Evidence items that need a replay command but have none, as `<kind> <name>`. */
  withoutReplay: string[];
}

function sameStrings(a: unknown, b: string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => typeof x === "string" && x.trim() === b[i]);
}

export function rollbackSafetyChecks(input: SafetyInputs): SafetyCheck[] {
  const { npm } = input;
  const checks: SafetyCheck[] = [];

  const reasonId = "rollback_reason_required_when_rollback_version_set";
  if (!input.npmOutcomeExists) checks.push({ check_id: reasonId, status: "skip", detail: "no npm rollback outcome" });
  else if (input.npmOutcomeUnreadable || npm === null) checks.push({ check_id: reasonId, status: "fail", detail: "npm rollback outcome is unreadable" });
  else if ((npm.rollback_version ?? "") !== "" && (npm.rollback_reason ?? "").trim() === "") {
    checks.push({ check_id: reasonId, status: "fail", detail: `rollback_version ${npm.rollback_version} set without a rollback_reason` });
  } else checks.push({ check_id: reasonId, status: "pass", detail: "rollback reason recorded or no rollback version set" });

  const artId = "npm_rollback_actions_artifactized";
  const lines = actionLines(input.npmActions);
  const actionsExist = input.npmActions.kind !== "missing";
  if (!input.npmOutcomeExists && !actionsExist) checks.push({ check_id: artId, status: "skip", detail: "no npm rollback outcome or actions file" });
  else if (!input.npmOutcomeExists) checks.push({ check_id: artId, status: "fail", detail: "actions file without an npm rollback outcome" });
  else if (!actionsExist) checks.push({ check_id: artId, status: "fail", detail: "npm rollback outcome without an actions file" });
  else if (lines === null || npm === null) checks.push({ check_id: artId, status: "fail", detail: "npm rollback outcome or actions file is unreadable" });
  else if (!sameStrings(npm.actions_executed, lines)) checks.push({ check_id: artId, status: "fail", detail: "actions_executed differs from the actions file" });
  else if (npm.action_count !== lines.length) {
    checks.push({ check_id: artId, status: "fail", detail: `action_count ${JSON.stringify(npm.action_count) ?? "missing"} != ${lines.length} action line(s)` });
  } else checks.push({ check_id: artId, status: "pass", detail: `${lines.length} action(s) recorded in both files` });

  const capId = "wasm_gate_reports_captured_for_triage";
  if (input.uncapturedReports.length === 0) checks.push({ check_id: capId, status: "pass", detail: "every required gate report captured" });
  else checks.push({ check_id: capId, status: "fail", detail: input.uncapturedReports.map((r) => `${r.verdict}: ${r.path}`).join("; ") });

  const replayId = "deterministic_replay_commands_published";
  if (input.reproCommands.length === 0) checks.push({ check_id: replayId, status: "fail", detail: "no deterministic repro commands" });
  else if (input.withoutReplay.length > 0) checks.push({ check_id: replayId, status: "fail", detail: `no replay_command: ${input.withoutReplay.join(", ")}` });
  else checks.push({ check_id: replayId, status: "pass", detail: `${input.reproCommands.length} repro command(s) published` });

  const verId = "npm_rollback_verified";
  if (!input.npmOutcomeExists) checks.push({ check_id: verId, status: "skip", detail: "no npm rollback outcome" });
  else if (npm !== null && (npm.status === "succeeded" || npm.status === "noop") && npm.all_verified === true) {
    checks.push({ check_id: verId, status: "pass", detail: `status ${npm.status}, every dist-tag verified` });
  } else {
    checks.push({ check_id: verId, status: "fail", detail: `status ${npm?.status ?? "unknown"}, all_verified ${String(npm?.all_verified ?? null)}` });
  }
  return checks;
}
