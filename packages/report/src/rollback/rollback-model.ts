// The model of the rollback guidance (reports.md §4.8), shared by rollback_instructions.md (the text `flakewarden
// incident` writes and the site repeats byte for byte) and rollback_instructions.html. All decisions live here:
// which source wins for each value, validation with `rollback npm`'s own rules, display quoting, and the guarded
// variables that make a pasted command fail on its own when a value is unknown or invalid.
import { isHttpUrl, isValidPackageName, isValidTag, parseSemver, quoteToken, reasonProblem } from "@flakewarden/core";
import { severityLabel } from "../incident/severity-label.ts";
import { displayTime } from "../text/display-time.ts";
import { arr, field, num, obj, str, strings } from "./read-json.ts";

/** The artifacts the guidance is built from; every one is optional. */
export interface RollbackInstructionsInput {
  /** `incident_response_packet.json` (original constant packet or flakewarden's). */
  readonly incident?: unknown;
  /** `rollback_safety_report.json`. */
  readonly rollbackSafety?: unknown;
  /** `release_traceability.json`. */
  readonly traceability?: unknown;
  /** `rollback_outcome.json` of `rollback npm` (or the same facts of a dry run). */
  readonly npmRollback?: unknown;
  /** `artifact_index.json`. */
  readonly artifactIndex?: unknown;
}

/** A value to show, or the TODO that replaces it; exactly one is non-null. */
export interface Shown {
  readonly text: string | null;
  readonly todo: string | null;
}

export interface FactRow {
  readonly fact: string;
  readonly value: Shown;
  readonly source: string | null;
}

export interface RollbackModel {
  readonly tag: Shown;
  readonly incidentId: Shown;
  readonly severity: Shown;
  readonly rollbackDefault: Shown;
  readonly gateStatus: Shown;
  readonly why: { readonly allPassed: boolean; readonly note: string | null; readonly items: readonly { readonly path: string; readonly text: string }[] };
  readonly facts: readonly FactRow[];
  readonly outcomeRows: readonly { readonly package: string; readonly move: string; readonly deprecation: string; readonly verification: string }[];
  readonly lane: Shown;
  readonly demote: string;
  readonly stableChannelAction: string | null;
  readonly evidence: readonly { readonly path: string; readonly sha256: string }[];
  readonly evidenceTodo: string | null;
  /** `TODO(<name>): invalid value …` lines for values kept out of the commands. */
  readonly invalid: readonly string[];
  readonly rollbackBlock: readonly string[];
  readonly alreadySucceeded: boolean;
  readonly deprecate: { readonly bad: string; readonly block: readonly string[] } | null;
  readonly verifyBlock: readonly string[];
  readonly reproduce: readonly string[];
  readonly reproduceTodo: string | null;
  readonly ackDue: Shown;
  readonly cadence: Shown;
  readonly roles: Shown;
  readonly postmortemDue: Shown;
  readonly manualBlock: readonly string[];
  readonly principles: readonly string[];
  readonly requiredArtifacts: readonly string[];
  readonly commandTemplate: string | null;
}

const shown = (text: string | null, todo: string): Shown => (text === null ? { text: null, todo } : { text, todo: null });

const DEFAULT_PRINCIPLES = [
  "Keep the bad build immutable: it is evidence.",
  "Move dist-tags; never republish a version with different bytes.",
  "Mark the release revoked in the incident record and the postmortem.",
  "Lift the rollback only after every gate passes again.",
];

const ROLLBACK_DEFAULT_TEXT: Record<string, string> = { mandatory: "mandatory", unless_waiver_signed: "unless waiver signed", none: "none" };
// The original packet carries no rollback default: it follows from the severity.
const ROLLBACK_DEFAULT_BY_LEVEL: Record<string, string> = { sev_1: "mandatory", sev_2: "unless_waiver_signed", sev_3: "none" };

/** A value bound for a command: valid (display-quoted), unknown (guarded variable) or invalid (never used). */
type Slot = { readonly state: "valid"; readonly raw: string; readonly arg: string } | { readonly state: "unknown" } | { readonly state: "invalid"; readonly raw: string };

interface Variable {
  readonly name: string; // the TODO key
  readonly variable: string; // the shell variable
  readonly hint: string;
  readonly rule: string; // shown with an invalid value
}

