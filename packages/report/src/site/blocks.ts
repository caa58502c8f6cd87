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
  readonly header: boolean;
  /** The text of a cell that is one plain text part (rendered without walking parts), else null. */
  readonly plain: string | null;
  readonly parts: readonly Part[];
}

export interface Row {
  /** Row anchor (our own ids only, e.g. quarantine entry anchors), or null. */
  readonly id: string | null;
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
  readonly svg: TrustedHtml | null;
  readonly verdictClass: string;
}

const NO_BLOCK = {
  isH2: false, isH3: false, isP: false, isUl: false, isTable: false, isPre: false, isDetailsOpen: false,
  isDetailsClose: false, isChart: false, isVerdict: false, id: "", text: "", parts: [], items: [], headers: [],
  rows: [], svg: null, verdictClass: "",
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
  return {
    ...NO_BLOCK,
    isTable: true,
    text: caption,
    headers,
    rows: rows.map((cells, r) => ({
      id: rowIds[r] ?? null,
      cells: cells.map((c, i) => {
        const parts = typeof c === "string" ? [text(c)] : Array.isArray(c) ? (c as Part[]) : [c as Part];
        const only = parts.length === 1 ? (parts[0] as Part) : null;
        return { header: i === 0, plain: only !== null && only.isText && only.v !== "" ? only.v : null, parts };
      }),
    })),
  };
}
