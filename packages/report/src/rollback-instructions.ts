// rollback_instructions.md: rendered from the incident JSON through a private Markdown environment.
import Handlebars from "handlebars";
import { quoteToken, type ArtifactEntry, type IncidentAssembly } from "@flakewarden/core";
import { ROLLBACK_INSTRUCTIONS_TEMPLATE } from "./templates/rollback-instructions.ts";

// Control characters other than TAB and LF would corrupt the document; they become U+FFFD.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const clean = (s: string): string => s.replace(CONTROLS, "\uFFFD");

function mdText(value: unknown): string {
  const text = clean(String(value ?? "")).replace(/\r?\n/g, " ");
  // A leading list or heading marker would change the line's meaning: escape the marker itself.
  return text.replace(/[\\`*_[\]<>|~&#]/g, "\\$&").replace(/^[-+=]/, "\\$&").replace(/^(\d+)([.)])/, "$1\\$2");
}

function longestRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
}

function mdCode(value: unknown): string {
  const text = clean(String(value ?? "")).replace(/\r?\n/g, " ");
  const fence = "`".repeat(longestRun(text) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function mdFence(lines: unknown): string {
  const text = clean((Array.isArray(lines) ? lines : [lines]).map(String).join("\n"));
  const fence = "`".repeat(Math.max(3, longestRun(text) + 1));
  return `${fence}sh\n${text}\n${fence}`;
}

const HELPERS = { mdText, mdCode, mdFence } as const;
const env = Handlebars.create();
for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn);
const knownHelpers = Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));
const template = env.compile(ROLLBACK_INSTRUCTIONS_TEMPLATE, { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers });

// The validation rules `rollback npm` applies: an invalid value never enters a command.
const PACKAGE_RE = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const VERSION_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;
const TAG_RE = /^[A-Za-z][A-Za-z0-9._-]*$/;
const validPackage = (p: string): boolean => p.length <= 214 && PACKAGE_RE.test(p);
const validTag = (t: string): boolean => TAG_RE.test(t) && t !== "x" && t !== "X" && !/^[vV][0-9]/.test(t) && !/^[xX]\./.test(t);
// eslint-disable-next-line no-control-regex
const validReason = (r: string): boolean => r.length > 0 && r.length <= 1000 && !/[\u0000-\u001f\u007f]/.test(r);

interface Slot {
  /** The command-line form: quoted value, or a guarded variable expansion. */
  arg: string;
  /** Lines to place before the commands (variable assignment or TODO). */
  preamble: string[];
}

function slot(name: string, variable: string, hint: string, value: string | null, valid: (v: string) => boolean, rule: string): Slot {
  if (value === null) {
    return { arg: `"\${${variable}:?set ${variable} first}"`, preamble: [`${variable}=''  # TODO(${name}): ${hint}`] };
  }
  if (!valid(value)) return { arg: `"\${${variable}:?set ${variable} first}"`, preamble: [`# TODO(${name}): invalid value ${JSON.stringify(value)} (${rule})`, `${variable}=''`] };
  return { arg: quoteToken(value), preamble: [] };
}

function packagesFrom(assembly: IncidentAssembly): string[] {
  const fact = assembly.npmFact;
  if (fact === null) return [];
  if (fact.packages.length > 0) return fact.packages;
  const lines = Array.isArray(fact.actions_executed) ? fact.actions_executed.filter((l): l is string => typeof l === "string") : [];
  const out: string[] = [];
  for (const line of lines) {
    const m = /^npm dist-tag add (\S+) \S+/.exec(line.trim());
    const spec = m?.[1];
    if (spec === undefined) continue;
    const at = spec.lastIndexOf("@");
    const name = at > 0 ? spec.slice(0, at) : spec;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

export function renderRollbackInstructions(assembly: IncidentAssembly, inputs: ArtifactEntry[]): string {
  const { packet, safety, traceability } = assembly;
  const incident = packet.incident;
  const fact = assembly.npmFact;
  const protocol = packet.communication_protocol[incident.severity] as { rollback_default: string; update_interval_minutes: number; required_roles: string[] };
  const packages = packagesFrom(assembly);

  const version = slot("known_good_version", "KNOWN_GOOD_VERSION", "the last good version", fact?.rollback_version || null, (v) => VERSION_RE.test(v), "strict SemVer");
  const tag = slot("npm_tag", "NPM_TAG", "the dist-tag to move", fact?.npm_tag ?? null, validTag, "dist-tag name");
  const reason = slot("rollback_reason", "ROLLBACK_REASON", "why the rollback happens", incident.incident_id, validReason, "non-empty, no control characters");
  const pkgSlots = packages.length > 0
    ? packages.map((p) => slot("package", "PACKAGE", "one package; repeat --package per package", p, validPackage, "npm package name"))
    : [slot("package", "PACKAGE", "one package; repeat --package per package", null, validPackage, "npm package name")];
  const preamble = [...version.preamble, ...tag.preamble, ...reason.preamble, ...pkgSlots.flatMap((s) => s.preamble)];
  const pkgArgs = pkgSlots.map((s) => `--package ${s.arg}`).join(" ");
  const base = `flakewarden rollback npm ${pkgArgs} --to ${version.arg} --tag ${tag.arg} --reason ${reason.arg}`;

  const view = {
    tag: incident.tag,
    incidentId: incident.incident_id,
    severity: incident.severity,
    rollbackDefault: protocol.rollback_default,
    gateStatus: incident.gate_status,
    allPassed: safety.gate_reports.every((r) => r.verdict === "pass"),
    why: safety.gate_reports
      .filter((r) => r.verdict !== "pass")
      .map((r) => ({ path: r.path, verdict: r.verdict, checks: r.failing_checks.map((c) => c.check_id).join(", ") })),
    knownGood: fact?.rollback_version || "unknown",
    npmTag: fact?.npm_tag ?? "unknown",
    packages: packages.length > 0 ? packages.join(", ") : "unknown",
    badVersion: traceability.version,
    actionsSummary: Array.isArray(fact?.actions_executed) && fact.actions_executed.length > 0 ? `${fact.actions_executed.length}` : "none",
    actions: Array.isArray(fact?.actions_executed) ? fact.actions_executed.map(String) : [],
    lane: incident.channel,
    demote: incident.channel === "stable" ? "stable -> canary" : "canary -> nightly",
    evidence: inputs.map((e) => ({ path: e.path, sha256: e.sha256 })),
    rollbackCommands: [...preamble, base, `${base} --execute`],
    verifyCommands: pkgSlots.map((s) => `npm view ${s.arg} dist-tags --json`),
    reproCommands: safety.deterministic_repro_commands,
    ackDue: packet.sla_clocks.ack_due_utc,
    updateMinutes: protocol.update_interval_minutes,
    firstUpdateDue: packet.sla_clocks.first_update_due_utc,
    roles: protocol.required_roles.join(", "),
    postmortemDue: packet.sla_clocks.postmortem_due_utc ?? "not required",
    manualCommands: [...preamble.filter((l) => !l.startsWith("ROLLBACK_REASON")), ...pkgSlots.map((s) => `npm dist-tag add ${s.arg}@${version.arg} ${tag.arg}`)],
    revocationTemplate: packet.artifact_revocation_strategy.npm_dist_tag_rollback_command_template,
    stableChannelAction: packet.artifact_revocation_strategy.stable_channel_action,
    principles: packet.artifact_revocation_strategy.principles,
  };
  return template(view);
}
