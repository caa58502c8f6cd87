// Inline SVG charts from our own code (reports.md §4.13): no script, no external asset, colours by class.
// Coordinates use + − × ÷ only (transcendental functions differ in the last bit between Node and Deno)
// and go through fmt2 with trailing zeros dropped. Every input-derived text is escaped here.
import { cutCodePoints, fmt2 } from "@flakewarden/core";
import { replaceControls } from "../text/sanitize.ts";
import { escapeHtml, TrustedHtml } from "./trusted-html.ts";

/** fmt2 without trailing zeros: 12.50 → 12.5, 3.00 → 3. */
export function coord(x: number): string {
  const t = fmt2(x).replace(/0+$/, "").replace(/\.$/, "");
  return t === "-0" ? "0" : t;
}

/** y-axis top: max(values, threshold) rounded up to a multiple of 5, at least 5. */
export function axisMax(values: readonly number[], threshold: number | null): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (threshold !== null && threshold > max) max = threshold;
  let top = 5;
  while (top < max) top += 5;
  return top;
}

function esc(text: string): string {
  return escapeHtml(replaceControls(text));
}

export interface LinePoint {
  readonly label: string;
  readonly value: number;
}

export interface ChartText {
  /** 1-based position of the chart on its page (ids chart-<k>-title/-desc). */
  readonly k: number;
  readonly title: string;
  /** Shown after the first/last/max statement of the desc. */
  readonly unit: string;
  /** Formats values for the desc and labels. */
  readonly fmt: (v: number) => string;
}

function desc(values: readonly number[], t: ChartText): string {
  if (values.length === 0) return "No data";
  let max = values[0] as number;
  for (const v of values) if (v > max) max = v;
  return `First value ${t.fmt(values[0] as number)}${t.unit}, last value ${t.fmt(values[values.length - 1] as number)}${t.unit}, maximum ${t.fmt(max)}${t.unit}.`;
}

function open(t: ChartText, height: number, values: readonly number[]): string {
  return [
    `<svg viewBox="0 0 640 ${height}" width="100%" role="img" aria-labelledby="chart-${t.k}-title chart-${t.k}-desc">`,
    `<title id="chart-${t.k}-title">${esc(t.title)}</title>`,
    `<desc id="chart-${t.k}-desc">${esc(desc(values, t))}</desc>`,
  ].join("\n");
}

const LEFT = 50;
const RIGHT = 620;
const TOP = 20;
const BOTTOM = 200;

/** A line chart of a series, with an optional dashed threshold line; empty → null (the page says No data). */
export function lineChart(points: readonly LinePoint[], threshold: number | null, t: ChartText): TrustedHtml | null {
  if (points.length === 0) return null;
  const values = points.map((p) => p.value);
  const top = axisMax(values, threshold);
  const y = (v: number): number => BOTTOM - (v * (BOTTOM - TOP)) / top;
  const x = (i: number): number => (points.length === 1 ? (LEFT + RIGHT) / 2 : LEFT + (i * (RIGHT - LEFT)) / (points.length - 1));
  const out: string[] = [open(t, 240, values)];
  for (let g = 0; g <= 5; g++) {
    const v = (top * g) / 5;
    out.push(`<line class="chart-grid" x1="${LEFT}" y1="${coord(y(v))}" x2="${RIGHT}" y2="${coord(y(v))}"/>`);
    out.push(`<text x="${LEFT - 6}" y="${coord(y(v) + 4)}" text-anchor="end">${esc(t.fmt(v))}</text>`);
  }
  out.push(`<line class="chart-axis" x1="${LEFT}" y1="${BOTTOM}" x2="${RIGHT}" y2="${BOTTOM}"/>`);
  if (threshold !== null) out.push(`<line class="chart-threshold" x1="${LEFT}" y1="${coord(y(threshold))}" x2="${RIGHT}" y2="${coord(y(threshold))}"/>`);
  if (points.length > 1) {
    out.push(`<polyline class="chart-line" points="${points.map((p, i) => `${coord(x(i))},${coord(y(p.value))}`).join(" ")}"/>`);
  }
  points.forEach((p, i) => out.push(`<circle class="chart-point" cx="${coord(x(i))}" cy="${coord(y(p.value))}" r="3"/>`));
  const first = points[0] as LinePoint;
  const last = points[points.length - 1] as LinePoint;
  out.push(`<text x="${coord(x(0))}" y="220" text-anchor="${points.length === 1 ? "middle" : "start"}">${esc(first.label)}</text>`);
  if (points.length > 1) out.push(`<text x="${coord(x(points.length - 1))}" y="220" text-anchor="end">${esc(last.label)}</text>`);
  out.push("</svg>");
  return TrustedHtml.fromEscaped(out.join("\n"));
}

const BAR_LABEL_X = 230;
const BAR_LEFT = 240;
const BAR_RIGHT = 580;

/** A horizontal bar chart (at most the bars given), with an optional threshold line. */
export function barChart(bars: readonly LinePoint[], threshold: number | null, t: ChartText): TrustedHtml | null {
  if (bars.length === 0) return null;
  const values = bars.map((b) => b.value);
  const top = axisMax(values, threshold);
  const height = 40 + 18 * bars.length;
  const x = (v: number): number => BAR_LEFT + (v * (BAR_RIGHT - BAR_LEFT)) / top;
  const out: string[] = [open(t, height, values)];
  for (let g = 0; g <= 5; g++) {
    const v = (top * g) / 5;
    out.push(`<line class="chart-grid" x1="${coord(x(v))}" y1="16" x2="${coord(x(v))}" y2="${height - 20}"/>`);
    out.push(`<text x="${coord(x(v))}" y="${height - 6}" text-anchor="middle">${esc(t.fmt(v))}</text>`);
  }
  bars.forEach((b, i) => {
    const yTop = 20 + 18 * i;
    const label = cutCodePoints(replaceControls(b.label), 40);
    const full = label === b.label ? "" : `<title>${esc(b.label)}</title>`;
    out.push(`<text x="${BAR_LABEL_X}" y="${yTop + 12}" text-anchor="end">${full}${esc(label)}</text>`);
    out.push(`<rect class="chart-bar" x="${BAR_LEFT}" y="${yTop + 2}" width="${coord(x(b.value) - BAR_LEFT)}" height="12"/>`);
    out.push(`<text x="${coord(x(b.value) + 4)}" y="${yTop + 12}">${esc(t.fmt(b.value))}</text>`);
  });
  if (threshold !== null) out.push(`<line class="chart-threshold" x1="${coord(x(threshold))}" y1="16" x2="${coord(x(threshold))}" y2="${height - 20}"/>`);
  out.push("</svg>");
  return TrustedHtml.fromEscaped(out.join("\n"));
}
