// Reading the quarantine manifest for an edit, and writing it back (gate.md §4.10). An edit
// must never carry a broken hand edit along or silently change a value, so every problem is
// exit 2 before anything is written.
import process from "node:process";
import {
  findInexactNumber,
  isPlainObject,
  parseJson,
  present,
  show,
  toPrettyJson,
  validateEntries,
  type ResolvedPolicy,
} from "@flakewarden/core";
import { UserError } from "../errors.ts";
import { readText, writeAtomic, writeCause } from "../files.ts";
import { MSG } from "../messages.ts";
import type { ResolvedPath } from "../paths.ts";

export interface EditableManifest {
  /**
   * The parsed root object: key order and unknown keys as read (except that JSON.parse moves
   * integer-like keys such as "1" to the front, as every JS object does).
   */
  doc: Record<string, unknown>;
  /** `doc.entries` itself: pushing to it or replacing an element edits `doc`. */
  entries: Record<string, unknown>[];
  existed: boolean;
}

export interface ManifestEnvelope {
  doc: Record<string, unknown>;
  /** The raw elements: may hold non-objects when entries are not validated. */
  entries: unknown[];
  existed: boolean;
}

/**
 * The manifest parsed and its envelope checked: a root object, the expected schema_version, and
 * `entries` an array (absent or null becomes a new empty array, appended to the root).
 */
export function readManifestEnvelope(
  p: ResolvedPath,
  schemaVersion: string,
  options: { createIfMissing: boolean; checkNumbers: boolean },
): ManifestEnvelope {
  const loaded = readText(p);
  if (loaded.kind === "missing") {
    if (!options.createIfMissing) throw new UserError(MSG.manifestMissing(p.display));
    const entries: unknown[] = [];
    return { doc: { schema_version: schemaVersion, entries }, entries, existed: false };
  }
  if (loaded.kind === "unreadable") throw new UserError(MSG.cannotRead(p.display, loaded.cause));
  const parsed = parseJson(loaded.text);
  if (!parsed.ok) throw new UserError(MSG.invalidJson(p.display, parsed.line, parsed.column, parsed.problem));
  const doc = parsed.value;
  if (!isPlainObject(doc)) throw new UserError(MSG.rootObject(p.display));
  if (options.checkNumbers) {
    const at = findInexactNumber(loaded.text);
    if (at !== null) throw new UserError(MSG.manifestInexactNumber(p.display, at));
  }
  if (doc.schema_version !== schemaVersion) {
    throw new UserError(MSG.manifestSchemaMismatch(p.display, schemaVersion, show(doc.schema_version)));
  }
  if (!present(doc.entries)) doc.entries = [];
  if (!Array.isArray(doc.entries)) throw new UserError(MSG.manifestEntriesNotList(p.display));
  return { doc, entries: doc.entries, existed: true };
}

/** One exit-2 line per entry finding, each naming its JSON path. */
export function entryProblemLines(display: string, entries: unknown[], policy: ResolvedPolicy, now: number): string[] {
  return validateEntries(entries, policy, now).ordered.map((f) => MSG.manifestEntryProblem(display, f.path ?? "entries", f.message));
}

/**
 * The manifest as an edit needs it: everything `readManifestEnvelope` checks, no number that
 * would change on the way back, and every entry valid per the gate's per-entry rules.
 */
export function readManifestForEdit(
  p: ResolvedPath,
  schemaVersion: string,
  options: { createIfMissing: boolean; policy: ResolvedPolicy; now: number },
): EditableManifest {
  const envelope = readManifestEnvelope(p, schemaVersion, { createIfMissing: options.createIfMissing, checkNumbers: true });
  const problems = entryProblemLines(p.display, envelope.entries, options.policy, options.now);
  if (problems.length > 0) throw new UserError(...problems);
  return { doc: envelope.doc, entries: envelope.entries as Record<string, unknown>[], existed: envelope.existed };
}

/**
 * After an edit, the entries must still pass the rules a hand edit must pass: a new entry can
 * miss a field the policy's required_fields adds, or a status the policy does not allow.
 */
export function checkEditedEntries(p: ResolvedPath, entries: unknown[], policy: ResolvedPolicy, now: number): void {
  const problems = entryProblemLines(p.display, entries, policy, now);
  if (problems.length > 0) throw new UserError(MSG.editLeavesInvalidEntry(p.display), ...problems);
}

/**
 * A hidden test hook: milliseconds to stall between writing the temp file and renaming it, so a
 * test can SIGKILL a writer at exactly that point. Read here, by the manifest writer alone, from
 * the real environment, so every editor (reactivate included) honours it without plumbing.
 */
export const PAUSE_BEFORE_RENAME_ENV = "FLAKEWARDEN_TEST_PAUSE_BEFORE_RENAME_MS";

function pauseBeforeRenameMs(): number {
  const raw = process.env[PAUSE_BEFORE_RENAME_ENV];
  return raw !== undefined && /^\d{1,7}$/.test(raw) ? Number(raw) : 0;
}

function sleepSync(ms: number): void {
  // Synchronous on purpose: the writer must do nothing else meanwhile, signal handlers included.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** 2-space JSON, trailing newline, key order as in `doc`; temp file + fsync + rename. */
export function writeManifest(p: ResolvedPath, doc: Record<string, unknown>): void {
  const pause = pauseBeforeRenameMs();
  try {
    writeAtomic(p.abs, toPrettyJson(doc), pause > 0 ? () => sleepSync(pause) : undefined);
  } catch (error) {
    throw new UserError(MSG.cannotWrite(p.display, writeCause(error)));
  }
}
