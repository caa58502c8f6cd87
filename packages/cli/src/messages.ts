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
  // detector.md §2.1: detector commands name the flag first and quote the text as typed.
  flagNonNegativeNumber: (flag: string, got: string) => `${flag} must be a non-negative number (got '${show(got)}')`,
  flagNonNegativeInteger: (flag: string, got: string) => `${flag} must be a non-negative integer (got '${show(got)}')`,
  flagTimestamp: (source: string, got: string) =>
    `${source} must be an ISO-8601 timestamp with an offset, e.g. 2026-03-01T00:00:00Z (got '${show(got)}')`,
  // detect (detector.md §2.2): the flag or file comes first, the value quoted as typed.
  detectIterations: (got: string) => `--iterations must be an integer >= 2 (got '${show(got)}')`,
  detectIterationsMax: (got: string, max: number) => `--iterations must be at most ${max} (got '${show(got)}')`,
  detectSeed: (got: string) => `--seed must be an unsigned integer (got '${show(got)}')`,
  flagIntegerAtLeast: (flag: string, min: number, got: string) => `${flag} must be an integer >= ${min} (got '${show(got)}')`,
  flagPositiveNumber: (flag: string, got: string) => `${flag} must be a number > 0 (got '${show(got)}')`,
  flagProbability: (flag: string, got: string) => `${flag} must be a number between 0 and 1, exclusive (got '${show(got)}')`,
  detectShard: (got: string) => `--shard must be i/n with 1 <= i <= n (got '${show(got)}')`,
  detectRunId: (got: string) => `--run-id must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ and not be 'latest' (got '${show(got)}')`,
  detectRunIdExists: (id: string, dir: string) => `--run-id '${show(id)}': ${dir} already exists`,
  detectTargetWithIterations: "--target-flake-rate cannot be combined with --iterations (it sets the iterations)",
  detectTargetTooMany: (p: string, c: string, n: number, max: number) =>
    `--target-flake-rate ${show(p)} at --confidence ${show(c)} needs ${n} iterations (limit ${max})`,
  detectWarmup: (source: string, warmup: number, iterations: number) =>
    `${source} ${warmup} leaves ${Math.max(iterations - warmup, 0)} measured iteration(s) of ${iterations} (need at least 2)`,
  detectUnknownSuite: (name: string, known: readonly string[]) => `unknown suite '${show(name)}' (known: ${known.join(", ")})`,
  detectNoConfig: "flakewarden.yaml: not found (nor flakewarden.json) in the current directory; pass --config",
  detectConfigMissing: (file: string) => `${file}: file not found`,
  detectConfigUnreadable: (file: string, cause: string) => `${file}: cannot read: ${cause}`,
  detectConfigSyntax: (file: string, line: number, column: number, problem: string) => `${file}:${line}:${column}: ${problem}`,
  detectConfigIssue: (file: string, where: string, problem: string) => (where === "" ? `${file}: ${problem}` : `${file}: ${where}: ${problem}`),
  detectCommandNotFound: (file: string, where: string, command: string, viaPath: boolean) =>
    `${file}: ${where}: command '${show(command)}' not found ${viaPath ? "on PATH" : "(or not executable)"}`,
  detectCannotCreate: (dir: string, cause: string) => `cannot create ${dir}: ${cause}`,
  // merge (detector.md §7.4): the shard directory named first.
  mergeNoShards: "give at least one shard directory (a detect --shard run directory or its --out directory)",
  mergeNotAShard: (arg: string) => `${arg}: no variance_dashboard.json here nor in ${arg}/latest`,
  mergeUnreadable: (file: string, cause: string) => `${file}: cannot read: ${cause}`,
  mergeInvalidJson: (file: string, line: number, column: number, problem: string) => `${file}:${line}:${column}: invalid JSON: ${problem}`,
  // ingest (detector.md §7.5): the input named first.
  ingestTooFewRuns: (n: number) => `at least 2 runs are needed, one per argument (got ${n})`,
  ingestNotFound: (arg: string) => `${arg}: file or directory not found`,
  ingestUnreadable: (arg: string, cause: string) => `${arg}: cannot read: ${cause}`,
  ingestEmptyDirectory: (arg: string) => `${arg}: no *.xml or *.tap result files below it`,
  ingestUnknownFormat: (file: string) => `${file}: unknown result format (expected .xml or .tap, or pass --result-format)`,
  ingestMalformed: (file: string, line: number, column: number, problem: string) => `${file}:${line}:${column}: ${problem}`,
  detectTargetNote: (p: string, c: string, n: number) => `[flakewarden] --target-flake-rate ${p} at confidence ${c}: ${n} iterations`,
  internal: "flakewarden hit an internal error: this is a bug. Please report it with the command you ran.",
} as const;
