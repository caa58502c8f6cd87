// `flakewarden incident --tag vX.Y.Z` (forensics §2.3): read every piece of evidence, let core decide,
// write the six outputs. Bad evidence never stops the run; only bad flags or config do (and then no output survives).
import fs from "node:fs";
import path from "node:path";
import {
  assembleIncident,
  DEFAULT_GATE_REPORTS,
  IncidentConfig,
  isPlainObject,
  ReactivateGateConfig,
  QuarantineConfig,
  SEVERITY_LEVELS,
  TAG_PATTERN,
  toPrettyJson,
  type ArtifactEntry,
  type EvidenceError,
  type IncidentFile,
  type IncidentInputs,
  type MissingArtifact,
  type SeverityLevel,
} from "@flakewarden/core";
import { filesUnder, hashArtifactFile } from "@flakewarden/forensics";
import { renderRollbackInstructions } from "@flakewarden/report/rollback-instructions";
import { parseFlags, stringFlag, stringsFlag } from "../args.ts";
import { resolveNow } from "../clock.ts";
import type { Command, CommandContext } from "../command.ts";
import { configSection, loadConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import { readJson, readText } from "../files.ts";
import { MSG } from "../messages.ts";
import { writeOutput } from "../output.ts";
import { displayOf, toPosix, type ResolvedPath } from "../paths.ts";

const OPTIONS = {
  tag: { type: "string" },
  "gate-report": { type: "string", nonEmpty: true, multiple: true },
  // Checked after the outputs are known, so a bad value still removes older outputs.
  severity: { type: "string" },
  out: { type: "string", nonEmpty: true },
  "security-policy": { type: "string", nonEmpty: true },
  dashboard: { type: "string", nonEmpty: true },
  manifest: { type: "string", nonEmpty: true },
  "drill-dir": { type: "string", nonEmpty: true },
  "npm-dir": { type: "string", nonEmpty: true },
  strict: { type: "boolean" },
  config: { type: "string", nonEmpty: true },
  now: { type: "string" },
} as const;

const OUTPUT_NAMES = {
  traceability: "release_traceability.json",
  rollback_safety: "rollback_safety_report.json",
  incident_packet: "incident_response_packet.json",
  postmortem: "postmortem.json",
  artifact_index: "artifact_index.json",
  rollback_guidance: "rollback_instructions.md",
} as const;

const DEFAULT_OUT = "artifacts/wasm/release";
const DEFAULT_SECURITY_POLICY = ".github/security_release_policy.json";
const DEFAULT_NPM_DIR = "artifacts/npm";
const DEFAULT_MANIFEST = "artifacts/wasm_flake_quarantine_manifest.json";
const DEFAULT_DETECT_OUT = "target/semantic-verification/flake";
const DEFAULT_DRILL_OUT = "target/e2e-results/wasm_incident_forensics";
const DEFAULT_MIN_RUNS = 3;

/** Key order is part of a deterministic file, and the postmortem's order is specified: keep insertion order. */
const jsonText = (value: unknown): string => toPrettyJson(value);

function nonEmpty(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

export const command: Command = {
  name: "incident",
  summary: "Write the release incident packet: traceability, rollback safety, instructions, postmortem, artifact index",
  usage: `flakewarden incident --tag <vX.Y.Z> [--gate-report <path>]... [--severity sev_1|sev_2|sev_3]
                 [--out <dir>] [--security-policy <path>] [--dashboard <path>] [--manifest <path>]
                 [--drill-dir <path>|latest] [--npm-dir <dir>] [--strict] [--config <path>] [--now <ISO-8601>]`,
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);

    const outputsIn = (dir: string): Record<keyof typeof OUTPUT_NAMES, ResolvedPath> => {
      const out = {} as Record<keyof typeof OUTPUT_NAMES, ResolvedPath>;
      for (const [key, name] of Object.entries(OUTPUT_NAMES)) {
        const abs = path.join(dir, name);
        out[key as keyof typeof OUTPUT_NAMES] = { abs, display: displayOf(abs, io.cwd) };
      }
      return out;
    };
    const register = (outs: Record<string, ResolvedPath>): void => {
      for (const p of Object.values(outs)) ctx.outputs.add(p.abs);
    };
    // Before anything can fail: the outputs where they would be without a config.
    const outFlag = flag("out");
    register(outputsIn(path.resolve(io.cwd, outFlag ?? DEFAULT_OUT)));

    const tag = flag("tag");
    if (tag === undefined) throw new UserError(MSG.requiredOption("--tag"));
    if (!TAG_PATTERN.test(tag)) throw new UserError(MSG.incidentBadTag(tag));
    const severityText = flag("severity");
    if (severityText !== undefined && !(SEVERITY_LEVELS as readonly string[]).includes(severityText)) {
      throw new UserError(MSG.badEnum("--severity", severityText, SEVERITY_LEVELS));
    }
    const severityFlag = (severityText ?? null) as SeverityLevel | null;
    const now = resolveNow(io, flag("now"));

    const config = await loadConfig(io, flag("config"));
    const root = config?.dir ?? io.cwd;
    const outDir = outFlag !== undefined ? path.resolve(io.cwd, outFlag) : path.resolve(root, DEFAULT_OUT);
    const outputs = outputsIn(outDir);
    register(outputs);
    const incidentConfig = configSection(config, "incident", IncidentConfig) ?? {};
    const quarantineConfig = configSection(config, "quarantine", QuarantineConfig);
    const reactivateConfig = configSection(config, "reactivate", ReactivateGateConfig);
    const drillSection = config !== null && isPlainObject(config.data.drill) ? config.data.drill : {};

    // Paths in outputs are root-relative; outside the root they are written as the user gave them.
    const located = (fromFlag: string | undefined, fallback: string): { abs: string; shown: string } => {
      const abs = fromFlag !== undefined ? path.resolve(io.cwd, fromFlag) : path.resolve(root, fallback);
      const rel = path.relative(root, abs);
      const inside = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
      return { abs, shown: inside ? toPosix(rel) : (fromFlag ?? fallback) };
    };
    const errors: EvidenceError[] = [];
    const entries: ArtifactEntry[] = [];
    const missing: MissingArtifact[] = [];
    const load = (where: { abs: string; shown: string }): IncidentFile => ({ path: where.shown, load: readJson({ abs: where.abs, display: where.shown }) });
    const index = async (where: { abs: string; shown: string }, role: string, given: boolean): Promise<{ sha256: string | null; size_bytes: number | null }> => {
      const digest = await hashArtifactFile(where.abs);
      if (digest === null) {
        missing.push({ path: where.shown, role });
        if (given && !fs.existsSync(where.abs)) errors.push({ path: where.shown, error: "file not found" });
        return { sha256: null, size_bytes: null };
      }
      entries.push({ path: where.shown, ...digest, role });
      return digest;
    };

    // Gate reports: the flag list replaces the config list; order kept, duplicates dropped.
    const reportFlags = stringsFlag(flags, "gate-report");
    const reportList = reportFlags.length > 0 ? reportFlags : (incidentConfig.gate_reports ?? DEFAULT_GATE_REPORTS);
    const seen = new Set<string>();
    const gateReports: IncidentInputs["gateReports"] = [];
    for (const given of reportList) {
      const where = located(reportFlags.length > 0 ? given : undefined, given);
      if (seen.has(where.abs)) continue;
      seen.add(where.abs);
      const digest = await index(where, "gate_report", false);
      gateReports.push({ ...load(where), ...digest });
    }

    const policyWhere = located(flag("security-policy"), DEFAULT_SECURITY_POLICY);
    await index(policyWhere, "security_policy", false);

    const detectOut = config !== null && nonEmpty(config.data.out_dir) ? config.data.out_dir : DEFAULT_DETECT_OUT;
    const dashWhere = located(flag("dashboard"), `${detectOut}/latest/variance_dashboard.json`);
    await index(dashWhere, "dashboard", flag("dashboard") !== undefined);
    const manifestWhere = located(flag("manifest"), quarantineConfig?.manifest_path ?? DEFAULT_MANIFEST);
    await index(manifestWhere, "manifest", flag("manifest") !== undefined);

    const npmDir = located(flag("npm-dir"), DEFAULT_NPM_DIR);
    const sub = (dir: { abs: string; shown: string }, name: string) => ({ abs: path.join(dir.abs, name), shown: `${dir.shown}/${name}` });
    const outcomeWhere = sub(npmDir, "rollback_outcome.json");
    const actionsWhere = sub(npmDir, "rollback_actions.txt");
    await index(outcomeWhere, "npm_rollback", false);
    await index(actionsWhere, "npm_rollback", false);

    let drill: IncidentInputs["drill"] = null;
    const drillGiven = flag("drill-dir") ?? incidentConfig.drill_dir;
    if (drillGiven !== undefined) {
      const drillWhere = await locateDrill(drillGiven, flag("drill-dir") !== undefined, located, drillSection, errors);
      if (drillWhere !== null) {
        const files = filesUnder(drillWhere.abs);
        if (files.length === 0) missing.push({ path: drillWhere.shown, role: "drill_artifact" });
        for (const abs of files) await index({ abs, shown: `${drillWhere.shown}/${toPosix(path.relative(drillWhere.abs, abs))}` }, "drill_artifact", false);
        drill = { dir: drillWhere.shown, summary: load(sub(drillWhere, "incident_summary.json")), bundle: load(sub(drillWhere, "repro_bundle.json")) };
      }
    }

    const shownOutputs = {
      traceability: located(outputs.traceability.abs, "").shown,
      rollback_guidance: located(outputs.rollback_guidance.abs, "").shown,
      incident_packet: located(outputs.incident_packet.abs, "").shown,
      postmortem: located(outputs.postmortem.abs, "").shown,
      artifact_index: located(outputs.artifact_index.abs, "").shown,
    };
    const actionsText = readText({ abs: actionsWhere.abs, display: actionsWhere.shown });
    const baseInputs: IncidentInputs = {
      tag,
      now,
      severityFlag,
      config: incidentConfig,
      minReactivationRuns: reactivateConfig?.min_runs ?? DEFAULT_MIN_RUNS,
      securityPolicy: load(policyWhere),
      gateReports,
      dashboard: load(dashWhere),
      manifest: load(manifestWhere),
      drill,
      npmOutcome: load(outcomeWhere),
      npmActions: { ...actionsText, path: actionsWhere.shown },
      inputArtifacts: { entries: [], missing: [] },
      outputs: shownOutputs,
      evidenceErrors: errors,
    };

    // Trace pointers come from the involved entries, which only core knows: ask, then hash them.
    const first = assembleIncident(baseInputs);
    for (const pointer of first.tracePointers) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pointer)) {
        missing.push({ path: pointer, role: "trace" });
        continue;
      }
      const where = located(undefined, pointer);
      let stat: fs.Stats | null = null;
      try {
        stat = fs.statSync(where.abs);
      } catch {
        stat = null;
      }
      if (stat?.isDirectory() === true) {
        for (const abs of filesUnder(where.abs)) await index({ abs, shown: `${where.shown}/${toPosix(path.relative(where.abs, abs))}` }, "trace", false);
      } else await index(where, "trace", false);
    }
    const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const inputEntries = dedupe(entries).sort(byPath);
    const inputMissing = dedupe(missing).sort(byPath);
    const assembly = assembleIncident({ ...baseInputs, inputArtifacts: { entries: inputEntries, missing: inputMissing } });

    writeOutput(outputs.traceability, jsonText(assembly.traceability));
    writeOutput(outputs.rollback_safety, jsonText(assembly.safety));
    writeOutput(outputs.incident_packet, jsonText(assembly.packet));
    writeOutput(outputs.postmortem, jsonText(assembly.postmortem));
    // The same artifacts the report site will read (as written, so the two renderings are byte-identical;
    // reports.md §1): the index's input entries are what artifact_index.json will hold besides the outputs.
    const outcome = baseInputs.npmOutcome.load;
    writeOutput(
      outputs.rollback_guidance,
      renderRollbackInstructions({
        incident: JSON.parse(jsonText(assembly.packet)),
        rollbackSafety: JSON.parse(jsonText(assembly.safety)),
        traceability: JSON.parse(jsonText(assembly.traceability)),
        npmRollback: outcome.kind === "json" && isPlainObject(outcome.value) ? outcome.value : null,
        artifactIndex: { entries: inputEntries, missing: inputMissing },
      }),
    );
    const outputEntries: ArtifactEntry[] = [];
    for (const key of ["traceability", "rollback_safety", "incident_packet", "postmortem", "rollback_guidance"] as const) {
      const digest = await hashArtifactFile(outputs[key].abs);
      if (digest === null) throw new Error(`output vanished after writing: ${outputs[key].abs}`);
      outputEntries.push({ path: located(outputs[key].abs, "").shown, ...digest, role: "incident_output" });
    }
    writeOutput(
      outputs.artifact_index,
      jsonText({
        schema_version: "flakewarden-artifact-index-v1",
        generated_at_utc: new Date(now).toISOString(),
        entries: [...inputEntries, ...outputEntries].sort(byPath),
        missing: inputMissing,
      }),
    );

    const { incident } = assembly.packet;
    io.stdout.write(
      [
        `Release incident ${incident.incident_id}: ${incident.severity} (${incident.severity_source}), gate status ${incident.gate_status}, rollback safety ${assembly.safety.rollback_safety_status}`,
        ...Object.values(outputs).map((p) => `  ${p.display}`),
        "",
      ].join("\n"),
    );
    return flags.values.strict === true && assembly.strictFailure ? 1 : 0;
  },
};

function dedupe<T extends { path: string; role: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.role}\u0000${i.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `latest` means the drill dir the last drill run named; any other value is the dir itself. */
async function locateDrill(
  given: string,
  fromFlag: boolean,
  located: (fromFlag: string | undefined, fallback: string) => { abs: string; shown: string },
  drillSection: Record<string, unknown>,
  errors: EvidenceError[],
): Promise<{ abs: string; shown: string } | null> {
  if (given !== "latest") return located(fromFlag ? given : undefined, given);
  const drillOut = nonEmpty(drillSection.out_dir) ? drillSection.out_dir : DEFAULT_DRILL_OUT;
  const latest = located(undefined, `${drillOut}/latest.json`);
  const loaded = readJson({ abs: latest.abs, display: latest.shown });
  if (loaded.kind === "json" && isPlainObject(loaded.value) && nonEmpty(loaded.value.artifact_dir)) {
    return located(undefined, loaded.value.artifact_dir);
  }
  errors.push({ path: latest.shown, error: loaded.kind === "missing" ? "file not found" : "no artifact_dir in latest.json" });
  return null;
}
