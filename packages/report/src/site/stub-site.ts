// The stub site left by a run that failed after --out was accepted (reports.md §2): it shows NO REPORT and
// the one-line reason, so an older site never survives a failed run.
import { compareCodePoints, parseTimestamp } from "@flakewarden/core";
import { blocksHtml, blocksMd } from "./body-render.ts";
import { verdictBanner } from "./blocks.ts";
import { manifestTime, showTime } from "./display.ts";
import { renderHtmlPage, renderMdPage } from "./layout.ts";
import type { ClockSource, Format, SiteFile } from "./render-site.ts";
import { sha256Hex } from "./sha256.ts";
import { MANIFEST_NAME, MARKER_CONTENT, MARKER_NAME, manifestText } from "./site-manifest.ts";

const ENCODER = new TextEncoder();

export interface StubOptions {
  /** The stderr line, paths as given; for exit 3 `internal error: this is a bug`. */
  readonly reason: string;
  readonly now: string;
  readonly clockSource: ClockSource;
  readonly toolVersion: string;
  readonly formats: readonly Format[];
}

export function renderStubSite(o: StubOptions): SiteFile[] {
  const nowMs = parseTimestamp(o.now);
  if (nowMs === null) throw new Error(`renderStubSite: now is not a timestamp: ${o.now}`);
  const blocks = [verdictBanner("Overall verdict: NO REPORT", o.reason, "no_report")];
  const common = { now: showTime(nowMs), clockSource: o.clockSource, toolVersion: o.toolVersion };
  const files: SiteFile[] = [];
  if (o.formats.includes("html")) {
    const html = renderHtmlPage({ ...common, title: "Overview · flakewarden report", h1: null, badgeClass: "fail", badgeText: "NO REPORT", nav: [{ text: "Overview", href: "index.html", current: true }], body: blocksHtml(blocks) });
    files.push({ path: "index.html", bytes: ENCODER.encode(html) });
  }
  if (o.formats.includes("md")) {
    const md = renderMdPage({ ...common, title: "Overview", h1: null, badgeText: "NO REPORT", body: blocksMd(blocks), navMd: "" });
    files.push({ path: "index.md", bytes: ENCODER.encode(md) });
  }
  const formats: Format[] = (["html", "md"] as const).filter((f) => o.formats.includes(f));
  const manifest = manifestText({
    generatedAt: manifestTime(nowMs),
    clockSource: o.clockSource,
    toolVersion: o.toolVersion,
    overallVerdict: "no_report",
    formats,
    gates: [],
    inputs: [],
    pages: files.map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.length })),
  });
  files.push({ path: MANIFEST_NAME, bytes: ENCODER.encode(manifest) }, { path: MARKER_NAME, bytes: ENCODER.encode(MARKER_CONTENT) });
  return files.sort((a, b) => compareCodePoints(a.path, b.path));
}
