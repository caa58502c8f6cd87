// The page body model shared by the index, flakes and quarantine pages: a flat list of blocks (headings,
// paragraphs, lists, tables, code, collapsed sections, charts) rendered by one HTML and one Markdown
// template. Every field of every block is set (strict templates throw on a missing one); the flags say
// which kind a block or part is, because the Markdown environment has no `eq` helper.
import type { PointerView } from "./page-contract.ts";
import type { TrustedHtml } from "./trusted-html.ts";

export type BadgeClass = "pass" | "fail" | "warn" | "none";

export interface Part {
  readonly isText: boolean;
  readonly isCode: boolean;
  readonly isLink: boolean;
  readonly isBadge: boolean;
  readonly isHidden: boolean;
  readonly isBr: boolean;
  readonly v: string;
  readonly p: PointerView | null;
  readonly cls: BadgeClass;
}

/** One literal per part (no object spread): the scale scenario builds hundreds of thousands of parts. */
function part(kind: number, v: string, p: PointerView | null, cls: BadgeClass): Part {
  return { isText: kind === 0, isCode: kind === 1, isLink: kind === 2, isBadge: kind === 3, isHidden: kind === 4, isBr: kind === 5, v, p, cls };
}

export const text = (v: string): Part => part(0, v, null, "none");
export const code = (v: string): Part => part(1, v, null, "none");
export const link = (p: PointerView): Part => part(2, p.text, p, "none");
export const badge = (v: string, cls: BadgeClass): Part => part(3, v, null, cls);
/** Text for screen readers only (HTML); omitted from Markdown. */
export const hidden = (v: string): Part => part(4, v, null, "none");
export const br = (): Part => part(5, "", null, "none");

/** A link between the site's own pages (our hrefs, never input). */
export const pageLink = (textValue: string, href: string): Part => link({ kind: "link", href, text: textValue });

export interface Cell {
  /** The text of a cell that is one non-empty plain text part (rendered without walking parts), else null. */
  readonly plain: string | null;
  /** The text of a cell that is exactly one code part (a replay command), else null. */
  readonly code: string | null;
  /** The pointer of a cell that is exactly one link part (a trace pointer), else null. */
  readonly link: PointerView | null;
  /** The parts of any other cell; empty for the shortcut cells (the templates read them only as the last case). */
  readonly parts: readonly Part[];
}

export interface Row {
  /** Row anchor (our own ids only, e.g. quarantine entry anchors), or null. */
  readonly id: string | null;
  /**
   * The identifier cell (`<th scope="row">`), apart from the others so the templates need no per-cell
   * "is this the first column" test: the scale scenario renders 290,000 cells (reports.md §4.16).
   */
  readonly head: Cell;
  readonly cells: readonly Cell[];
}

export interface Block {
  readonly isH2: boolean;
  readonly isH3: boolean;
  readonly isP: boolean;
  readonly isUl: boolean;
  readonly isTable: boolean;
  readonly isPre: boolean;
  readonly isDetailsOpen: boolean;
  readonly isDetailsClose: boolean;
  readonly isChart: boolean;
  readonly isVerdict: boolean;
  /** Heading anchor (our own ids only), heading text, summary text or caption. */
  readonly id: string;
  readonly text: string;
  readonly parts: readonly Part[];
  readonly items: readonly { readonly parts: readonly Part[] }[];
  readonly headers: readonly string[];
  readonly rows: readonly Row[];
  /** The rows of a quarantine entries table (instead of `rows`), or null. */
  readonly quarantineRows: readonly QuarantineRow[] | null;
  /** The rows of a flakes suites table (instead of `rows`), or null. */
  readonly suiteRows: readonly SuiteRow[] | null;
  readonly svg: TrustedHtml | null;
  readonly verdictClass: string;
}

const NO_BLOCK = {
  isH2: false, isH3: false, isP: false, isUl: false, isTable: false, isPre: false, isDetailsOpen: false,
  isDetailsClose: false, isChart: false, isVerdict: false, id: "", text: "", parts: [], items: [], headers: [],
  rows: [], quarantineRows: null, suiteRows: null, svg: null, verdictClass: "",
} as const;

