// The index (reports.md §3.3, §4.2): verdict banner first in <main>, warnings, gate sections, page links,
// inputs (invalid first, then by path; capped), ignored inputs (capped at 100).
import { compareCodePoints } from "@flakewarden/core";
import { blocksHtml, blocksMd } from "../body-render.ts";
import * as b from "../blocks.ts";
import type { Block, Part } from "../blocks.ts";
import { VERDICT_WORD } from "../display.ts";
import { gateSection } from "../gate-sections.ts";
import type { PageBody } from "../page-contract.ts";
import type { SiteRenderContext } from "../render-site.ts";
import { siteWarnings } from "../warnings.ts";

const MAX_INPUT_ROWS = 500;
const MAX_IGNORED_ROWS = 100;

function pageLinks(ctx: SiteRenderContext, others: readonly PageBody[], md: boolean): Block[] {
  const items: Part[][] = [];
  for (const p of others) {
    if (/-\d+$/.test(p.stem)) continue; // later pages are reached through each page's pager
    if (md) {
      if (p.md !== null) items.push([b.pageLink(p.title, `${p.stem}.md`)]);
      else if (ctx.formats.html && p.html !== null) items.push([b.pageLink(p.title, `${p.stem}.html`)]);
    } else if (p.html !== null) {
      items.push([b.pageLink(p.title, `${p.stem}.html`)]);
    }
  }
  return items.length === 0 ? [] : [b.h2("Pages", "pages"), b.list(items)];
}

function inputBlocks(ctx: SiteRenderContext): Block[] {
  const records = ctx.model.records;
  const shown = records.filter((r) => r.status !== "ignored");
  shown.sort((x, y) => (x.status === "invalid") !== (y.status === "invalid") ? (x.status === "invalid" ? -1 : 1) : compareCodePoints(x.path, y.path));
  const out: Block[] = [b.h2("Inputs", "inputs")];
  if (shown.length === 0) out.push(b.para(b.text("No recognised inputs.")));
  else {
    const rows = shown.slice(0, MAX_INPUT_ROWS).map((r) => [
      r.sha256 === null ? [b.code(r.path)] : [b.link({ kind: "link", href: ctx.inputHref(r.path), text: r.path })],
      r.kind ?? "—",
      r.status === "invalid" ? b.badge("INVALID", "fail") : b.badge("VALID", "pass"),
      r.problems.length === 0 ? "" : r.problems.slice(0, 20).join("\n") + (r.problems.length > 20 ? `\nand ${r.problems.length - 20} more in report_manifest.json` : ""),
    ]);
    out.push(b.table("Recognised inputs", ["file", "kind", "status", "problems"], rows));
    if (shown.length > MAX_INPUT_ROWS) out.push(b.para(b.text(`and ${shown.length - MAX_INPUT_ROWS} more in report_manifest.json`)));
  }
  const ignored = records.filter((r) => r.status === "ignored");
  if (ignored.length > 0) {
    const rows = ignored.slice(0, MAX_IGNORED_ROWS).map((r) => [b.code(r.path), r.problems[0] ?? ""]);
    out.push(b.table("Ignored inputs", ["file", "reason"], rows));
    if (ignored.length > MAX_IGNORED_ROWS) out.push(b.para(b.text(`and ${ignored.length - MAX_IGNORED_ROWS} more`)));
  }
  return out;
}

export function renderIndexPage(ctx: SiteRenderContext, others: readonly PageBody[]): PageBody {
  const warnings = siteWarnings(ctx);
  if (ctx.dangling.size > 0) warnings.push(`${ctx.dangling.size} dangling pointers`);
  const head: Block[] = [b.verdictBanner(`Overall verdict: ${VERDICT_WORD[ctx.verdict]}`, ctx.reason, ctx.verdict)];
  if (warnings.length > 0) head.push(b.h2("Warnings", "warnings"), b.list(warnings.map((w) => [b.badge("WARN", "warn"), b.text(` ${w}`)])));
  const gates = (md: boolean): Block[] =>
    ctx.gates.length === 0 ? [b.h2("Gates", "gates"), b.para(b.text("No gate report found under --in."))] : ctx.gates.flatMap((g) => gateSection(ctx, g, md));
  const tail = inputBlocks(ctx);
  return {
    stem: "index",
    title: "Overview",
    html: blocksHtml([...head, ...gates(false), ...pageLinks(ctx, others, false), ...tail]),
    md: blocksMd([...head, ...gates(true), ...pageLinks(ctx, others, true), ...tail]),
  };
}
