// Pagination shared by the flakes and quarantine pages: `<stem>.ext`, `<stem>-2.ext`, … and a
// `Page i of n` list linking every page.
import * as b from "./blocks.ts";
import type { Block, Part } from "./blocks.ts";

export function pageStem(stem: string, i: number): string {
  return i === 0 ? stem : `${stem}-${i + 1}`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length === 0 ? [[]] : out;
}

export function pagerBlock(stem: string, i: number, n: number, ext: "html" | "md"): Block {
  const parts: Part[] = [b.text(`Page ${i + 1} of ${n}: `)];
  for (let k = 0; k < n; k++) {
    if (k > 0) parts.push(b.text(" "));
    parts.push(k === i ? b.text(String(k + 1)) : b.pageLink(String(k + 1), `${pageStem(stem, k)}.${ext}`));
  }
  return b.para(...parts);
}
