// What every `quarantine` subcommand resolves the same way (gate.md §2.1, §2.3): the clock, the
// policy, the config's `quarantine` section, the manifest path, and the flags they share.
import fs from "node:fs";
import path from "node:path";
import {
  parsePositiveInteger,
  parseSeconds,
  QuarantineConfig,
  resolveSlaHours,
  textValueProblem,
  type ResolvedPolicy,
  type Severity,
} from "@flakewarden/core";
import { stringFlag, type Parsed } from "../args.ts";
import { resolveNow } from "../clock.ts";
import { configSection, loadConfig, type LoadedConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { resolveFrom, type ResolvedPath } from "../paths.ts";
import { loadPolicyForCommand } from "../policy-file.ts";

export const COMMON_OPTIONS = {
  policy: { type: "string", nonEmpty: true },
  config: { type: "string", nonEmpty: true },
  manifest: { type: "string", nonEmpty: true },
  now: { type: "string" },
  format: { type: "string", choices: ["text", "json"] },
} as const;

export const LOCK_OPTIONS = { "lock-timeout": { type: "string" } } as const;

export const DEFAULT_LOCK_TIMEOUT_S = 10;

export interface QuarantineSetup {
  now: number;
  policy: ResolvedPolicy;
  /** Relative policy values and built-in defaults resolve here. */
  baseDir: string;
  config: LoadedConfig | null;
  quarantine: QuarantineConfig;
  manifest: ResolvedPath;
  format: "text" | "json";
}

export async function quarantineSetup(io: Io, flags: Parsed): Promise<QuarantineSetup> {
  const now = resolveNow(io, stringFlag(flags, "now"));
  const { policy, location } = loadPolicyForCommand(io, stringFlag(flags, "policy"));
  const config = await loadConfig(io, stringFlag(flags, "config"));
  const quarantine = configSection(config, "quarantine", QuarantineConfig) ?? {};
  // --manifest (cwd), else the config's path (config dir), else the policy's (base dir).
  const flag = stringFlag(flags, "manifest");
  let manifest: ResolvedPath;
  if (flag !== undefined) manifest = resolveFrom(io.cwd, flag, io.cwd);
  else if (quarantine.manifest_path !== undefined && config !== null) manifest = resolveFrom(config.dir, quarantine.manifest_path, io.cwd);
  else manifest = resolveFrom(location.baseDir, policy.quarantine.manifest_path, io.cwd);
  return {
    now,
    policy,
    baseDir: location.baseDir,
    config,
    quarantine,
    manifest,
    format: stringFlag(flags, "format") === "json" ? "json" : "text",
  };
}

/** A flag whose value is stored in the manifest: non-blank, printable, names at most 200 code points. */
export function textFlag(flags: Parsed, name: string, options: { required: true; limit?: number }): string;
export function textFlag(flags: Parsed, name: string, options?: { required?: false; limit?: number }): string | undefined;
export function textFlag(flags: Parsed, name: string, options: { required?: boolean; limit?: number } = {}): string | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) {
    if (options.required === true) throw new UserError(MSG.requiredOption(`--${name}`));
    return undefined;
  }
  const problem = textValueProblem(value, options.limit);
  if (problem !== null) throw new UserError(MSG.flagValue(`--${name}`, problem));
  return value;
}

export function lockTimeoutFlag(flags: Parsed): number {
  const raw = stringFlag(flags, "lock-timeout");
  if (raw === undefined) return DEFAULT_LOCK_TIMEOUT_S;
  const seconds = parseSeconds(raw);
  if (seconds === null) throw new UserError(MSG.flagNonNegativeNumber("--lock-timeout", raw));
  return seconds;
}

export function slaHoursFlag(flags: Parsed): number | undefined {
  const raw = stringFlag(flags, "sla-hours");
  if (raw === undefined) return undefined;
  const hours = parsePositiveInteger(raw);
  if (hours === null) throw new UserError(MSG.flagPositiveInteger("--sla-hours", raw));
  return hours;
}

/** The SLA of a new entry, or exit 2 when the policy forbids it. */
export function slaHoursFor(severity: Severity, requested: number | undefined, policy: ResolvedPolicy): number {
  const sla = resolveSlaHours(severity, requested, policy);
  if (sla.ok) return sla.hours;
  if (sla.reason === "no-target") throw new UserError(MSG.slaNoTarget(severity));
  throw new UserError(MSG.slaAboveTarget(sla.hours, sla.target, severity));
}

/** `open` and `sync` may create the manifest, so they create its directory before locking. */
export function ensureManifestDir(manifest: ResolvedPath): void {
  const dir = path.dirname(manifest.abs);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UserError(MSG.cannotCreateDir(path.posix.dirname(manifest.display), code ?? String(error)));
  }
}

export function lockDisplay(manifest: ResolvedPath): string {
  return `${manifest.display}.lock`;
}
