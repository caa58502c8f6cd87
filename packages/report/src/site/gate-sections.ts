// Gate sections of the index (reports.md §4.3): heading and badge, source link, checks, metrics, history.
import { fmt2 } from "@flakewarden/core";
import * as b from "./blocks.ts";
import type { Block, Part } from "./blocks.ts";
import { NOT_RECORDED, showTimestamp, showValue } from "./display.ts";
import { dashboardCounts, pilotRows, signalQualityRows, verdictOf, type Gate, type GateVerdict } from "./gates.ts";
import type { Artifact } from "./page-contract.ts";
import { pairedEvents } from "./warnings.ts";
import type { SiteRenderContext } from "./render-site.ts";
import { BIDI_NOTE, commandText } from "../text/sanitize.ts";

type Doc = Record<string, any>;

const STATUS_CLASS: Readonly<Record<string, b.BadgeClass>> = { pass: "pass", passed: "pass", fail: "fail", failed: "fail", warn: "warn", skip: "none" };

export function statusBadge(status: string): Part {
  return b.badge(status.toUpperCase(), STATUS_CLASS[status] ?? "none");
}

export function verdictBadge(v: GateVerdict): Part {
  return b.badge(v.toUpperCase(), v === "pass" ? "pass" : v === "warn" ? "warn" : "fail");
}

/** A command as code, with bidi controls spelled out and the note when there were any. */
export function commandParts(value: string): Part[] {
  const c = commandText(value);
  return c.bidi ? [b.code(c.text), b.text(` (${BIDI_NOTE})`)] : [b.code(c.text)];
}

function sourceLine(ctx: SiteRenderContext, a: Artifact, v: GateVerdict | null): Block {
  const parts: Part[] = [];
  if (v !== null) parts.push(verdictBadge(v), b.text(" "));
  parts.push(b.text("Source: "), b.link({ kind: "link", href: ctx.inputHref(a.path), text: a.path }));
  parts.push(b.text(` · ${a.timestamp === null ? "time not recorded" : showTimestamp(a.timestamp)}`));
  const sha = (a.data as Doc).git_sha;
  if (typeof sha === "string" && sha !== "") parts.push(b.text(" · git_sha "), b.code(sha));
  return b.para(...parts);
}

/** Rows of a measured/threshold table; breach? is a strict > on the displayed values. */
function metricRow(name: string, measured: string, threshold: string, rule: string): (string | Part)[] {
  const m = Number(measured);
  const t = Number(threshold);
  const known = measured !== NOT_RECORDED && threshold !== NOT_RECORDED && measured !== "" && threshold !== "" && Number.isFinite(m) && Number.isFinite(t);
  return [name, measured, threshold, rule, known ? (m > t ? b.badge("BREACH", "fail") : "no") : "—"];
}

const METRIC_HEADERS = ["metric", "measured", "threshold", "rule", "breach?"];

function rate(value: unknown): string {
  return typeof value === "number" ? fmt2(value) : showValue(value);
}

/** Older valid artifacts of a kind, newest first, in a collapsed block (reports.md §3.1). */
export function historyBlocks(ctx: SiteRenderContext, kind: Artifact["kind"], title: string): Block[] {
  const hist = ctx.history(kind);
  if (hist.length === 0) return [];
  const rows = hist.slice(0, 500).map((a) => {
    const v = verdictOf(a);
    return [b.link({ kind: "link", href: ctx.inputHref(a.path), text: a.path }), a.timestamp === null ? "not recorded" : showTimestamp(a.timestamp), v === null ? "—" : verdictBadge(v)];
  });
  const more = hist.length > 500 ? [b.para(b.text(`and ${hist.length - 500} more in report_manifest.json`))] : [];
  return [b.detailsOpen(`History (${hist.length})`), b.table(`${title}: history, newest first`, ["file", "time", "verdict"], rows), ...more, b.detailsClose()];
}

