// The incident page (reports.md §4.7): who is paged, which clocks run, what the evidence says, and what the
// release and its rollback safety look like, from the incident packet and its sibling artifacts.
import type { SiteContext } from "../site/page-contract.ts";
import { showTimestamp } from "../site/display.ts";
import { arr, field, num, obj, str, strings } from "../rollback/read-json.ts";
import * as d from "./doc-model.ts";
import { severityLabel } from "./severity-label.ts";

const NR = "not recorded";
const shownValue = (v: unknown): d.Inline => (v === null || v === undefined ? d.text(NR) : d.text(typeof v === "string" ? v : JSON.stringify(v)));
const time = (v: unknown): d.Inline => d.text(v === null || v === undefined ? NR : showTimestamp(v));
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Index entries: artifact_index.json's, else the packet's embedded `artifact_index` (object or bare array). */
export function artifactIndexEntries(ctx: SiteContext): { entries: unknown[]; source: string | null } {
  const index = ctx.current("artifact_index");
  if (index !== null) return { entries: arr(index.data, "entries"), source: index.path };
  const packet = ctx.current("incident");
  const embedded = field(packet?.data, "artifact_index");
  const entries = Array.isArray(embedded) ? embedded : arr(embedded, "entries");
  return { entries, source: entries.length > 0 && packet !== null ? packet.path : null };
}

/** The severity as the pages show it, with the protocol level it selects (null when unrecognised). */
export function incidentSeverity(ctx: SiteContext): { label: string | null; level: string | null } {
  const raw = str(ctx.current("incident")?.data, "incident", "severity") ?? str(ctx.current("rollback_safety")?.data, "severity") ?? str(ctx.current("postmortem")?.data, "severity");
  if (raw === null) return { label: null, level: null };
  const s = severityLabel(raw);
  return { label: s.label, level: s.level };
}

