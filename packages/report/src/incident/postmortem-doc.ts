// The postmortem draft page (reports.md §4.9, Google SRE + PagerDuty shape): every value from postmortem.json
// when present, else from the incident packet and the other artifacts; anything still missing is a TODO
// placeholder named by its postmortem.json field path, and the page counts them.
import { evaluatePostmortemCompletion, parseTimestamp, POSTMORTEM_CRITERIA } from "@flakewarden/core";
import { showTime, showTimestamp } from "../site/display.ts";
import { currentGates } from "../site/gates.ts";
import type { SiteContext } from "../site/page-contract.ts";
import { arr, field, obj, str, strings, type Json } from "../rollback/read-json.ts";
import * as d from "./doc-model.ts";
import { severityLabel } from "./severity-label.ts";

const SIGNOFF_ROLES = ["incident commander", "release operator", "comms lead", "scribe", "reviewer"];

/** A value is filled when it is a non-blank string, a number, true, a non-empty array or an object with a filled value. */
function filled(v: unknown): boolean {
  if (typeof v === "string") return v.trim() !== "";
  if (typeof v === "number") return true;
  if (typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.length > 0;
  const o = obj(v);
  return o !== null && Object.values(o).some(filled);
}

const valueOrTodo = (v: unknown, key: string, hint: string): d.Inline =>
  filled(v) ? d.text(typeof v === "string" ? v : Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(", ") : JSON.stringify(v)) : d.todo(key, hint);

interface TimelineRow {
  readonly ms: number | null;
  readonly time: string | null;
  readonly event: string;
  readonly link: d.Inline | null;
  readonly order: number;
}

export function postmortemDoc(ctx: SiteContext): d.Block[] {
  const pmArt = ctx.current("postmortem");
  const pm = obj(pmArt?.data);
  const packetArt = ctx.current("incident");
  const packet = obj(packetArt?.data);
  const incident = obj(field(packet, "incident"));
  const safetyArt = ctx.current("rollback_safety");
  const safety = obj(safetyArt?.data);
  const npmArt = ctx.current("npm_rollback");
  const drillArt = ctx.current("drill");
  const trace = obj(ctx.current("traceability")?.data);
  const ptr = (value: string): d.Inline => d.link(ctx.pointer(value));
  const fileLink = (path: string): d.Inline => d.link({ kind: "link", href: ctx.inputHref(path), text: path });
  const body: d.Block[] = [];

  // Metadata.
  const sevRaw = str(pm, "severity") ?? str(incident, "severity");
  const due = field(pm, "due_utc") ?? field(packet, "sla_clocks", "postmortem_due_utc");
  body.push(
    d.table("Postmortem metadata", ["field", "value"], [
      [d.text("incident id"), valueOrTodo(str(pm, "incident_id") ?? str(incident, "incident_id"), "incident_id", "the incident id")],
      [d.text("title"), valueOrTodo(str(pm, "title"), "title", "a short title naming the release and the failure")],
      [d.text("status"), d.text(str(pm, "status") ?? "Draft")],
      [d.text("severity"), sevRaw === null ? d.todo("severity", "SEV-1, SEV-2 or SEV-3") : d.text(severityLabel(sevRaw).label)],
      [d.text("authors"), d.todo("authors", "who wrote this postmortem")],
      [d.text("incident commander"), d.todo("incident_commander", "who led the response")],
      [d.text("postmortem due"), parseTimestamp(due) === null ? d.todo("due_utc", "when the review is due") : d.text(showTimestamp(due))],
    ]),
  );
  body.push(d.para(d.text("Lifecycle: Draft → In Review → Reviewed → Closed.")));

  // Summary, with a suggestion built from the evidence when it is empty.
  body.push(d.h2("Summary"));
  const summary = str(pm, "summary");
  if (summary !== null) body.push(d.para(d.text(summary)));
  else {
    body.push(d.para(d.todo("summary", "two or three sentences: what happened, the impact, how it was resolved")));
    const tag = str(incident, "tag") ?? str(trace, "tag") ?? str(safety, "tag");
    const failing = strings(incident, "trigger", "failing_gate_reports");
    const reports = failing.length > 0 ? failing : arr(safety, "gate_reports").map(obj).filter((r) => str(r, "verdict") !== "pass").map((r) => str(r, "path") ?? "");
    const checks = arr(packet, "evidence", "failing_checks").map((c) => str(c, "check_id")).filter((c) => c !== null);
    const when = field(incident, "declared_at_utc") ?? field(pm, "generated_at_utc");
    if (tag !== null && reports.length > 0) {
      body.push(d.para(d.text(`Suggested: Release ${tag} was blocked by ${reports.join(", ")}${checks.length > 0 ? ` (${checks.join(", ")})` : ""}${parseTimestamp(when) === null ? "" : ` at ${showTimestamp(when)}`}.`)));
    }
  }

  // Impact.
  body.push(d.h2("Impact"));
  const impact = obj(field(pm, "impact"));
  // Without postmortem.json the packet carries what is known of the impact.
  const fallbackImpact: Json =
    pm === null ? { affected_versions: [str(incident, "version")].filter((v) => v !== null), affected_tags: [str(incident, "tag")].filter((v) => v !== null), channel: str(incident, "channel") } : {};
  const imp = (k: string): unknown => field(impact, k) ?? fallbackImpact[k];
  body.push(
    d.table("Impact", ["measure", "value"], [
      [d.text("affected versions"), valueOrTodo(imp("affected_versions"), "impact.affected_versions", "the versions users received")],
      [d.text("affected tags"), valueOrTodo(imp("affected_tags"), "impact.affected_tags", "the dist-tags or channels that pointed at them")],
      [d.text("channel"), valueOrTodo(imp("channel"), "impact.channel", "stable or prerelease")],
      [d.text("users affected"), valueOrTodo(imp("users_affected"), "impact.users_affected", "how many users, or an estimate")],
      [d.text("support tickets"), valueOrTodo(imp("support_tickets"), "impact.support_tickets", "tickets opened")],
      [d.text("time in incident"), valueOrTodo(imp("time_in_incident"), "impact.time_in_incident", "from detection to resolution")],
      [d.text("time out of SLA"), valueOrTodo(imp("time_out_of_sla"), "impact.time_out_of_sla", "how long an SLA was breached")],
    ]),
  );

  // Root cause and contributing factors.
  body.push(d.h2("Root cause"));
  body.push(d.para(valueOrTodo(field(pm, "root_cause", "summary"), "root_cause.summary", "one sentence")));
  body.push(d.para(valueOrTodo(field(pm, "root_cause", "expanded"), "root_cause.expanded", "the full causal chain")));
  body.push(d.h2("Contributing factors and missing defenses"));
  const factors = strings(pm, "contributing_factors");
  body.push(factors.length > 0 ? d.list(false, factors.map((f) => d.item([d.text(f)]))) : d.para(d.todo("contributing_factors", "what made it possible or worse")));

  // Trigger and evidence.
  body.push(d.h2("Trigger and evidence"));
  const links = arr(pm, "triggering_gate_and_evidence_links").map(obj).filter((l) => l !== null);
  const failingChecks = arr(packet, "evidence", "failing_checks").map(obj).filter((c) => c !== null);
  if (links.length > 0) {
    body.push(
      d.table("Triggering gate reports", ["gate report", "verdict", "sha256", "failing checks"], links.map((l) => [str(l, "gate_report") === null ? d.text("not recorded") : ptr(str(l, "gate_report") as string), d.text(str(l, "verdict") ?? "not recorded"), d.code(str(l, "sha256") ?? "not recorded"), d.text(strings(l, "failing_checks").join(", ") || "none")])),
    );
  } else if (failingChecks.length > 0) {
    body.push(d.table("Failing checks", ["check", "report", "status", "detail"], failingChecks.map((c) => [d.code(str(c, "check_id") ?? "not recorded"), ptr(str(c, "report") ?? ""), d.text(str(c, "status") ?? ""), d.text(str(c, "detail") ?? "")])));
  } else body.push(d.para(d.todo("triggering_gate_and_evidence_links", "the gate reports that failed, with their checks")));

  // Detection.
  body.push(d.h2("Detection"));
  body.push(d.para(valueOrTodo(field(pm, "detection", "notes"), "detection.notes", "what made detection fast or slow")));

  // Resolution.
  body.push(d.h2("Resolution"));
  const resolution = obj(field(pm, "rollback_actions_and_verification_results")) ?? (npmArt === null ? null : obj(npmArt.data));
  if (resolution === null) body.push(d.para(d.todo("rollback_actions_and_verification_results", "the rollback actions taken and how they were verified")));
  else {
    const verified = field(resolution, "all_verified") ?? field(resolution, "verification", "all_verified");
    const count = Array.isArray(field(resolution, "actions_executed")) ? strings(resolution, "actions_executed").length : field(resolution, "action_count");
    body.push(
      d.table("Rollback actions and verification", ["field", "value"], [
        [d.text("status"), d.text(str(resolution, "status") ?? "not recorded")],
        [d.text("known-good version"), d.text(str(resolution, "rollback_version") ?? "not recorded")],
        [d.text("dist-tag"), d.text(str(resolution, "npm_tag") ?? "not recorded")],
        [d.text("actions"), d.text(typeof count === "number" ? count : "not recorded")],
        [d.text("all verified"), d.text(typeof verified === "boolean" ? String(verified) : "not recorded")],
      ]),
    );
  }

  // Timeline.
  body.push(d.h2("Timeline (UTC)"));
  const rows: TimelineRow[] = [];
  const given = field(pm, "incident_timeline_utc");
  if (Array.isArray(given)) {
    given.map(obj).forEach((r, i) => {
      const ms = parseTimestamp(field(r, "ts"));
      const linkValue = str(r, "data_link");
      rows.push({ ms, time: ms === null ? null : showTime(ms), event: str(r, "event") ?? "", link: linkValue === null ? null : ptr(linkValue), order: i });
    });
  } else {
    // Derived (reports.md §4.9): gate artifacts, incident declared, drill, rollback safety, npm rollback.
    let order = 0;
    const add = (ts: unknown, event: string, path: string | null): void => {
      const ms = parseTimestamp(ts);
      rows.push({ ms, time: ms === null ? null : showTime(ms), event, link: path === null ? null : fileLink(path), order: order++ });
    };
    for (const g of currentGates(ctx.current)) add(g.artifact.timestamp, `${g.name} ${g.verdict}${g.ids === "" ? "" : ` (${g.ids})`}`, g.artifact.path);
    if (incident !== null) add(field(incident, "declared_at_utc"), "incident declared", packetArt?.path ?? null);
    if (drillArt !== null) {
      add(field(drillArt.data, "started_ts"), "drill started", drillArt.path);
      add(field(drillArt.data, "ended_ts"), "drill ended", drillArt.path);
    }
    if (safetyArt !== null) add(field(safety, "generated_at_utc"), "rollback safety generated", safetyArt.path);
    if (npmArt !== null) add(field(npmArt.data, "generated_at_utc"), `npm rollback ${str(npmArt.data, "status") ?? "recorded"}`, npmArt.path);
  }
  const timed = rows.filter((r) => r.ms !== null).sort((a, b) => (a.ms as number) - (b.ms as number) || a.order - b.order);
  const untimed = rows.filter((r) => r.ms === null);
  const linkCell = (r: TimelineRow): d.Inline => r.link ?? d.todo("incident_timeline_utc.data_link", "a link to the evidence for this row");
  if (rows.length === 0) body.push(d.para(d.todo("incident_timeline_utc", "what happened when, each with a link to its evidence")));
  if (timed.length > 0) body.push(d.table("Timeline", ["time (UTC)", "event", "evidence"], timed.map((r) => [d.text(r.time), d.text(r.event), linkCell(r)])));
  if (untimed.length > 0) {
    body.push(d.h3("Time unknown"));
    body.push(d.table("Timeline rows without a time", ["time (UTC)", "event", "evidence"], untimed.map((r) => [d.todo("incident_timeline_utc.ts", "when this happened"), d.text(r.event), linkCell(r)])));
  }

  // Exact repro commands.
  body.push(d.h2("Exact repro commands"));
  const drillRepro = str(drillArt?.data, "repro_command");
  const repro = strings(pm, "exact_repro_commands").length > 0 ? strings(pm, "exact_repro_commands") : strings(safety, "deterministic_repro_commands").length > 0 ? strings(safety, "deterministic_repro_commands") : drillRepro === null ? [] : [drillRepro];
  body.push(...(repro.length > 0 ? d.codeBlock(repro) : [d.para(d.todo("exact_repro_commands", "the commands that reproduce the failure"))]));

  // Action items: corrective actions, then the follow-up bead.
  body.push(d.h2("Action items"));
  const actions = arr(pm, "corrective_actions").map(obj).filter((a) => a !== null);
  const actionRows: d.Inline[][] = actions.map((a) => [
    valueOrTodo(field(a, "action"), "corrective_actions.action", "what will be done"),
    valueOrTodo(field(a, "owner"), "corrective_actions.owner", "who owns it"),
    valueOrTodo(field(a, "due_date"), "corrective_actions.due_date", "when it is due"),
    d.text(str(a, "status") ?? "not recorded"),
    d.text(str(a, "ref") ?? str(a, "tracker_ref") ?? ""),
  ]);
  if (actions.length === 0) actionRows.push([d.todo("corrective_actions", "at least one corrective action"), d.text(""), d.text(""), d.text(""), d.text("")]);
  const bead = obj(field(pm, "owner_assigned_follow_up_bead"));
  actionRows.push([
    d.text("follow-up"),
    valueOrTodo(field(bead, "owner"), "owner_assigned_follow_up_bead.owner", "who owns the follow-up"),
    d.text(""),
    d.text(""),
    valueOrTodo(field(bead, "ref"), "owner_assigned_follow_up_bead.ref", "the tracker reference"),
  ]);
  body.push(d.table("Action items", ["action", "owner", "due date", "status", "tracker ref"], actionRows));

  // Lessons.
  body.push(d.h2("Lessons"));
  const lessons = (key: string, title: string, hint: string): d.Block[] => {
    const v = field(pm, key);
    const list = Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : typeof v === "string" && v.trim() !== "" ? [v] : [];
    return [d.h3(title), list.length > 0 ? d.list(false, list.map((x) => d.item([d.text(x)]))) : d.para(d.todo(key, hint))];
  };
  body.push(...lessons("went_well", "What went well", "what helped"), ...lessons("went_wrong", "What went wrong", "what hurt"), ...lessons("where_we_got_lucky", "Where we got lucky", "what could have been worse"));

  // Prevention checks, with the failed check ids as suggestions.
  body.push(d.h2("Prevention checks"));
  const checks = arr(pm, "prevention_checks").map(obj).filter((c) => c !== null);
  if (checks.length > 0) {
    body.push(
      d.table("Prevention checks", ["check", "owner", "due date", "status", "deterministic validation"], checks.map((c) => [
        valueOrTodo(field(c, "check"), "prevention_checks.check", "the check"),
        valueOrTodo(field(c, "owner"), "prevention_checks.owner", "who owns it"),
        valueOrTodo(field(c, "due_date"), "prevention_checks.due_date", "when it is due"),
        d.text(str(c, "status") ?? "not recorded"),
        valueOrTodo(field(c, "deterministic_validation"), "prevention_checks.deterministic_validation", "the command that proves it"),
      ])),
    );
  } else body.push(d.para(d.todo("prevention_checks", "checks that would have caught this, each with an owner, a due date and a deterministic validation")));
  const suggestions = [...new Set(arr(packet, "evidence", "failing_checks").map((c) => str(c, "check_id")).filter((c): c is string => c !== null))];
  if (suggestions.length > 0) body.push(d.para(d.text(`Suggestions: the failed checks ${suggestions.join(", ")}.`)));

  // Messaging.
  body.push(d.h2("Messaging"));
  const level = sevRaw === null ? null : severityLabel(sevRaw).level;
  const publicNote = level !== null && field(packet, "communication_protocol", level, "public_status_note_for_stable") === true && (str(incident, "channel") ?? field(impact, "channel")) === "stable";
  body.push(
    d.list(false, [
      d.item([d.text("Internal note: "), d.todo("messaging.internal", "what the team was told, and when")]),
      d.item([d.text(`External status note${publicNote ? " (required: stable channel at this severity)" : ""}: `), d.todo("messaging.external", "affected versions and tags, mitigation, next update time, workaround")]),
    ]),
  );

  // Requirements checklist (the packet's list), completion (core), sign-off.
  body.push(d.h2("Requirements checklist"));
  const draft: Json = pm ?? {
    incident_timeline_utc: rows.length > 0 ? rows : [],
    triggering_gate_and_evidence_links: failingChecks,
    exact_repro_commands: repro,
    rollback_actions_and_verification_results: resolution,
    impact: fallbackImpact,
  };
  const reqs = strings(packet, "postmortem_requirements");
  body.push(reqs.length === 0 ? d.para(d.text("No incident packet lists postmortem requirements.")) : d.table("Postmortem requirements", ["requirement", "state"], reqs.map((r) => [d.code(r), d.text(filled(draft[r]) ? "done" : "open")])));
  body.push(d.h2("Completion"));
  const completion = evaluatePostmortemCompletion(pm ?? {});
  body.push(d.para(d.text(completion.complete ? "Complete: every completion criterion is met." : `Not complete: ${completion.unmet.length} of ${POSTMORTEM_CRITERIA.length} criteria unmet.`)));
  body.push(d.table("Completion criteria", ["criterion", "state"], POSTMORTEM_CRITERIA.map((c) => [d.code(c), d.text(completion.unmet.includes(c) ? "unmet" : "met")])));
  body.push(d.h2("Sign-off"));
  body.push(d.table("Sign-off", ["role", "name", "date", "decision"], SIGNOFF_ROLES.map((role) => [d.text(role), d.todo("signoff", `the ${role}'s name`), d.text(""), d.text("")])));

  const count = d.countTodos(body);
  return [d.para(d.text(`This draft has ${count} TODO fields.`)), ...body];
}
