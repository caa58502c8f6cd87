// Renders a document (doc-model.ts) as an HTML page body and as a Markdown page body.
import { compileMarkdown } from "../markdown/md-env.ts";
import { compileHtml } from "../site/html-env.ts";
import { INCIDENT_DOC_HTML } from "../templates/incident-doc-html.ts";
import { INCIDENT_DOC_MD } from "../templates/incident-doc-md.ts";
import type { Block } from "./doc-model.ts";

const html = compileHtml<{ blocks: readonly Block[] }>(INCIDENT_DOC_HTML);
const md = compileMarkdown(INCIDENT_DOC_MD);

export function docHtml(blocks: readonly Block[]): string {
  return html({ blocks });
}

/**
 * Markdown with runs of blank lines collapsed (the template leaves one per optional part), except inside fenced
 * blocks, whose content is verbatim.
 */
export function docMd(blocks: readonly Block[]): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of md({ blocks }).split("\n")) {
    if (fence === null) {
      if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
      const open = /^(`{3,})sh$/.exec(line);
      if (open !== null) fence = open[1] as string;
    } else if (line === fence) fence = null;
    out.push(line);
  }
  return `${out.join("\n").trimEnd()}\n`;
}