export function invalidItemsBlocks(a: Artifact, title: string): Block[] {
  if (a.invalidItems.length === 0) return [];
  const rows = a.invalidItems.slice(0, 500).map((p) => [p]);
  const more = a.invalidItems.length > 500 ? [b.para(b.text(`and ${a.invalidItems.length - 500} more in report_manifest.json`))] : [];
  return [b.table(`${title}: invalid items`, ["problem"], rows), ...more];
}

function checksTable(title: string, rows: readonly (readonly (string | Part | readonly Part[])[])[]): Block {
  return b.table(`${title}: checks`, ["check", "status", "detail"], rows);
}

function governanceBlocks(ctx: SiteRenderContext, g: Gate): Block[] {
  const d = g.artifact.data as Doc;
  const rows: (string | Part | Part[])[][] = [];
  const findings: Doc[] = [];
  for (const r of d.results as Doc[]) {
    const detail: Part[] = [b.text(r.detail)];
    if (r.status === "fail" && Array.isArray(r.findings)) {
      for (const f of r.findings as Doc[]) {
        detail.push(b.br(), b.text(`finding: ${f.message}`));
        findings.push(f);
      }
    }
    rows.push([r.check_id, statusBadge(r.status), detail]);
  }
  const policy = ctx.current("governance_policy");
  const qt = (policy?.data as Doc | undefined)?.quality_thresholds as Doc | undefined;
  const th = d.thresholds as Doc | null | undefined;
  const health = d.dashboard_health as Doc | null | undefined;
  const metrics = d.metrics as Doc | null | undefined;
  const passDetail = (d.results as Doc[]).map((r) => /quarantine healthy \(entries=(\d+), unresolved_high=(\d+), unresolved_critical=(\d+)\)/.exec(r.detail)).find((m) => m !== null) ?? null;
  const spec: { name: string; key: string; health: string | null; metric: string | null; detailIndex: number | null; isRate: boolean }[] = [
    { name: "flake rate (%)", key: "max_flake_rate_pct", health: "flake_rate_pct", metric: null, detailIndex: null, isRate: true },
    { name: "false-positive rate (%)", key: "max_false_positive_rate_pct", health: "false_positive_proxy_rate_pct", metric: null, detailIndex: null, isRate: true },
    { name: "critical test failures", key: "max_critical_test_failures", health: "critical_test_failures", metric: null, detailIndex: null, isRate: false },
    { name: "unresolved high", key: "max_unresolved_high_severity_flakes", health: null, metric: "unresolved_high", detailIndex: 2, isRate: false },
    { name: "unresolved critical", key: "max_unresolved_critical_severity_flakes", health: null, metric: "unresolved_critical", detailIndex: 3, isRate: false },
  ];
  const metricRows = spec.map((m) => {
    const finding = findings.find((f) => typeof f.path === "string" && f.path.endsWith(m.key) && f.actual !== null && f.actual !== undefined);
    let measured: string = NOT_RECORDED;
    if (finding !== undefined) measured = m.isRate ? rate(finding.actual) : showValue(finding.actual);
    else if (m.health !== null && health?.[m.health] !== undefined && health?.[m.health] !== null) measured = m.isRate ? rate(health[m.health]) : showValue(health[m.health]);
    else if (m.metric !== null && metrics?.[m.metric] !== undefined && metrics?.[m.metric] !== null) measured = showValue(metrics[m.metric]);
    else if (m.detailIndex !== null && passDetail !== null) measured = passDetail[m.detailIndex] ?? NOT_RECORDED;
    let threshold: string = NOT_RECORDED;
    if (finding !== undefined && finding.limit !== null && finding.limit !== undefined) threshold = showValue(finding.limit);
    else if (th?.[m.key] !== undefined && th?.[m.key] !== null) threshold = showValue(th[m.key]);
    else if (qt?.[m.key] !== undefined && qt?.[m.key] !== null) threshold = showValue(qt[m.key]);
    return metricRow(m.name, measured, threshold, "measured > threshold");
  });
  const events = pairedEvents(ctx, g.artifact);
  const evLine = events === null ? [] : [b.para(b.text("Events: "), b.link({ kind: "link", href: ctx.inputHref(events.path), text: events.path }))];
  return [checksTable(g.name, rows), b.table(`${g.name}: metrics`, METRIC_HEADERS, metricRows), ...evLine];
}

