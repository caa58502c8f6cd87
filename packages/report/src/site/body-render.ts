// Blocks → page body text, through the two private handlebars environments.
import { compileMarkdown } from "../markdown/md-env.ts";
import { SITE_BODY_HTML, SITE_BODY_MD } from "../templates/site-body.ts";
import type { Block } from "./blocks.ts";
import { compileHtml } from "./html-env.ts";

const htmlBody = compileHtml<{ blocks: readonly Block[] }>(SITE_BODY_HTML, { data: false });
const mdBody = compileMarkdown(SITE_BODY_MD, { data: false });

export function blocksHtml(blocks: readonly Block[]): string {
  return htmlBody({ blocks });
}

/** Markdown body; runs of blank lines collapse to one so the layout does not depend on which blocks exist. */
export function blocksMd(blocks: readonly Block[]): string {
  if (blocks.some((b) => b.suiteRows !== null)) throw new Error("blocksMd: suite rows are HTML only");
  return mdBody({ blocks }).replace(/\n{3,}/g, "\n\n");
}
