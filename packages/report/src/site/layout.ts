// Wraps page bodies in the shared HTML layout: CSP with the style hash, header badge, nav, footer.
import { LAYOUT_HEAD, LAYOUT_TAIL } from "../templates/layout.ts";
import { mdText } from "../markdown/md-helpers.ts";
import { compileHtml } from "./html-env.ts";
import { sha256Base64 } from "./sha256.ts";
import { SITE_CSS } from "./style.ts";

export const CSS_HASH = sha256Base64(SITE_CSS);

export interface NavItem {
  readonly text: string;
  readonly href: string;
  readonly current: boolean;
}

interface HeadView {
  cssHash: string;
  title: string;
  badgeClass: string;
  badgeText: string;
  nav: NavItem[];
  h1: string | null;
}

interface TailView {
  now: string;
  clockSource: string;
  toolVersion: string;
}

const head = compileHtml<HeadView>(LAYOUT_HEAD);
const tail = compileHtml<TailView>(LAYOUT_TAIL);

export interface LayoutInput {
  readonly title: string;
  /** The page's h1; null on the index, whose h1 is the verdict heading inside the body. */
  readonly h1: string | null;
  readonly badgeClass: "pass" | "fail" | "none";
  readonly badgeText: string;
  readonly nav: readonly NavItem[];
  readonly body: string;
  readonly now: string;
  readonly clockSource: string;
  readonly toolVersion: string;
}

export function renderHtmlPage(p: LayoutInput): string {
  const top = head({ cssHash: CSS_HASH, title: p.title, badgeClass: p.badgeClass, badgeText: p.badgeText, nav: [...p.nav], h1: p.h1 });
  const bottom = tail({ now: p.now, clockSource: p.clockSource, toolVersion: p.toolVersion });
  const body = p.body.endsWith("\n") || p.body === "" ? p.body : `${p.body}\n`;
  return `${top}${body}${bottom}`;
}

/** Markdown frame: badge line, page links, body, as-of footer. */
export function renderMdPage(p: { title: string; h1: string | null; badgeText: string; body: string; now: string; clockSource: string; toolVersion: string; navMd: string }): string {
  const parts: string[] = [];
  // A body that brings its own title line (the incident pages) keeps it: one h1 per page.
  if (p.h1 !== null && !p.body.startsWith("# ")) parts.push(`# ${mdText(p.h1)}`, "");
  parts.push(`Verdict: **${p.badgeText}**`, "");
  if (p.navMd !== "") parts.push(p.navMd, "");
  parts.push(p.body.trimEnd(), "");
  parts.push("---", "", `As of ${p.now} (${p.clockSource}) · flakewarden ${p.toolVersion}`, "");
  return parts.join("\n");
}