/**
 * A link to another page of the site from an index section: Markdown links to the .md page when it has
 * one, else to the HTML page when html is selected, else no link (reports.md §3.3).
 */
function pageRef(ctx: SiteRenderContext, label: string, textValue: string, stem: string, hasMd: boolean, md: boolean): Block[] {
  if (md && hasMd && ctx.formats.md) return [b.para(b.text(label), b.pageLink(textValue, `${stem}.md`))];
  if (ctx.formats.html) return [b.para(b.text(label), b.pageLink(textValue, `${stem}.html`))];
  return [];
}

function detectBlocks(ctx: SiteRenderContext, g: Gate, md: boolean): Block[] {
  const d = g.artifact.data as Doc;
  const c = dashboardCounts(d);
  const rows = [
    ["no failed runs", statusBadge(d.run_failed === true ? "fail" : "pass"), d.run_failed === true ? "run_failed is true" : ""],
    ["no unstable suites", statusBadge(c.unstable > 0 ? "fail" : "pass"), `${c.unstable} of ${c.suites} suites unstable`],
  ];
  const th = flakeThreshold(ctx);
  const metrics = [
    metricRow("unstable suites", String(c.unstable), "0", "measured > threshold"),
    metricRow("deterministic failures", String(c.deterministic), "0", "measured > threshold"),
    metricRow("flake rate (%)", fmt2(c.suites === 0 ? 0 : (c.unstable * 100) / c.suites), th === null ? NOT_RECORDED : String(th), "measured > threshold"),
  ];
  return [checksTable(g.name, rows), b.table(`${g.name}: metrics`, METRIC_HEADERS, metrics), ...pageRef(ctx, "Suites: ", "flakes page", "flakes", false, md)];
}

/** max_flake_rate_pct from the policy, a governance report's thresholds, or a governance finding. */
export function flakeThreshold(ctx: SiteRenderContext): number | null {
  const p = (ctx.current("governance_policy")?.data as Doc | undefined)?.quality_thresholds?.max_flake_rate_pct;
  if (typeof p === "number") return p;
  const gov = ctx.current("governance")?.data as Doc | undefined;
  const t = gov?.thresholds?.max_flake_rate_pct;
  if (typeof t === "number") return t;
  for (const r of (gov?.results as Doc[] | undefined) ?? []) {
    for (const f of (r.findings as Doc[] | undefined) ?? []) if (typeof f.path === "string" && f.path.endsWith("max_flake_rate_pct") && typeof f.limit === "number") return f.limit;
  }
  return null;
}

function signalQualityBlocks(g: Gate): Block[] {
  const d = g.artifact.data as Doc;
  const rows = signalQualityRows(d).map((r) => [r.id, statusBadge(r.status), r.detail]);
  const th = d.thresholds as Doc;
  const metricRows = Object.keys(d.metrics as Doc).map((key) => {
    const tKey = key === "false_positive_proxy_rate_pct" ? "max_false_positive_rate_pct" : `max_${key}`;
    const has = Object.hasOwn(th, tKey);
    return metricRow(key, showValue((d.metrics as Doc)[key]), has ? showValue(th[tKey]) : NOT_RECORDED, has ? `measured > ${tKey}` : "—");
  });
  return [checksTable(g.name, rows), b.table(`${g.name}: metrics`, METRIC_HEADERS, metricRows)];
}

