// The seam between the site assembler (render-site.ts) and the page modules. Every page module is a pure
// function from the discovered artifacts to page bodies; the assembler wraps bodies in the shared layout
// (doctype, CSP, style, header badge, nav, footer), writes report_manifest.json and the marker.
//
// Owners while the site is being built: the assembler, layout, html escaping, links and the index/flakes/
// quarantine pages belong to one workstream; the incident, rollback_instructions and postmortem pages and the
// markdown helpers (../markdown/md-helpers.ts) to another. Change this file only by agreement of both.

export type ArtifactKind =
  | "detect" | "governance" | "governance_events" | "governance_policy" | "quarantine" | "burndown"
  | "signal_quality" | "pilot" | "playbook" | "drill" | "drill_events" | "rollback_safety" | "incident"
  | "postmortem" | "artifact_index" | "traceability" | "npm_rollback" | "test_table";

/** One recognised, schema-valid (possibly with invalid items) artifact. */
export interface Artifact {
  readonly kind: ArtifactKind;
  /** Relative POSIX path under --in. */
  readonly path: string;
  /** The validated document (core's schema output; unknown fields kept as parsed). */
  readonly data: any;
  /** The "current" timestamp of reports.md §3.1 as written, or null. */
  readonly timestamp: string | null;
  /** The same as epoch milliseconds, or null. */
  readonly instantMs: number | null;
  /** Items that failed their schema (reports.md §3.1 "Invalid items"), as `<JSON path>: <message>`. */
  readonly invalidItems: readonly string[];
}

/** How a pointer value renders (reports.md §4.10). */
export type PointerView =
  | { readonly kind: "link"; readonly href: string; readonly text: string }
  | { readonly kind: "dangling"; readonly text: string }   // badge "not found under --in"
  | { readonly kind: "removed"; readonly text: string };   // badge "link removed"

export interface SiteContext {
  readonly now: string;              // normalised UTC, as in the footer
  readonly nowMs: number;
  readonly clockSource: "--now" | "FLAKEWARDEN_NOW" | "system";
  readonly toolVersion: string;
  readonly formats: { readonly html: boolean; readonly md: boolean };
  /** Valid artifacts per kind: current first-class, history newest first. */
  current(kind: ArtifactKind): Artifact | null;
  history(kind: ArtifactKind): readonly Artifact[];
  /** Resolve a pointer value found inside an input (reports.md §4.10). */
  pointer(value: string): PointerView;
  /** href of a discovered input file (linkPrefix + percent-encoded segments). */
  inputHref(path: string): string;
  /** Overall verdict and the index's reason line, for header badges. */
  readonly verdict: "pass" | "fail" | "no_verdict";
}

/** A page body produced by a page module; the assembler adds layout and decides which formats to write. */
export interface PageBody {
  /** File stem at the top of --out: "index", "quarantine-2", "incident", "rollback_instructions", ... */
  readonly stem: string;
  /** The page title (the `h1` on non-index pages and the <title>). */
  readonly title: string;
  /** HTML for inside <main>, produced by a handlebars template of src/templates/ (null: no HTML form). */
  readonly html: string | null;
  /** Markdown body (null: no Markdown form). */
  readonly md: string | null;
  /**
   * (Added by part B, additive.) When true, `md` is the whole .md file and is written as is, without the layout's
   * title, verdict line and footer: rollback_instructions.md must be byte-identical to renderRollbackInstructions's
   * output, which is also what `flakewarden incident` writes (reports.md §1, acceptance 31).
   */
  readonly mdVerbatim?: boolean;
}
