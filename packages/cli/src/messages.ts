// Every user-facing error text, in one place, so wording stays consistent and reviewable.
import { escapeControls, show, type RequestProblem } from "@flakewarden/core";

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
  // burndown (gate.md §2.4)
  burndownWindowDays: (flag: string, got: string) => `${flag} must be an integer from 1 to 365 (got '${show(got)}')`,
  burndownWindowNote: "note: --window now means days (same as --window-days)",
  burndownWritten: (path: string) => `Burndown report written to: ${path}`,
  burndownWarning: (text: string) => `warning: ${text}`,
  conflictingFlags: (a: string, b: string) => `options ${a} and ${b} cannot be combined (${b} is an alias of ${a})`,
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
  // reactivate (forensics.md §2.2): the entry and manifest named first.
  reactivateNeedsId: "missing <entry-id> (usage: flakewarden reactivate <entry-id> [options])",
  reactivateEntryNotFound: (manifest: string, id: string) => `${manifest}: no entry with id ${show(id)}`,
  reactivateEntryDuplicated: (manifest: string, id: string, count: number) => `${manifest}: entry id ${show(id)} appears ${count} times`,
  reactivateAlreadyReactivated: (id: string) => `entry ${show(id)} is already reactivated`,
  reactivateBadStatus: (id: string, status: unknown) =>
    `entry ${show(id)} has status ${show(status)}; only open or resolved entries can be reactivated`,
  reactivateNoReplayCommand: (id: string) => `entry ${show(id)} has no non-empty replay_command to replay`,
  reactivateRunsBelowMinimum: (runs: number, min: number, severity: string) =>
    `--runs ${runs} is below the minimum of ${min} runs for severity ${severity}`,
  reactivateBadSeed: (id: string, problem: string) => `entry ${show(id)}: ${problem}`,
  reactivateBadReplayResult: (id: string) => `entry ${show(id)}: replay_result must be a non-empty string`,
  reactivateEntryGone: (manifest: string, id: string) => `${manifest}: entry ${show(id)} disappeared while the replays ran`,
  // quarantine (gate.md §2.3, §4.10): the manifest named first where a line is about the file.
  quarantineNeedsId: "missing <id> (usage: flakewarden quarantine resolve <id> --root-cause <text> --fix-ref <text>)",
  flagValue: (flag: string, problem: string) => `${flag} ${problem}`,
  flagPositiveInteger: (flag: string, got: string) => `${flag} must be a positive integer (got '${show(got)}')`,
  badEntryId: (got: string) => `--id must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$ (got '${show(got)}')`,
  entryIdExists: (manifest: string, id: string) => `${manifest}: entry id ${show(id)} already exists`,
  slaAboveTarget: (hours: number, target: number, severity: string) =>
    `sla_hours ${hours} exceeds the policy target ${target}h for ${severity}`,
  slaNoTarget: (severity: string) => `the policy has no SLA target for severity ${severity}: pass --sla-hours`,
  noOwner: (suite: string) => `no owner for suite ${show(suite)}: pass --owner or add an owners rule`,
  syncNoOwner: "no owner: add an owners rule or a default_owner",
  badOwner: (owner: string, source: string, problem: string) => `owner ${JSON.stringify(owner)} from ${source} ${problem}`,
  openDuplicateSuite: (suite: string, id: string) =>
    `suite ${show(suite)} already has an open quarantine entry: ${show(id)} (pass --allow-duplicate-suite to open another)`,
  noSuchEntry: (manifest: string, id: string) => `${manifest}: no quarantine entry with id ${show(id)}`,
  entryNotOpen: (id: string, status: unknown) => `cannot resolve ${show(id)}: its status is ${show(status)}, not open`,
  resolveBeforeOpened: (id: string, now: string, opened: string) =>
    `cannot resolve ${show(id)}: now (${now}) is before its opened_at_utc (${show(opened)})`,
  manifestMissing: (path: string) => `quarantine manifest missing: ${path}`,
  manifestInexactNumber: (path: string, at: string) => `${path}: number at ${at} cannot be preserved exactly; store it as a string`,
  manifestSchemaMismatch: (path: string, expected: string, got: string) =>
    `${path}: quarantine schema mismatch: expected ${expected}, got ${got}`,
  manifestEntriesNotList: (path: string) => `${path}: quarantine entries must be a list`,
  manifestEntryProblem: (path: string, at: string, message: string) => `${path}: ${at}: ${message}`,
  editLeavesInvalidEntry: (path: string) => `${path}: not written: the edit would leave an entry that fails validation`,
  cannotCreateDir: (dir: string, cause: string) => `cannot create directory ${dir}: ${cause}`,
  manifestLocked: (lock: string, pid: number, host: string, since: string) => `manifest is locked: ${lock} (pid ${pid} on ${host} since ${since})`,
  manifestLockedUnknown: (lock: string) => `manifest is locked: ${lock} (holder unknown)`,
  staleLockRemoved: (lock: string, pid: string) => `note: removed stale lock ${lock} (pid ${pid})`,
  lockCannotCreate: (lock: string, cause: string) => `cannot create lock ${lock}: ${cause}`,
  lockCannotRemove: (lock: string, cause: string) => `cannot remove stale lock ${lock}: ${cause}`,
  dashboardMissing: (path: string) => `dashboard file missing: ${path}`,
  dashboardSchemaMismatch: (path: string, expected: string, got: string) =>
    `${path}: dashboard schema mismatch: expected ${expected}, got ${got}`,
  dashboardSuitesNotList: (path: string) => `${path}: dashboard suites must be a list`,
  quarantineWarning: (text: string) => `warning: ${text}`,
  // drill (forensics.md §2.1)
  drillNoScenarios: "no drill scenarios configured (add drill.scenarios to flakewarden.yaml)",
  drillRuns: (got: string) => `--runs must be an integer of at least 2 (got '${show(got)}')`,
  drillUnknownScenario: (id: string, known: readonly string[]) => `unknown scenario ${show(id)} (configured: ${known.join(", ")})`,
  drillBadOutDir: (path: string) => `invalid config ${path}: drill.out_dir: must be a non-empty string`,
  drillStopped: (signal: string) => `stopped by ${signal} before the drill finished; its replays were killed and no summary or latest.json was written`,
  incidentBadTag: (tag: string) => `invalid --tag ${show(tag)} (expected vX.Y.Z or X.Y.Z, optionally with -prerelease)`,
  // rollback npm (forensics.md §2.4)
  rollbackRequest: (problem: RequestProblem): string => {
    switch (problem.kind) {
      case "missing":
        return `missing required option ${problem.flag}`;
      case "no_packages":
        return "no packages: pass --package NAME or set rollback.npm.packages in the config";
      case "bad_version":
        return `invalid ${problem.flag} '${show(problem.value)}': expected a SemVer 2.0.0 version such as 1.2.3 or 1.3.0-rc.1 (no leading v, no build metadata)`;
      case "deprecate_is_target":
        return `--deprecate '${show(problem.value)}' must differ from --to`;
      case "bad_package":
        return `invalid --package '${show(problem.value)}': not a valid npm package name`;
      case "bad_tag":
        return `invalid --tag '${show(problem.value)}': a dist-tag starts with a letter, holds only letters, digits, '.', '_' or '-', and must not look like a version or range`;
      case "bad_reason":
        return `invalid --reason: ${problem.problem}`;
      case "bad_registry":
        return `invalid --registry '${show(problem.value)}': expected an http: or https: URL`;
      case "bad_otp":
        return "invalid --otp: must be non-empty without control characters";
    }
  },
  rollbackCount: (flag: string, value: string, min: number) => `invalid ${flag} '${show(value)}': expected an integer of at least ${min}`,
  rollbackWhoamiFailed: (detail: string) => `npm whoami failed, nothing was moved: ${escapeControls(detail)}`,
  // init
  initTargetMissing: (dir: string) => `directory not found: ${dir} (init adds files to an existing repository)`,
  initTargetNotDirectory: (dir: string) => `not a directory: ${dir}`,
  initTargetIsDirectory: (file: string) => `cannot write ${file}: a directory is in the way`,
  initBlockedByFile: (file: string, blocker: string) => `cannot write ${file}: ${blocker} is not a directory`,
  initRefusesOverwrite: (files: readonly string[]) =>
    `refusing to overwrite existing files (pass --force to replace them; nothing was written): ${files.join(", ")}`,
  // pilot (pilot.md §2.3): `<flag or file>: <problem>`, printed after `flakewarden pilot <sub>: `.
  pilotUnknownOption: (flag: string) => `${show(flag)}: unknown option`,
  pilotMissingValue: (flag: string) => `${flag}: needs a value`,
  pilotNoValue: (flag: string) => `${flag}: takes no value`,
  pilotRequired: (flag: string) => `${flag}: required option missing`,
  pilotWrongSubcommand: (flag: string, sub: string) => `${flag}: is an option of flakewarden ${sub}, not this subcommand (run flakewarden ${sub} ${flag} …)`,
  pilotSameOutputs: (a: string, b: string) => `${b}: resolves to the same file as ${a}`,
  pilotBadClock: (source: string, value: string) =>
    `${source}: invalid timestamp '${show(value)}' (expected ISO-8601 with an offset, e.g. 2026-03-03T00:00:00Z)`,
  pilotFileNotFound: (file: string) => `${show(file)}: file not found`,
  pilotCannotRead: (file: string, cause: string) => `${show(file)}: cannot read: ${cause}`,
  pilotMalformedJson: (file: string, line: number, column: number) => `${show(file)}: malformed JSON at line ${line} column ${column}`,
  pilotMalformedYaml: (file: string, problem: string) => `${show(file)}: malformed YAML: ${show(problem)}`,
  pilotInvalid: (file: string, what: string) => `${show(file)}: invalid ${what}`,
  pilotCannotWrite: (file: string, cause: string) => `${show(file)}: cannot write: ${cause}`,
  // report (reports.md §2): every line names the flag or file first.
  reportRequired: (flag: string) => `${flag}: required option missing`,
  reportBadFormat: (item: string) =>
    item === "" ? "--format: empty format name (expected a comma-separated list of html, md)" : `--format: unknown format ${JSON.stringify(item)} (expected html, md)`,
  reportBadClock: (source: string, value: string) =>
    `${source}: invalid timestamp ${JSON.stringify(value)} (expected ISO-8601 with an offset, e.g. 2026-03-10T12:00:00Z)`,
  reportOutNotOurs: (out: string) => `--out: refusing to replace ${out}: not a flakewarden report directory`,
  reportOutContainsIn: (out: string, input: string) => `--out: ${out} must not equal or contain --in ${input}`,
  reportInMissing: (input: string) => `--in: ${input}: directory not found`,
  reportInNotDir: (input: string) => `--in: ${input}: not a directory`,
  reportInUnreadable: (input: string, code: string) => `--in: ${input}: unreadable (${code})`,
  reportNoArtifacts: (input: string) => `--in: no flakewarden artifacts found under ${input}`,
  reportCannotWrite: (out: string, code: string) => `--out: cannot write ${out}: ${code}`,
  reportInternalStub: "internal error: this is a bug",
  internal: "flakewarden hit an internal error: this is a bug. Please report it with the command you ran.",
} as const;