const KNOWN_GOOD: Variable = { name: "known_good_version", variable: "KNOWN_GOOD_VERSION", hint: "the last good version", rule: "strict SemVer 2.0.0: no v, no +build" };
const NPM_TAG: Variable = { name: "npm_tag", variable: "NPM_TAG", hint: "the dist-tag to move back", rule: "a dist-tag name: a letter, then letters, digits, . _ -; not x or a version" };
const REASON: Variable = { name: "rollback_reason", variable: "ROLLBACK_REASON", hint: "the incident id or a one-line reason", rule: "non-empty, at most 1000 characters, no control characters" };
const PACKAGE: Variable = { name: "packages", variable: "PACKAGE", hint: "one package name; repeat --package per package", rule: "an npm package name, at most 214 characters" };
const REGISTRY: Variable = { name: "registry", variable: "NPM_REGISTRY", hint: "the registry URL", rule: "an http: or https: URL" };
const BAD: Variable = { name: "bad_version", variable: "", hint: "", rule: KNOWN_GOOD.rule };

const guard = (v: Variable): string => `"\${${v.variable}:?set ${v.variable} first}"`;
const assignment = (v: Variable): string => `${v.variable}=''  # TODO(${v.name}): ${v.hint}`;
const invalidLine = (v: Variable, raw: string): string => `TODO(${v.name}): invalid value ${raw} (${v.rule})`;

