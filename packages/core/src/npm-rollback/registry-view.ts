// Reading what `npm view … --json` printed. The registry's answer is untrusted input: every field
// is checked, and a read that is not usable becomes a detail string instead of a throw.
import { isPlainObject } from "../schemas/common.ts";

export interface NpmRun {
  exitCode: number | null;
  stdout: string;
  timedOut: boolean;
  spawnError: string | null;
}

export interface PackageView {
  versions: string[];
  distTags: Record<string, string>;
  time: Record<string, string>;
  /** null when the registry records no owners (Verdaccio 6). */
  maintainerCount: number | null;
}

export type ViewResult<T> = { ok: true; value: T } | { ok: false; detail: string };

function npmErrorDetail(value: unknown): string | null {
  if (!isPlainObject(value) || !isPlainObject(value.error)) return null;
  const { code, summary } = value.error;
  return `${typeof code === "string" ? code : "error"}: ${typeof summary === "string" ? summary : ""}`.trim();
}

function parseStdout(run: NpmRun): ViewResult<unknown> {
  if (run.spawnError !== null) return { ok: false, detail: `npm could not start: ${run.spawnError}` };
  if (run.timedOut) return { ok: false, detail: "npm timed out" };
  let value: unknown;
  try {
    value = run.stdout.trim() === "" ? undefined : JSON.parse(run.stdout);
  } catch {
    value = undefined;
  }
  const npmError = npmErrorDetail(value);
  if (npmError !== null) return { ok: false, detail: npmError };
  if (run.exitCode !== 0) return { ok: false, detail: `npm exited with code ${run.exitCode}` };
  return { ok: true, value };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

/** `npm view <pkg> --json`. */
export function parsePackageView(run: NpmRun): ViewResult<PackageView> {
  const parsed = parseStdout(run);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (!isPlainObject(value)) return { ok: false, detail: "npm printed no parsable JSON" };
  const versions = typeof value.versions === "string" ? [value.versions] : Array.isArray(value.versions) ? value.versions.filter((v): v is string => typeof v === "string") : [];
  const maintainers = Array.isArray(value.maintainers) ? value.maintainers : typeof value.maintainers === "string" ? [value.maintainers] : [];
  return {
    ok: true,
    value: {
      versions,
      distTags: stringRecord(value["dist-tags"]),
      time: stringRecord(value.time),
      maintainerCount: maintainers.length === 0 ? null : maintainers.length,
    },
  };
}

/** `npm view <pkg>@<v> deprecated --json`: null = not deprecated, else the message. */
export function parseDeprecatedView(run: NpmRun): ViewResult<string | null> {
  const parsed = parseStdout(run);
  if (!parsed.ok) return parsed;
  if (parsed.value === undefined) return { ok: true, value: null };
  if (typeof parsed.value === "string") return { ok: true, value: parsed.value === "" ? null : parsed.value };
  return { ok: false, detail: "npm printed no parsable JSON" };
}

/** `npm view <pkg> dist-tags --json`. */
export function parseDistTagsView(run: NpmRun): ViewResult<Record<string, string>> {
  const parsed = parseStdout(run);
  if (!parsed.ok) return parsed;
  if (!isPlainObject(parsed.value)) return { ok: false, detail: "npm printed no parsable JSON" };
  return { ok: true, value: stringRecord(parsed.value) };
}
