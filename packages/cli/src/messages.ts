// Every user-facing error text, in one place, so wording stays consistent and reviewable.
import { show } from "@flakewarden/core";

export const MSG = {
  unknownCommand: (name: string) => `unknown command: ${show(name)} (run flakewarden --help)`,
  unknownOption: (flag: string) => `unknown option ${show(flag)}`,
  missingValue: (flag: string) => `option ${flag} needs a value`,
  emptyValue: (flag: string) => `option ${flag} must not be empty`,
  badEnum: (flag: string, value: string, allowed: readonly string[]) =>
    `invalid value for ${flag}: ${show(value)} (expected ${allowed.join(" or ")})`,
  unexpectedArgument: (arg: string) => `unexpected argument ${show(arg)}`,
  requiredOption: (flag: string) => `missing required option ${flag}`,
  badNow: (source: string, value: string) =>
    `invalid ${source} value ${JSON.stringify(value)}: expected an ISO-8601 timestamp with an offset, e.g. 2026-03-10T12:00:00Z`,
  fileNotFound: (path: string) => `file not found: ${path}`,
  cannotRead: (path: string, cause: string) => `cannot read ${path}: ${cause}`,
  invalidJson: (path: string, line: number, column: number, problem: string) =>
    `invalid JSON in ${path}: line ${line} column ${column}: ${problem}`,
  invalidYaml: (path: string, problem: string) => `invalid YAML in ${path}: ${problem}`,
  rootObject: (path: string) => `root object required in ${path}`,
  configRootMapping: (path: string) => `config ${path} must be a mapping at the top level`,
  configInvalid: (path: string, key: string, problem: string) => `invalid config ${path}: ${key}: ${problem}`,
  badClausePattern: (path: string, key: string, problem: string) =>
    `invalid config ${path}: ${key}: invalid regular expression: ${problem}`,
  samePaths: (path: string) => `report and events paths resolve to the same file: ${path}`,
  cannotWrite: (path: string, cause: string) => `cannot write ${path}: ${cause}`,
  policyFinding: (checkId: string, message: string) => `[${checkId}] ${message}`,
  noPolicyNote: (path: string) => `note: no policy at ${path}; using built-in defaults`,
  stepSummaryWarning: (cause: string) => `warning: could not write GITHUB_STEP_SUMMARY: ${cause}`,
  internal: "flakewarden hit an internal error: this is a bug. Please report it with the command you ran.",
} as const;