export const h2 = (t: string, id: string): Block => ({ ...NO_BLOCK, isH2: true, text: t, id });
export const h3 = (t: string, id: string): Block => ({ ...NO_BLOCK, isH3: true, text: t, id });
export const para = (...parts: Part[]): Block => ({ ...NO_BLOCK, isP: true, parts });
export const list = (items: readonly (readonly Part[])[]): Block => ({ ...NO_BLOCK, isUl: true, items: items.map((parts) => ({ parts })) });
export const pre = (t: string): Block => ({ ...NO_BLOCK, isPre: true, text: t });
export const detailsOpen = (summary: string): Block => ({ ...NO_BLOCK, isDetailsOpen: true, text: summary });
export const detailsClose = (): Block => ({ ...NO_BLOCK, isDetailsClose: true });
export const chart = (svg: TrustedHtml): Block => ({ ...NO_BLOCK, isChart: true, svg });
/** The index banner: heading `Overall verdict: X`, then the reason line. */
export const verdictBanner = (heading: string, reason: string, verdict: string): Block => ({
  ...NO_BLOCK, isVerdict: true, text: heading, parts: [text(reason)], verdictClass: `verdict-${verdict}`,
});

/** A table; the first column is the row header. Cells are part lists; a string is plain text. */
export type CellValue = string | Part | readonly Part[];

export function table(caption: string, headers: readonly string[], rows: readonly (readonly CellValue[])[], rowIds: readonly (string | null)[] = []): Block {
  const out: Row[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r] as readonly CellValue[];
    // Every table has an identifier column (reports.md §4.14); a row without one is a renderer bug.
    if (values.length === 0) throw new Error(`table ${caption}: row ${r} has no cells`);
    const cells: Cell[] = new Array(values.length - 1);
    for (let i = 1; i < values.length; i++) cells[i - 1] = cellOf(values[i] as CellValue);
    out[r] = { id: rowIds[r] ?? null, head: cellOf(values[0] as CellValue), cells };
  }
  return { ...NO_BLOCK, isTable: true, text: caption, headers, rows: out };
}

const NO_PARTS: readonly Part[] = Object.freeze([]);

// The two tables of the scale scenario (reports.md §4.16: 10,000 quarantine entries in two formats, 10,000
// suites) have rows of a fixed shape. Their text columns are named fields the templates print directly, so a
// row costs no per-cell loop and no "is this cell plain" test; the other columns are cells as above. The
// bytes are those of the generic table: a string column prints exactly what a plain (or "") cell prints.
export interface QuarantineRow {
  readonly anchor: string | null;
  readonly id: string;
  readonly suite: string;
  readonly severity: string;
  readonly status: string;
  readonly owner: string;
  readonly clock: Cell;
  readonly command: Cell;
  readonly pointer: PointerView;
  readonly evidence: Cell;
}

export interface SuiteRow {
  readonly suite: string;
  readonly group: string;
  readonly outcomes: string;
  readonly trace: Cell;
  readonly flips: string;
  readonly sources: string;
  readonly durations: string;
  readonly spread: string;
  readonly fingerprints: string;
  readonly bound: string;
  readonly command: Cell;
}

export function quarantineTable(caption: string, headers: readonly string[], rows: readonly QuarantineRow[]): Block {
  return { ...NO_BLOCK, isTable: true, text: caption, headers, quarantineRows: rows };
}

export function suitesTable(caption: string, headers: readonly string[], rows: readonly SuiteRow[]): Block {
  return { ...NO_BLOCK, isTable: true, text: caption, headers, suiteRows: rows };
}

/**
 * A string needs no Part at all; "" renders as an empty part list (the same bytes as an empty text part). A
 * cell of one text, code or link part is rendered through its shortcut field without walking a part list:
 * replay commands and trace pointers fill 50,000 cells of the scale scenario.
 */
export function cellOf(c: CellValue): Cell {
  if (typeof c === "string") return { plain: c === "" ? null : c, code: null, link: null, parts: NO_PARTS };
  const parts = Array.isArray(c) ? (c as readonly Part[]) : [c as Part];
  const only = parts.length === 1 ? (parts[0] as Part) : null;
  if (only !== null) {
    if (only.isText) return only.v === "" ? { plain: null, code: null, link: null, parts: NO_PARTS } : { plain: only.v, code: null, link: null, parts: NO_PARTS };
    // Not for "": the templates test the shortcut fields for truth, and `<code></code>` must still be written.
    if (only.isCode && only.v !== "") return { plain: null, code: only.v, link: null, parts: NO_PARTS };
    if (only.isLink && only.p !== null) return { plain: null, code: null, link: only.p, parts: NO_PARTS };
  }
  return { plain: null, code: null, link: null, parts };
}
