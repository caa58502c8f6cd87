// A small document model for the incident, rollback and postmortem pages: headings, paragraphs, lists, tables and
// code blocks made of typed inline pieces. One HTML and one Markdown template render it, so the two forms of a
// page always carry the same text, and escaping is decided by the piece's type (text, code, link, TODO) in exactly
// one place per format. Every field is present (null when unused): the HTML environment runs in strict mode.
import type { PointerView } from "../site/page-contract.ts";
import { BIDI_NOTE, commandText, displayString } from "../text/sanitize.ts";

export interface Inline {
  readonly text: string | null;
  readonly code: string | null;
  readonly link: PointerView | null;
  readonly todo: { readonly key: string; readonly text: string; readonly full: string } | null;
  readonly strong: boolean;
}

/** One paragraph or code block inside a list item. */
export interface ItemPart {
  readonly p: readonly Inline[] | null;
  readonly code: string | null;
}

export interface ListItem {
  /** 1-based position (the Markdown marker of an ordered list). */
  readonly number: number;
  readonly inlines: readonly Inline[];
  readonly sub: readonly (readonly Inline[])[];
  readonly parts: readonly ItemPart[];
}

export interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly (readonly Inline[])[])[];
}

export interface Block {
  readonly h2: string | null;
  readonly h3: string | null;
  readonly p: readonly Inline[] | null;
  readonly list: { readonly ordered: boolean; readonly items: readonly ListItem[] } | null;
  readonly table: Table | null;
  readonly code: string | null;
}

const INLINE: Inline = { text: null, code: null, link: null, todo: null, strong: false };
const BLOCK: Block = { h2: null, h3: null, p: null, list: null, table: null, code: null };

export const text = (value: unknown): Inline => ({ ...INLINE, text: displayString(value) });
export const strong = (value: unknown): Inline => ({ ...INLINE, text: displayString(value), strong: true });
export const link = (view: PointerView): Inline => ({ ...INLINE, link: view });
export const todo = (key: string, hint: string): Inline => ({ ...INLINE, todo: { key, text: hint, full: `TODO(${key}): ${hint}` } });

/** Inline code; bidirectional controls become visible text followed by the note (reports.md §4.11). */
export function code(value: unknown): Inline[] {
  const c = commandText(value);
  return c.bidi ? [{ ...INLINE, code: c.text }, text(` (${BIDI_NOTE})`)] : [{ ...INLINE, code: c.text }];
}

/** A value, or `not recorded` when absent. */
export function valueOr(value: unknown, fallback = "not recorded"): Inline {
  return value === null || value === undefined || value === "" ? text(fallback) : text(value);
}

export const h2 = (title: string): Block => ({ ...BLOCK, h2: title });
export const h3 = (title: string): Block => ({ ...BLOCK, h3: title });
export const para = (...inlines: (Inline | Inline[])[]): Block => ({ ...BLOCK, p: inlines.flat() });
export const table = (caption: string, head: string[], rows: (Inline | Inline[])[][]): Block => ({
  ...BLOCK,
  table: { caption, head, rows: rows.map((r) => r.map((c) => (Array.isArray(c) ? c : [c]))) },
});

/** A fenced `sh` block in Markdown, a `pre` in HTML; bidirectional controls made visible. */
export function codeBlock(lines: readonly string[]): Block[] {
  const c = commandText(lines.join("\n"));
  return c.bidi ? [{ ...BLOCK, code: c.text }, para(text(`Note: this block ${BIDI_NOTE}.`))] : [{ ...BLOCK, code: c.text }];
}

export function list(ordered: boolean, items: Omit<ListItem, "number">[]): Block {
  return { ...BLOCK, list: { ordered, items: items.map((it, i) => ({ ...it, number: i + 1 })) } };
}

export function item(inlines: (Inline | Inline[])[], sub: (Inline | Inline[])[][] = [], parts: ItemPart[] = []): Omit<ListItem, "number"> {
  return { inlines: inlines.flat(), sub: sub.map((s) => s.flat()), parts };
}

export const partP = (...inlines: (Inline | Inline[])[]): ItemPart => ({ p: inlines.flat(), code: null });
export function partCode(lines: readonly string[]): ItemPart[] {
  const c = commandText(lines.join("\n"));
  return c.bidi ? [{ p: null, code: c.text }, partP(text(`Note: this block ${BIDI_NOTE}.`))] : [{ p: null, code: c.text }];
}

/** How many TODO placeholders a document holds (the postmortem's `This draft has N TODO fields.`). */
export function countTodos(blocks: readonly Block[]): number {
  const inInlines = (xs: readonly Inline[] | null): number => (xs ?? []).filter((x) => x.todo !== null).length;
  let n = 0;
  for (const b of blocks) {
    n += inInlines(b.p);
    for (const it of b.list?.items ?? []) {
      n += inInlines(it.inlines);
      for (const s of it.sub) n += inInlines(s);
      for (const p of it.parts) n += inInlines(p.p);
    }
    for (const row of b.table?.rows ?? []) for (const cell of row) n += inInlines(cell);
  }
  return n;
}