function burndownBlocks(ctx: SiteRenderContext, g: Gate, md: boolean): Block[] {
  const d = g.artifact.data as Doc;
  const rows: (string | Part)[][] = [["no blocking reasons", statusBadge(d.release_gate.blocked ? "fail" : "pass"), d.release_gate.blocked ? "release gate blocked" : ""]];
  for (const r of d.release_gate.reasons as string[]) rows.push(["reason", statusBadge("fail"), r]);
  const invalid = Array.isArray(d.invalid_entries) ? d.invalid_entries.length : typeof d.summary.invalid_entries === "number" ? d.summary.invalid_entries : null;
  const metrics = [
    metricRow("critical flakes", String(d.summary.critical_flakes), NOT_RECORDED, "—"),
    metricRow("SLA breaches", String(d.summary.overdue_sla_count), NOT_RECORDED, "—"),
    metricRow("invalid entries", invalid === null ? NOT_RECORDED : String(invalid), NOT_RECORDED, "—"),
  ];
  return [checksTable(g.name, rows), b.table(`${g.name}: metrics`, METRIC_HEADERS, metrics), ...pageRef(ctx, "Burndown: ", "quarantine page", "quarantine", true, md)];
}

function pilotBlocks(g: Gate): Block[] {
  const d = g.artifact.data as Doc;
  const rows = pilotRows(d).map((r) => [r.id, statusBadge(r.status), r.detail]);
  const alertRows = (d.alerts as Doc[]).map((a) => [showValue(a.signal_name), showValue(a.signal_value), showValue(a.threshold_kind), showValue(a.threshold_value), showValue(a.severity), showValue(a.owner_route)]);
  const parity = (d.parity_checks as Doc[]).filter((p) => p.breach === true).map((p) => [showValue(p.signal_name), showValue(p.delta_pct), showValue(p.tolerance_pct), b.badge("BREACH", "fail")]);
  const evals = (d.threshold_evaluations as Doc[]).slice(0, 500).map((e) => [showValue(e.signal_name), showValue(e.signal_value), showValue(e.threshold_kind), showValue(e.threshold_value), e.breach === true ? b.badge("BREACH", "fail") : "no"]);
  const out: Block[] = [checksTable(g.name, rows)];
  out.push(alertRows.length > 0 ? b.table(`${g.name}: alerts`, ["signal", "value", "max/min", "threshold", "severity", "owner route"], alertRows) : b.para(b.text("No threshold alerts.")));
  if (parity.length > 0) out.push(b.table(`${g.name}: parity breaches`, ["signal", "delta %", "tolerance %", "breach?"], parity));
  if (evals.length > 0) {
    out.push(b.detailsOpen(`Threshold evaluations (${(d.threshold_evaluations as Doc[]).length})`), b.table(`${g.name}: threshold evaluations`, ["signal", "value", "max/min", "threshold", "breach?"], evals));
    if ((d.threshold_evaluations as Doc[]).length > 500) out.push(b.para(b.text(`and ${(d.threshold_evaluations as Doc[]).length - 500} more in ${g.artifact.path}`)));
    out.push(b.detailsClose());
  }
  return out;
}

function playbookBlocks(g: Gate): Block[] {
  const d = g.artifact.data as Doc;
  return [checksTable(g.name, (d.checks as Doc[]).map((c) => [c.clause_id, statusBadge(c.status), [b.text(c.detail), ...(c.file ? [b.text(" ("), b.code(c.file), b.text(")")] : [])]]))];
}

