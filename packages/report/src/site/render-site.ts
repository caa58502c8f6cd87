// renderSite (reports.md §1): discovery results → every file of the site, in memory. Pure: no file
// system, no clock, no environment; the CLI walks --in and writes what this returns.
import { compareCodePoints, parseTimestamp } from "@flakewarden/core";
import { VERDICT_WORD, manifestTime, showTime } from "./display.ts";
import { currentGates, overallVerdict, type Gate } from "./gates.ts";
import { renderHtmlPage, renderMdPage, type NavItem } from "./layout.ts";
import type { PageBody, PointerView, SiteContext } from "./page-contract.ts";
import { renderFlakesPages } from "./pages/flakes-pages.ts";
import { renderIndexPage } from "./pages/index-page.ts";
import { renderQuarantinePages } from "./pages/quarantine-pages.ts";
import { renderIncidentPages } from "./pages/incident-pages.ts";
import { inputHref, resolvePointer } from "./pointers.ts";
import type { InputRecord, SiteInput } from "./recognise.ts";
import { sha256Hex } from "./sha256.ts";
import { MANIFEST_NAME, MARKER_CONTENT, MARKER_NAME, manifestText } from "./site-manifest.ts";
import { buildSiteModel, type SiteModel } from "./site-model.ts";

export type Format = "html" | "md";
export type ClockSource = "--now" | "FLAKEWARDEN_NOW" | "system";

export interface RenderSiteOptions {
  readonly inputs: readonly SiteInput[];
  readonly fileIndex: ReadonlySet<string>;
  readonly linkPrefix: string;
  readonly now: string;
  readonly clockSource: ClockSource;
  readonly toolVersion: string;
  readonly formats: readonly Format[];
}

export interface SiteFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface RenderSiteResult {
  readonly files: SiteFile[];
  readonly verdict: "pass" | "fail" | "no_verdict";
  readonly counts: { gates: number; pass: number; fail: number; invalid: number; files: number };
  /** Recognised inputs (valid or invalid); 0 means `no flakewarden artifacts found` for the CLI. */
  readonly recognised: number;
}

/** What the site's own pages need beyond the part-B contract. */
export interface SiteRenderContext extends SiteContext {
  readonly model: SiteModel;
  readonly gates: readonly Gate[];
  readonly reason: string;
  readonly linkPrefix: string;
  readonly fileIndex: ReadonlySet<string>;
  /** Distinct pointer values rendered as dangling so far. */
  readonly dangling: Set<string>;
}

const ENCODER = new TextEncoder();

function selectedFormats(formats: readonly Format[]): { html: boolean; md: boolean; list: Format[] } {
  const html = formats.includes("html");
  const md = formats.includes("md");
  const list: Format[] = [];
  if (html) list.push("html");
  if (md) list.push("md");
  return { html, md, list };
}

