// The incident, rollback_instructions and postmortem pages (reports.md §3.3, §4.7–§4.9). They exist only when a
// valid incident packet, postmortem, rollback safety report or npm rollback outcome was found under --in.
import { incidentDoc } from "../../incident/incident-doc.ts";
import * as d from "../../incident/doc-model.ts";
import { postmortemDoc } from "../../incident/postmortem-doc.ts";
import { docHtml, docMd } from "../../incident/render-doc.ts";
import { rollbackDoc, rollbackTitle } from "../../incident/rollback-doc.ts";
import { renderRollbackInstructions } from "../../rollback/render-rollback-instructions.ts";
import { toRollbackModel, type RollbackInstructionsInput } from "../../rollback/rollback-model.ts";
import { VERDICT_WORD } from "../display.ts";
import { renderMdPage } from "../layout.ts";
import type { PageBody, SiteContext } from "../page-contract.ts";

/** The artifacts renderRollbackInstructions reads, as the site found them. */
export function rollbackInputs(ctx: SiteContext): RollbackInstructionsInput {
  return {
    incident: ctx.current("incident")?.data ?? null,
    rollbackSafety: ctx.current("rollback_safety")?.data ?? null,
    traceability: ctx.current("traceability")?.data ?? null,
    npmRollback: ctx.current("npm_rollback")?.data ?? null,
    artifactIndex: ctx.current("artifact_index")?.data ?? null,
  };
}

export function hasIncidentPages(ctx: SiteContext): boolean {
  return ctx.current("incident") !== null || ctx.current("postmortem") !== null || ctx.current("rollback_safety") !== null || ctx.current("npm_rollback") !== null;
}

/** Links between the three pages: to the .html files in HTML, to the .md files in Markdown. */
function linksBlock(ext: "html" | "md"): d.Block[] {
  return [
    d.h2("Links"),
    d.list(false, [
      d.item([d.link({ kind: "link", href: `rollback_instructions.${ext}`, text: "Rollback instructions" })]),
      d.item([d.link({ kind: "link", href: `postmortem.${ext}`, text: "Postmortem draft" })]),
    ]),
  ];
}

export function renderIncidentPages(ctx: SiteContext): PageBody[] {
  if (!hasIncidentPages(ctx)) return [];
  const incident = incidentDoc(ctx);
  const inputs = rollbackInputs(ctx);
  const model = toRollbackModel(inputs);
  const postmortem = postmortemDoc(ctx);
  // Unused forms are not rendered: the assembler writes only the selected formats.
  const html = (blocks: () => d.Block[]): string | null => (ctx.formats.html ? docHtml(blocks()) : null);
  // All three .md files are complete documents (mdVerbatim): rollback_instructions.md must equal
  // renderRollbackInstructions's output byte for byte, and the other two carry the site's usual Markdown frame.
  const md = (title: string, blocks: () => d.Block[]): string | null =>
    ctx.formats.md
      ? renderMdPage({ title, h1: title, badgeText: VERDICT_WORD[ctx.verdict], body: docMd(blocks()), now: ctx.now, clockSource: ctx.clockSource, toolVersion: ctx.toolVersion, navMd: "" })
      : null;
  return [
    {
      stem: "incident",
      title: "Incident",
      html: html(() => [...incident, ...linksBlock("html")]),
      md: md("Incident", () => [...incident, ...linksBlock("md")]),
      mdVerbatim: true,
    },
    {
      stem: "rollback_instructions",
      title: rollbackTitle(model),
      html: html(() => rollbackDoc(model, (p) => ctx.pointer(p))),
      // Exactly what `flakewarden incident` writes for the same artifacts (reports.md §1).
      md: ctx.formats.md ? renderRollbackInstructions(inputs) : null,
      mdVerbatim: true,
    },
    {
      stem: "postmortem",
      title: "Postmortem draft",
      html: html(() => postmortem),
      md: md("Postmortem draft", () => postmortem),
      mdVerbatim: true,
    },
  ];
}