export function incidentDoc(ctx: SiteContext): d.Block[] {
  const packetArt = ctx.current("incident");
  const packet = obj(packetArt?.data);
  const incident = obj(field(packet, "incident"));
  const safetyArt = ctx.current("rollback_safety");
  const safety = obj(safetyArt?.data);
  const traceArt = ctx.current("traceability");
  const trace = obj(traceArt?.data);
  const sev = incidentSeverity(ctx);
  const blocks: d.Block[] = [];
  const ptr = (value: string): d.Inline => d.link(ctx.pointer(value));

  // 1. Identity.
  blocks.push(d.h2("Identity"));
  if (packet === null) blocks.push(d.para(d.text("No incident packet found under --in.")));
  else blocks.push(d.para(d.text("Source: "), d.link({ kind: "link", href: ctx.inputHref(packetArt!.path), text: packetArt!.path })));
  if (packet !== null && incident === null) blocks.push(d.para(d.strong("template only: the packet carries no incident data")));
  const reasons = strings(incident, "severity_reasons");
  blocks.push(
    d.table("Incident identity", ["field", "value"], [
      [d.text("incident id"), incident === null ? d.text(NR) : shownValue(field(incident, "incident_id"))],
      [d.text("tag / version"), d.text(`${str(incident, "tag") ?? str(trace, "tag") ?? str(safety, "tag") ?? NR} / ${str(incident, "version") ?? str(trace, "version") ?? str(safety, "version") ?? NR}`)],
      [d.text("channel"), shownValue(field(incident, "channel"))],
      [d.text("severity"), d.text(sev.label ?? NR)],
      [d.text("severity reasons"), d.text(reasons.length > 0 ? reasons.join("; ") : NR)],
      [d.text("gate status"), shownValue(field(incident, "gate_status") ?? field(safety, "gate_status"))],
      [d.text("declared"), time(field(incident, "declared_at_utc"))],
    ]),
  );

  // 2. Trigger.
  blocks.push(d.h2("Trigger"));
  const failingReports = strings(incident, "trigger", "failing_gate_reports");
  if (failingReports.length === 0) blocks.push(d.para(d.text(incident === null ? "No trigger recorded." : "No failing gate report recorded.")));
  else blocks.push(d.list(false, failingReports.map((r) => d.item([ptr(r)]))));
  const failingChecks = arr(packet, "evidence", "failing_checks").map(obj);
  if (failingChecks.length > 0) {
    blocks.push(
      d.table(
        "Failing checks",
        ["check", "report", "status", "severity", "detail"],
        failingChecks.map((c) => [d.code(str(c, "check_id") ?? NR), d.text(str(c, "report") ?? NR), shownValue(field(c, "status")), shownValue(field(c, "severity")), d.text(str(c, "detail") ?? "")]),
      ),
    );
  }

  // 3. Owners to page, in input order.
  blocks.push(d.h2("Owners to page"));
  const owners = arr(packet, "owners_to_page").map(obj);
  blocks.push(
    owners.length === 0
      ? d.para(d.text("No owners recorded."))
      : d.table("Owners to page", ["owner", "reasons"], owners.map((o) => [d.text(str(o, "owner") ?? NR), d.text(strings(o, "reasons").join("; "))])),
  );

  // 4. Clocks.
  blocks.push(d.h2("Clocks"));
  const clocks = obj(field(packet, "sla_clocks"));
  blocks.push(
    d.table("Incident clocks", ["clock", "due"], [
      [d.text("acknowledge"), time(field(clocks, "ack_due_utc"))],
      [d.text("first update"), time(field(clocks, "first_update_due_utc"))],
      [d.text("postmortem"), time(field(clocks, "postmortem_due_utc"))],
    ]),
  );

  // 5. Communication protocol, levels by key; the incident's own level marked.
  blocks.push(d.h2("Communication protocol"));
  const protocol = obj(field(packet, "communication_protocol"));
  const levels = Object.keys(protocol ?? {}).sort(compare);
  blocks.push(
    levels.length === 0
      ? d.para(d.text("No communication protocol recorded."))
      : d.table(
          "Communication protocol",
          ["level", "ack (minutes)", "update interval (minutes)", "roles", "rollback default", "public status note"],
          levels.map((level) => {
            const p = obj(protocol?.[level]);
            const own = sev.level !== null && severityLabel(level).level === sev.level;
            const note = field(p, "public_status_note_for_stable");
            return [
              d.text(own ? `${level} (this incident)` : level),
              d.text(num(p, "initial_ack_sla_minutes") ?? NR),
              d.text(num(p, "update_interval_minutes") ?? NR),
              d.text(strings(p, "required_roles").join(", ") || NR),
              d.text(str(p, "rollback_default") ?? NR),
              d.text(typeof note === "boolean" ? (note ? "required for stable" : "not required") : NR),
            ];
          }),
        ),
  );

  // 6. Roles and duties.
  blocks.push(d.h2("Roles and duties"));
  const roles = obj(field(packet, "roles"));
  const roleKeys = Object.keys(roles ?? {}).sort(compare);
  blocks.push(roleKeys.length === 0 ? d.para(d.text("No roles recorded.")) : d.table("Roles and duties", ["role", "duty"], roleKeys.map((k) => [d.text(k), shownValue(roles?.[k])])));

  // 7. Evidence.
  blocks.push(d.h2("Evidence"));
  const evidence = obj(field(packet, "evidence"));
  const suites = arr(evidence, "unstable_suites").map(obj);
  blocks.push(d.h3("Unstable suites"));
  blocks.push(
    suites.length === 0
      ? d.para(d.text("None recorded."))
      : d.table("Unstable suites", ["suite", "replay command", "trace pointer"], suites.map((s) => [d.text(str(s, "suite") ?? NR), str(s, "replay_command") === null ? d.text(NR) : d.code(str(s, "replay_command")), str(s, "trace_pointer") === null ? d.text(NR) : ptr(str(s, "trace_pointer") as string)])),
  );
  const entries = arr(evidence, "quarantine_entries").map(obj);
  blocks.push(d.h3("Quarantine entries"));
  blocks.push(
    entries.length === 0
      ? d.para(d.text("None recorded."))
      : d.table("Involved quarantine entries", ["id", "suite", "severity", "status", "owner"], entries.map((e) => [shownValue(field(e, "id")), shownValue(field(e, "suite")), shownValue(field(e, "severity")), shownValue(field(e, "status")), shownValue(field(e, "owner"))])),
  );
  const drill = obj(field(evidence, "drill"));
  blocks.push(d.h3("Drill"));
  blocks.push(
    drill === null
      ? d.para(d.text("None recorded."))
      : d.table("Drill evidence", ["field", "value"], [
          [d.text("status"), shownValue(field(drill, "status"))],
          [d.text("seed"), shownValue(field(drill, "seed"))],
          [d.text("artifact dir"), str(drill, "artifact_dir") === null ? d.text(NR) : ptr(str(drill, "artifact_dir") as string)],
          [d.text("replay command"), str(drill, "replay_command") === null ? d.text(NR) : d.code(str(drill, "replay_command"))],
          [d.text("failure kinds"), d.text(strings(drill, "failure_kinds").join(", ") || "none")],
        ]),
  );
  blocks.push(d.h3("npm rollback"));
  const npmArt = ctx.current("npm_rollback");
  const npm = obj(npmArt?.data) ?? obj(field(evidence, "npm_rollback"));
  blocks.push(
    npm === null
      ? d.para(d.text("None recorded."))
      : d.table("npm rollback", ["field", "value"], [
          [d.text("status"), shownValue(field(npm, "status"))],
          [d.text("known-good version"), shownValue(field(npm, "rollback_version"))],
          [d.text("dist-tag"), shownValue(field(npm, "npm_tag"))],
          [d.text("actions"), d.text(Array.isArray(field(npm, "actions_executed")) ? strings(npm, "actions_executed").length : (num(npm, "action_count") ?? NR))],
          [d.text("all verified"), shownValue(field(npm, "all_verified") ?? field(npm, "verification", "all_verified"))],
        ]),
  );
  const errors = arr(packet, "evidence_errors").map(obj);
  blocks.push(d.h3("Evidence errors"));
  blocks.push(errors.length === 0 ? d.para(d.text("None recorded.")) : d.table("Evidence errors", ["path", "error"], errors.map((e) => [d.code(str(e, "path") ?? NR), d.text(str(e, "error") ?? NR)])));

  // 8. Release.
  blocks.push(d.h2("Release"));
  blocks.push(
    trace === null
      ? d.para(d.text("No release traceability found under --in."))
      : d.table("Release traceability", ["field", "value"], [
          [d.text("tag"), shownValue(field(trace, "tag"))],
          [d.text("version"), shownValue(field(trace, "version"))],
          [d.text("release-blocking criteria"), d.text(arr(trace, "release_blocking_criteria").map((c) => (typeof c === "string" ? c : JSON.stringify(c))).join(", ") || "none")],
        ]),
  );

  // 9. Rollback safety (reports.md §4.3): checks, then one row per required report.
  blocks.push(d.h2("Rollback safety"));
  if (safety === null) blocks.push(d.para(d.text("No rollback safety report found under --in.")));
  else {
    const checkRows = arr(safety, "rollback_safety_checks").map((c) =>
      typeof c === "string" ? [d.text(c), d.text("declared, not evaluated"), d.text("")] : [d.text(str(c, "check_id") ?? NR), d.text((str(c, "status") ?? NR).toUpperCase()), d.text(str(c, "detail") ?? "")],
    );
    const missing = strings(safety, "missing_gate_reports");
    checkRows.push([d.text("required gate reports present"), d.text(missing.length > 0 ? "FAIL" : "PASS"), d.text(missing.length > 0 ? `missing: ${missing.join(", ")}` : "")]);
    blocks.push(d.table("Rollback safety checks", ["check", "status", "detail"], checkRows));
    const reports = arr(safety, "gate_reports").map(obj);
    const required = strings(safety, "required_gate_reports");
    const rows = required.map((path) => {
      const r = reports.find((x) => str(x, "path") === path);
      let verdict: string;
      if (r !== undefined && r !== null) verdict = str(r, "verdict") ?? NR;
      else if (reports.length > 0) verdict = NR;
      else verdict = missing.includes(path) ? "not found" : ctx.pointer(path).kind === "link" ? "present under --in" : "not found";
      return [ptr(path), d.text(verdict)];
    });
    blocks.push(rows.length === 0 ? d.para(d.text("No required gate reports recorded.")) : d.table("Required gate reports", ["report", "verdict"], rows));
  }

  // 10. Artifact index.
  blocks.push(d.h2("Artifact index"));
  const index = artifactIndexEntries(ctx);
  const rows = index.entries.map(obj).filter((e) => str(e, "path") !== null);
  blocks.push(
    rows.length === 0
      ? d.para(d.text("No artifact index found under --in."))
      : d.table("Artifact index", ["path", "sha256", "size (bytes)", "role"], rows.map((e) => [ptr(str(e, "path") as string), d.code(str(e, "sha256") ?? NR), d.text(num(e, "size_bytes") ?? NR), shownValue(field(e, "role"))])),
  );

  // 11. Postmortem requirements.
  blocks.push(d.h2("Postmortem requirements"));
  const reqs = strings(packet, "postmortem_requirements");
  blocks.push(reqs.length === 0 ? d.para(d.text("None recorded.")) : d.list(false, reqs.map((r) => d.item(d.code(r)))));
  return blocks;
}