export function renderSite(options: RenderSiteOptions): RenderSiteResult {
  const nowMs = parseTimestamp(options.now);
  if (nowMs === null) throw new Error(`renderSite: now is not a timestamp: ${options.now}`);
  const formats = selectedFormats(options.formats);
  const inputs = [...options.inputs].sort((a, b) => compareCodePoints(a.path, b.path));
  const model = buildSiteModel(inputs);
  const gates = currentGates(model.current);
  const invalid = model.records.filter((r) => r.status === "invalid").length;
  const recognised = model.records.filter((r) => r.status !== "ignored").length;
  const overall = overallVerdict(gates, invalid, recognised);
  const dangling = new Set<string>();
  const dirs = new Set<string>();
  for (const file of options.fileIndex) {
    for (let at = file.indexOf("/"); at > 0; at = file.indexOf("/", at + 1)) dirs.add(file.slice(0, at));
  }
  const files = { has: (p: string) => options.fileIndex.has(p), hasDir: (p: string) => dirs.has(p) };
  const ctx: SiteRenderContext = {
    now: showTime(nowMs),
    nowMs,
    clockSource: options.clockSource,
    toolVersion: options.toolVersion,
    formats: { html: formats.html, md: formats.md },
    current: model.current,
    history: model.history,
    pointer(value: string): PointerView {
      const view = resolvePointer(value, files, options.linkPrefix);
      if (view.kind === "dangling") dangling.add(value);
      return view;
    },
    inputHref: (path) => inputHref(options.linkPrefix, path),
    verdict: overall.verdict,
    model,
    gates,
    reason: overall.reason,
    linkPrefix: options.linkPrefix,
    fileIndex: options.fileIndex,
    dangling,
  };

  // The index counts the dangling pointers of every other page, so it is rendered last.
  const others: PageBody[] = [...renderFlakesPages(ctx), ...renderQuarantinePages(ctx), ...renderIncidentPages(ctx)];
  const pages: PageBody[] = [renderIndexPage(ctx, others), ...others];

  const out: { path: string; text: string }[] = [];
  const badgeClass = overall.verdict === "pass" ? "pass" : "fail";
  for (const page of pages) {
    const nav = navFor(pages, page.stem);
    const h1 = page.stem === "index" ? null : page.title;
    if (formats.html && page.html !== null) {
      out.push({
        path: `${page.stem}.html`,
        text: renderHtmlPage({ title: `${page.title} · flakewarden report`, h1, badgeClass, badgeText: VERDICT_WORD[overall.verdict], nav, body: page.html, now: ctx.now, clockSource: ctx.clockSource, toolVersion: ctx.toolVersion }),
      });
    }
    if (formats.md && page.md !== null) {
      out.push({
        path: `${page.stem}.md`,
        // A page that marks its Markdown verbatim (rollback_instructions.md must equal renderRollbackInstructions
        // byte for byte, reports.md §1) is written without the Markdown frame.
        text: page.mdVerbatim === true ? page.md : renderMdPage({ title: page.title, h1, badgeText: VERDICT_WORD[overall.verdict], body: page.md, now: ctx.now, clockSource: ctx.clockSource, toolVersion: ctx.toolVersion, navMd: "" }),
      });
    }
  }
  out.sort((a, b) => compareCodePoints(a.path, b.path));
  const written: SiteFile[] = out.map((f) => ({ path: f.path, bytes: ENCODER.encode(f.text) }));
  const manifest = manifestText({
    generatedAt: manifestTime(nowMs),
    clockSource: options.clockSource,
    toolVersion: options.toolVersion,
    overallVerdict: overall.verdict,
    formats: formats.list,
    gates: gates.map((g) => ({ kind: g.kind, path: g.artifact.path, verdict: g.verdict })),
    inputs: model.records,
    pages: written.map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.length })),
  });
  const all = [...written, { path: MANIFEST_NAME, bytes: ENCODER.encode(manifest) }, { path: MARKER_NAME, bytes: ENCODER.encode(MARKER_CONTENT) }];
  all.sort((a, b) => compareCodePoints(a.path, b.path));
  const passCount = gates.filter((g) => g.verdict !== "fail").length;
  return {
    files: all,
    verdict: overall.verdict,
    counts: { gates: gates.length, pass: passCount, fail: gates.length - passCount, invalid, files: all.length },
    recognised,
  };
}

/** Nav: one entry per page family (first page of each), pointing at the HTML file. */
function navFor(pages: readonly PageBody[], stem: string): NavItem[] {
  const family = (s: string): string => s.replace(/-\d+$/, "");
  const seen = new Set<string>();
  const items: NavItem[] = [];
  for (const p of pages) {
    if (p.html === null) continue;
    const f = family(p.stem);
    if (seen.has(f)) continue;
    seen.add(f);
    items.push({ text: NAV_TITLES[f] ?? p.title, href: `${p.stem}.html`, current: family(stem) === f });
  }
  return items;
}

const NAV_TITLES: Readonly<Record<string, string>> = {
  index: "Overview",
  flakes: "Flakes",
  quarantine: "Quarantine",
  incident: "Incident",
  rollback_instructions: "Rollback instructions",
  postmortem: "Postmortem",
};