function drillBlocks(ctx: SiteRenderContext, g: Gate): Block[] {
  const d = g.artifact.data as Doc;
  const dir = g.artifact.path.includes("/") ? g.artifact.path.slice(0, g.artifact.path.lastIndexOf("/") + 1) : "";
  const events = (ctx.model.byKind.get("drill_events") ?? []).find((e) => e.path.startsWith(dir) && !e.path.slice(dir.length).includes("/")) ?? null;
  const rows = events !== null
    ? (events.data as Doc[]).map((e) => [showValue(e.phase), statusBadge(String(e.status)), showValue(e.detail ?? "")])
    : [["drill", statusBadge(d.status), `status ${d.status}`]];
  const metrics: (string | Part)[][] = [
    ["checks passed", String(d.checks_passed)],
    ["checks failed", String(d.checks_failed)],
    ["checks skipped", d.checks_skipped === undefined || d.checks_skipped === null ? NOT_RECORDED : String(d.checks_skipped)],
  ];
  const out: Block[] = [b.table(`${g.name}: checks`, ["phase", "status", "detail"], rows), b.table(`${g.name}: counts`, ["metric", "value"], metrics)];
  if (Array.isArray(d.scenarios) && d.scenarios.length > 0) {
    out.push(b.table(`${g.name}: scenario fingerprints`, ["scenario", "status", "fingerprint"], (d.scenarios as Doc[]).map((s) => [s.scenario_id, statusBadge(s.status), b.code(showValue(s.fingerprint))])));
  }
  if (typeof d.repro_command === "string") out.push(b.para(b.text("Repro command:")), b.pre(commandText(d.repro_command).text));
  return out;
}

function rollbackBlocks(ctx: SiteRenderContext, g: Gate): Block[] {
  const d = g.artifact.data as Doc;
  const rows: (string | Part)[][] = (d.rollback_safety_checks as unknown[]).map((c) =>
    typeof c === "string" ? [c, b.badge("DECLARED", "none"), "declared, not evaluated"] : [String((c as Doc).check_id), statusBadge(String((c as Doc).status)), String((c as Doc).detail)],
  );
  const missing = d.missing_gate_reports as string[];
  rows.push(["required gate reports present", statusBadge(missing.length > 0 ? "fail" : "pass"), missing.length > 0 ? `missing: ${missing.join(", ")}` : ""]);
  const reports = Array.isArray(d.gate_reports) ? (d.gate_reports as Doc[]) : null;
  const reqRows = (d.required_gate_reports as string[]).map((path) => {
    if (reports !== null) {
      const r = reports.find((x) => x.path === path);
      return [b.code(path), r === undefined ? "not recorded" : r.exists === false ? "not found" : showValue(r.verdict)];
    }
    return [b.code(path), requiredReportVerdict(ctx, path)];
  });
  return [checksTable(g.name, rows), b.table(`${g.name}: required gate reports`, ["report", "verdict"], reqRows)];
}

/** For the original (no gate_reports): the verdict of a recognised input matching the path by suffix. */
function requiredReportVerdict(ctx: SiteRenderContext, path: string): string {
  const segs = path.split("/").filter((s) => s !== "" && s !== ".");
  for (let i = 0; i < segs.length; i++) {
    const cand = segs.slice(i).join("/");
    for (const list of ctx.model.byKind.values()) {
      const a = list.find((x) => x.path === cand);
      if (a !== undefined) return verdictOf(a) ?? "present under --in";
    }
    if (ctx.fileIndex.has(cand)) return "present under --in";
  }
  return "not found";
}

export function gateSection(ctx: SiteRenderContext, g: Gate, md: boolean): Block[] {
  const id = `gate-${g.kind.replace(/_/g, "-")}`;
  const out: Block[] = [b.h2(g.name, id), sourceLine(ctx, g.artifact, g.verdict)];
  switch (g.kind) {
    case "detect": out.push(...detectBlocks(ctx, g, md)); break;
    case "governance": out.push(...governanceBlocks(ctx, g)); break;
    case "signal_quality": out.push(...signalQualityBlocks(g)); break;
    case "burndown": out.push(...burndownBlocks(ctx, g, md)); break;
    case "pilot": out.push(...pilotBlocks(g)); break;
    case "playbook": out.push(...playbookBlocks(g)); break;
    case "drill": out.push(...drillBlocks(ctx, g)); break;
    case "rollback_safety": out.push(...rollbackBlocks(ctx, g)); break;
    default: break;
  }
  out.push(...invalidItemsBlocks(g.artifact, g.name), ...historyBlocks(ctx, g.kind, g.name));
  return out;
}