function slot(value: string | null, valid: (v: string) => boolean): Slot {
  if (value === null) return { state: "unknown" };
  return valid(value) ? { state: "valid", raw: value, arg: quoteToken(value) } : { state: "invalid", raw: value };
}
const argOf = (s: Slot, v: Variable): string => (s.state === "valid" ? s.arg : guard(v));
const validVersion = (v: string): boolean => parseSemver(v) !== null;
const validReason = (r: string): boolean => reasonProblem(r) === null;
// Whitespace or quotes in a URL would be a second argument once pasted; core's rule only checks the scheme.
const validRegistry = (u: string): boolean => isHttpUrl(u) && !/[\s"'`\\<>]/.test(u);

/** Package names in order: the outcome's list, else parsed from its `npm dist-tag add` action lines. */
function packagesOf(npm: unknown): { names: string[]; source: string | null } {
  const listed = strings(npm, "packages");
  if (listed.length > 0) return { names: [...new Set(listed)], source: "npm outcome packages" };
  const names: string[] = [];
  for (const line of strings(npm, "actions_executed")) {
    const m = /^npm dist-tag add (\S+) \S+/.exec(line.trim());
    const spec = m?.[1];
    if (spec === undefined) continue;
    const at = spec.lastIndexOf("@");
    const name = at > 0 ? spec.slice(0, at) : spec;
    if (!names.includes(name)) names.push(name);
  }
  return { names, source: names.length > 0 ? "npm outcome actions_executed" : null };
}

function first<T>(...candidates: [T | null, string][]): { value: T | null; source: string | null } {
  for (const [value, source] of candidates) if (value !== null) return { value, source };
  return { value: null, source: null };
}

/** Packet `artifact_index` is `{entries, missing}` in flakewarden's packet; accept a bare array too. */
function indexEntries(index: unknown): unknown[] {
  return Array.isArray(index) ? index : arr(index, "entries");
}

export function toRollbackModel(input: RollbackInstructionsInput): RollbackModel {
  const packet = obj(input.incident);
  const incident = obj(field(packet, "incident"));
  const safety = obj(input.rollbackSafety);
  const trace = obj(input.traceability);
  const npm = obj(input.npmRollback);

  const tag = first([str(incident, "tag"), "incident packet"], [str(trace, "tag"), "release traceability"], [str(safety, "tag"), "rollback safety report"]);
  const bad = first([str(trace, "version"), "release traceability version"], [str(safety, "version"), "rollback safety report version"]);
  const reasonValue = first([str(incident, "incident_id"), "incident id"], [str(npm, "rollback_reason"), "npm outcome rollback_reason"]);
  const goodValue = str(npm, "rollback_version");
  const tagValue = str(npm, "npm_tag");
  const registryValue = str(npm, "registry");
  const pkgs = packagesOf(npm);

  const good = slot(goodValue, validVersion);
  const distTag = slot(tagValue, isValidTag);
  const reason = slot(reasonValue.value, validReason);
  const registry = slot(registryValue, validRegistry);
  const badSlot = slot(bad.value, validVersion);
  const pkgSlots = pkgs.names.map((n) => slot(n, isValidPackageName));
  const validPkgs = pkgSlots.filter((s): s is Extract<Slot, { state: "valid" }> => s.state === "valid");

  const invalid: string[] = [];
  for (const [s, v] of [[good, KNOWN_GOOD], [distTag, NPM_TAG], [reason, REASON], [registry, REGISTRY], [badSlot, BAD], ...pkgSlots.map((p) => [p, PACKAGE] as const)] as const) {
    if (s.state === "invalid") invalid.push(invalidLine(v, s.raw));
  }

  // Which variables a block needs, as assignment lines in a fixed order.
  const needs = (vars: { slot: Slot; v: Variable }[]): string[] => vars.filter((x) => x.slot.state !== "valid").map((x) => assignment(x.v));
  const pkgUnknown: Slot = validPkgs.length === 0 ? { state: "unknown" } : validPkgs[0]!;
  const pkgArgs = validPkgs.length > 0 ? validPkgs.map((p) => p.arg) : [guard(PACKAGE)];
  const registryUsed = registryValue !== null;
  const regArg = registryUsed ? ` --registry ${argOf(registry, REGISTRY)}` : "";
  const common = [
    { slot: good, v: KNOWN_GOOD },
    { slot: distTag, v: NPM_TAG },
    { slot: reason, v: REASON },
    { slot: pkgUnknown, v: PACKAGE },
    ...(registryUsed ? [{ slot: registry, v: REGISTRY }] : []),
  ];

  // A reason starting with `-` would read as a flag of its own after `--reason `: it is joined with `=`.
  const reasonArg = reason.state === "valid" && reason.raw.startsWith("-") ? `--reason=${reason.arg}` : `--reason ${argOf(reason, REASON)}`;
  const base = `flakewarden rollback npm ${pkgArgs.map((p) => `--package ${p}`).join(" ")} --to ${argOf(good, KNOWN_GOOD)} --tag ${argOf(distTag, NPM_TAG)} ${reasonArg}${regArg}`;
  const rollbackBlock = [...needs(common), base, `${base} --execute`];
  const deprecateUsable = badSlot.state === "valid" && !(good.state === "valid" && good.raw === badSlot.raw);
  const deprecate = deprecateUsable
    ? { bad: badSlot.raw, block: [...needs(common), `${base} --deprecate ${badSlot.arg}`, `${base} --deprecate ${badSlot.arg} --execute`] }
    : null;

  // npm client commands: `<pkg>@<version>` is one word; quoted or guarded parts simply concatenate in sh.
  const spec = (pkg: string, version: Slot, v: Variable): string => `${pkg}@${argOf(version, v)}`;
  const tagPath = `dist-tags.${argOf(distTag, NPM_TAG)}`;
  const verifyLines = pkgArgs.flatMap((p) => [
    `for i in 1 2 3 4 5 6 7 8 9 10; do [ "$(npm view ${p} ${tagPath}${regArg})" = ${argOf(good, KNOWN_GOOD)} ] && break; sleep 15; done`,
    `npm view ${p} ${tagPath}${regArg}`,
  ]);
  const verifyBlock = [...needs(common.filter((c) => c.v !== REASON)), ...verifyLines];

  const message =
    good.state === "valid" && reason.state === "valid"
      ? quoteToken(`Rolled back to ${good.raw}: ${reason.raw}`)
      : `${quoteToken("Rolled back to ")}${argOf(good, KNOWN_GOOD)}${quoteToken(": ")}${argOf(reason, REASON)}`;
  const manualBlock = [
    ...needs(common.filter((c) => deprecateUsable || c.v !== REASON)),
    ...pkgArgs.flatMap((p) => [`npm view ${p} dist-tags --json${regArg}`, `npm view ${spec(p, good, KNOWN_GOOD)} version${regArg}`]),
    ...pkgArgs.map((p) => `npm dist-tag add ${spec(p, good, KNOWN_GOOD)} ${argOf(distTag, NPM_TAG)}${regArg}`),
    ...(deprecateUsable ? [`# Only if ${badSlot.raw} was published:`, ...pkgArgs.map((p) => `npm deprecate ${spec(p, badSlot, BAD)} ${message}${regArg}`)] : []),
    ...verifyLines,
  ];

  // Why: each required report that did not pass, with its failing check ids.
  const why = whyOf(safety, incident, packet);

  // Severity and the protocol level it selects.
  const severityRaw = first([str(incident, "severity"), "incident"], [str(safety, "severity"), "rollback safety"]).value;
  const sev = severityRaw === null ? null : severityLabel(severityRaw);
  const protocol = sev?.level == null ? null : obj(field(packet, "communication_protocol", sev.level));
  const defaultKey = str(protocol, "rollback_default") ?? (sev?.level == null ? null : (ROLLBACK_DEFAULT_BY_LEVEL[sev.level] ?? null));
  const rollbackDefault = defaultKey === null ? null : (ROLLBACK_DEFAULT_TEXT[defaultKey] ?? defaultKey);

  const actions = field(npm, "actions_executed");
  const npmStatus = str(npm, "status");
  const facts: FactRow[] = [
    factRow("known-good version", good, KNOWN_GOOD, goodValue === null ? null : "npm outcome rollback_version"),
    factRow("dist-tag", distTag, NPM_TAG, tagValue === null ? null : "npm outcome npm_tag"),
    {
      fact: "packages",
      value: pkgs.names.length > 0 ? { text: pkgs.names.join(", "), todo: null } : { text: null, todo: `TODO(${PACKAGE.name}): the packages of the release` },
      source: pkgs.source,
    },
    {
      fact: "bad version",
      value: bad.value === null ? { text: null, todo: "TODO(bad_version): the version being rolled back" } : badSlot.state === "valid" ? { text: bad.value, todo: null } : { text: null, todo: invalidLine(BAD, bad.value) },
      source: bad.source,
    },
    { fact: "release tag", value: shown(tag.value, "TODO(tag): the release tag"), source: tag.source },
    factRow("reason", reason, REASON, reasonValue.source),
    ...(registryUsed ? [factRow("registry", registry, REGISTRY, "npm outcome registry")] : []),
    ...(Array.isArray(actions)
      ? [{ fact: "npm actions", value: { text: `already executed: ${actions.filter((a) => typeof a === "string").length} actions${npmStatus === null ? "" : `, status ${npmStatus}`}`, todo: null }, source: "npm outcome actions_executed" }]
      : []),
  ];

  const channel = str(incident, "channel");
  const clocks = obj(field(packet, "sla_clocks"));
  const minutes = num(protocol, "update_interval_minutes");
  const firstUpdate = displayTime(field(clocks, "first_update_due_utc"));
  const roles = strings(protocol, "required_roles");
  const postmortemDue = displayTime(field(clocks, "postmortem_due_utc"));
  const postmortemRequired = field(protocol, "postmortem_required");
  const repro = strings(safety, "deterministic_repro_commands");
  const evidence = evidenceOf(input.artifactIndex, packet);

  return {
    tag: shown(tag.value, "TODO(tag): the release tag"),
    incidentId: shown(str(incident, "incident_id"), "TODO(incident_id): the incident id"),
    severity: shown(sev?.label ?? null, "TODO(severity): the incident severity"),
    rollbackDefault: shown(rollbackDefault, "TODO(rollback_default): mandatory, unless waiver signed, or none"),
    gateStatus: shown(str(incident, "gate_status") ?? str(safety, "gate_status"), "TODO(gate_status): the release gate status"),
    why,
    facts,
    outcomeRows: outcomeRowsOf(npm),
    lane: shown(channel, "TODO(channel): the release lane (stable or prerelease)"),
    demote: channel === "stable" ? "stable -> canary" : channel === "prerelease" ? "canary -> nightly" : "stable -> canary (stable release) or canary -> nightly (prerelease)",
    stableChannelAction: str(packet, "artifact_revocation_strategy", "stable_channel_action"),
    evidence,
    evidenceTodo: evidence.length === 0 ? "TODO(artifact_index): list the evidence files and their sha256" : null,
    invalid,
    rollbackBlock,
    alreadySucceeded: npmStatus === "succeeded",
    deprecate,
    verifyBlock,
    reproduce: repro,
    reproduceTodo: repro.length === 0 ? "TODO(deterministic_repro_commands): the commands that reproduce the failure" : null,
    ackDue: shown(displayTime(field(clocks, "ack_due_utc")), "TODO(ack_due_utc): when the incident must be acknowledged"),
    cadence: shown(minutes === null ? null : `every ${minutes} minutes${firstUpdate === null ? "" : `, first by ${firstUpdate}`}`, "TODO(update_interval_minutes): the update cadence"),
    roles: shown(roles.length > 0 ? roles.join(", ") : null, "TODO(required_roles): who must be involved"),
    postmortemDue: shown(postmortemDue ?? (postmortemRequired === false ? "not required at this severity" : null), "TODO(postmortem_due_utc): when the postmortem is due"),
    manualBlock,
    principles: strings(packet, "artifact_revocation_strategy", "principles").length > 0 ? strings(packet, "artifact_revocation_strategy", "principles") : DEFAULT_PRINCIPLES,
    requiredArtifacts: strings(packet, "artifact_revocation_strategy", "required_artifacts"),
    commandTemplate: str(packet, "artifact_revocation_strategy", "npm_dist_tag_rollback_command_template"),
  };
}

function factRow(fact: string, s: Slot, v: Variable, source: string | null): FactRow {
  if (s.state === "valid") return { fact, value: { text: s.raw, todo: null }, source };
  if (s.state === "invalid") return { fact, value: { text: null, todo: invalidLine(v, s.raw) }, source };
  return { fact, value: { text: null, todo: `TODO(${v.name}): ${v.hint}` }, source: null };
}

function whyOf(safety: Record<string, unknown> | null, incident: Record<string, unknown> | null, packet: Record<string, unknown> | null): RollbackModel["why"] {
  const reports = arr(safety, "gate_reports").map(obj).filter((r) => r !== null);
  if (reports.length > 0) {
    const items = reports
      .filter((r) => str(r, "verdict") !== "pass")
      .map((r) => {
        const checks = arr(r, "failing_checks").map((c) => str(c, "check_id")).filter((c) => c !== null);
        const verdict = str(r, "verdict") ?? "no verdict";
        return { path: str(r, "path") ?? "(unnamed report)", text: `${verdict}${checks.length > 0 ? `: ${checks.join(", ")}` : ""}` };
      });
    return { allPassed: items.length === 0, note: null, items };
  }
  if (safety !== null) {
    // The original static report records which reports are missing, not their verdicts.
    const items = strings(safety, "missing_gate_reports").map((path) => ({ path, text: "missing" }));
    return { allPassed: false, note: `The rollback safety report records no verdicts per gate report; gate status: ${str(safety, "gate_status") ?? "not recorded"}.`, items };
  }
  const failing = strings(incident, "trigger", "failing_gate_reports");
  if (incident !== null) {
    const checks = arr(packet, "evidence", "failing_checks").map(obj);
    const items = failing.map((path) => {
      const ids = checks.filter((c) => str(c, "report") === path).map((c) => str(c, "check_id")).filter((c) => c !== null);
      return { path, text: `did not pass${ids.length > 0 ? `: ${ids.join(", ")}` : ""}` };
    });
    return { allPassed: items.length === 0, note: null, items };
  }
  return { allPassed: false, note: "TODO(gate_reports): no rollback safety report or incident record names the failing gate reports.", items: [] };
}

/** Evidence to preserve: the index's inputs (its incident_output entries include this very document, whose hash
 * cannot appear inside it, so those are left out), else the packet's embedded input index. */
function evidenceOf(artifactIndex: unknown, packet: Record<string, unknown> | null): { path: string; sha256: string }[] {
  const source = obj(artifactIndex) !== null ? arr(artifactIndex, "entries") : indexEntries(field(packet, "artifact_index"));
  return source
    .map(obj)
    .filter((e) => e !== null && str(e, "role") !== "incident_output" && str(e, "path") !== null)
    .map((e) => ({ path: str(e, "path") as string, sha256: str(e, "sha256") ?? "not recorded" }));
}

function outcomeRowsOf(npm: Record<string, unknown> | null): RollbackModel["outcomeRows"] {
  const results = arr(npm, "results").map(obj).filter((r) => r !== null && str(r, "package") !== null);
  const deprecations = arr(npm, "deprecations").map(obj);
  const verified = arr(npm, "verification", "packages").map(obj);
  return results.map((r) => {
    const pkg = str(r, "package") as string;
    const exit = field(r, "exit_code");
    const d = deprecations.find((x) => str(x, "package") === pkg);
    const v = verified.find((x) => str(x, "package") === pkg);
    const observed = str(v, "observed");
    return {
      package: pkg,
      move: `${str(r, "status") ?? "not recorded"}${typeof exit === "number" ? ` (exit ${exit})` : ""}`,
      deprecation: d === undefined || d === null ? "none" : `${str(d, "status") ?? "not recorded"} ${str(d, "version") ?? ""}`.trim(),
      verification: v === undefined || v === null ? "not verified" : `${str(v, "status") ?? "not recorded"}${observed === null ? "" : ` (observed ${observed})`}`,
    };
  });
}
