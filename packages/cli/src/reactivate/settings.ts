// Flags, config and paths of `flakewarden reactivate` (forensics.md §2, §2.2). Everything here
// is decided before the manifest is read, so a usage mistake never touches anything.
import path from "node:path";
import { QuarantineConfig, ReactivateConfig } from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import { resolveNow } from "../clock.ts";
import { configSection, loadConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { displayOf, resolveFrom, toPosix, type ResolvedPath } from "../paths.ts";
import { lockTimeoutFlag } from "../quarantine/command-setup.ts";

export const REACTIVATE_OPTIONS = {
  manifest: { type: "string", nonEmpty: true },
  runs: { type: "string" },
  "timeout-s": { type: "string" },
  "artifact-root": { type: "string", nonEmpty: true },
  "lock-timeout": { type: "string" },
  config: { type: "string", nonEmpty: true },
  now: { type: "string" },
} as const;

const DEFAULT_MANIFEST = "artifacts/wasm_flake_quarantine_manifest.json";
const DEFAULT_ARTIFACT_ROOT = "target/flakewarden/reactivation";
const DEFAULT_TIMEOUT_S = 600;

export interface ReactivateSettings {
  entryId: string;
  nowMs: number;
  /** --now or FLAKEWARDEN_NOW was given: evidence `ts` is then that instant, not each run's start. */
  nowGiven: boolean;
  /** Project root: the config file's directory, else the cwd. Replays run here. */
  root: string;
  manifest: ResolvedPath;
  /** --runs as given (validated against the entry's minimum later), else null. */
  runs: number | null;
  timeoutS: number;
  lockTimeoutS: number;
  artifactRootAbs: string;
  /** Whether --artifact-root was given as an absolute path (paths outside the root are then written absolute). */
  artifactRootAbsolute: boolean;
  config: ReactivateConfig;
}

function positiveInteger(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UserError(MSG.flagIntegerAtLeast(flag, 1, value));
  }
  return Number(value);
}

function positiveSeconds(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) throw new UserError(MSG.flagPositiveNumber(flag, value));
  return n;
}

export async function resolveSettings(io: Io, argv: string[]): Promise<ReactivateSettings> {
  const flags = parseFlags(argv, REACTIVATE_OPTIONS, 1);
  const flag = (name: keyof typeof REACTIVATE_OPTIONS): string | undefined => stringFlag(flags, name);
  const entryId = flags.positionals[0];
  if (entryId === undefined) throw new UserError(MSG.reactivateNeedsId);
  const runs = positiveInteger("--runs", flag("runs"));
  const timeoutS = positiveSeconds("--timeout-s", flag("timeout-s"), DEFAULT_TIMEOUT_S);
  // The same flag, parsed the same way, as every other manifest editor (gate.md §2.3).
  const lockTimeoutS = lockTimeoutFlag(flags);

  const nowFlag = flag("now");
  const nowGiven = nowFlag !== undefined || (io.env.FLAKEWARDEN_NOW !== undefined && io.env.FLAKEWARDEN_NOW !== "");
  const nowMs = resolveNow(io, nowFlag);

  const config = await loadConfig(io, flag("config"));
  const root = config?.dir ?? io.cwd;
  const reactivateConfig = configSection(config, "reactivate", ReactivateConfig) ?? {};
  const quarantineConfig = configSection(config, "quarantine", QuarantineConfig);

  const manifestFlag = flag("manifest");
  const manifest =
    manifestFlag !== undefined
      ? resolveFrom(io.cwd, manifestFlag, io.cwd)
      : resolveFrom(root, quarantineConfig?.manifest_path ?? DEFAULT_MANIFEST, io.cwd);
  const artifactFlag = flag("artifact-root");
  const artifactRootAbs = artifactFlag !== undefined ? path.resolve(io.cwd, artifactFlag) : path.resolve(root, DEFAULT_ARTIFACT_ROOT);

  return {
    entryId,
    nowMs,
    nowGiven,
    root,
    manifest,
    runs,
    timeoutS,
    lockTimeoutS,
    artifactRootAbs,
    artifactRootAbsolute: artifactFlag !== undefined && path.isAbsolute(artifactFlag),
    config: reactivateConfig,
  };
}

/** Root-relative with `/`, or null when the path lies outside the root. */
export function rootRelative(root: string, abs: string): string | null {
  const rel = path.relative(root, abs);
  if (rel === "") return ".";
  if (path.isAbsolute(rel) || rel.split(path.sep)[0] === "..") return null;
  return toPosix(rel);
}

/**
 * How a path is written into the manifest and report: root-relative; outside the root, as the
 * user gave it (absolute when the flag was absolute, else relative to the cwd it was given from).
 */
export function outputPathOf(settings: ReactivateSettings, cwd: string): (abs: string) => string {
  return (abs) => rootRelative(settings.root, abs) ?? (settings.artifactRootAbsolute ? toPosix(abs) : displayOf(abs, cwd));
}
