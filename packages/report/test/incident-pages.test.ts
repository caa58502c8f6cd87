// The incident, rollback_instructions and postmortem pages (reports.md §4.7–§4.9; acceptance 32–34), rendered
// from hand-picked artifacts and from the scenario fixtures, plus the static checks of §7 on these pages.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { evaluatePostmortemCompletion } from "@flakewarden/core";
import { lintMarkdownTemplate } from "../src/markdown/md-env.ts";
import { renderIncidentPages } from "../src/site/pages/incident-pages.ts";
import type { Artifact, PageBody } from "../src/site/page-contract.ts";
import { artifact, siteContext } from "./support/incident-context.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const TEMPLATES = fileURLToPath(new URL("../src/templates/", import.meta.url));
const json = (rel: string): unknown => JSON.parse(fs.readFileSync(`${FIXTURES}${rel}`, "utf8"));
const md = new MarkdownIt({ html: true });

/** The original constant packet: no `incident` object, no clocks, five postmortem requirements. */
const ORIGINAL_PACKET = "original-format/artifacts/wasm/release/incident_response_packet.json";

function pages(artifacts: Artifact[], files: string[] = []): Record<string, PageBody> {
  return Object.fromEntries(renderIncidentPages(siteContext(artifacts, files)).map((p) => [p.stem, p]));
}

/** Visible text of an HTML fragment (tags removed, the few entities Handlebars writes decoded). */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, "`")
    .replace(/&#x3D;/g, "=")
    .replace(/&amp;/g, "&");
}

const todoCount = (text: string): number => text.split("TODO(").length - 1;

function gateFailIncident(): Artifact[] {
  return [
    artifact("incident", "wasm/release/incident_response_packet.json", json("gate-fail-incident/wasm/release/incident_response_packet.json")),
    artifact("postmortem", "wasm/release/postmortem.json", json("gate-fail-incident/wasm/release/postmortem.json")),
    artifact("rollback_safety", "wasm/release/rollback_safety_report.json", json("gate-fail-incident/wasm/release/rollback_safety_report.json")),
    artifact("traceability", "wasm/release/release_traceability.json", json("gate-fail-incident/wasm/release/release_traceability.json")),
    artifact("npm_rollback", "npm/rollback_outcome.json", json("gate-fail-incident/npm/rollback_outcome.json")),
    artifact("artifact_index", "wasm/release/artifact_index.json", json("gate-fail-incident/wasm/release/artifact_index.json")),
  ];
}

test("pages exist only with a valid incident, postmortem, rollback safety or npm outcome", () => {
  assert.deepEqual(renderIncidentPages(siteContext([])), []);
  assert.deepEqual(renderIncidentPages(siteContext([artifact("traceability", "t.json", { version: "1.0.0", tag: "v1.0.0" }), artifact("artifact_index", "a.json", { entries: [], missing: [] })])), []);
  const minimal = {
    incident: {},
    postmortem: {},
    rollback_safety: { generated_at_utc: "2026-03-10T11:00:00Z", tag: "v1.0.0", version: "1.0.0", gate_status: "pass", required_gate_reports: [], missing_gate_reports: [], rollback_safety_checks: [], deterministic_repro_commands: [] },
    npm_rollback: { rollback_version: "1.0.0", rollback_reason: "r", npm_tag: "latest", actions_executed: [], action_count: 0 },
  } as const;
  for (const kind of ["incident", "postmortem", "rollback_safety", "npm_rollback"] as const) {
    const stems = renderIncidentPages(siteContext([artifact(kind, `${kind}.json`, minimal[kind])])).map((p) => p.stem);
    assert.deepEqual(stems, ["incident", "rollback_instructions", "postmortem"], kind);
  }
  // Only the selected formats are rendered.
  const mdOnly = renderIncidentPages(siteContext([artifact("incident", "i.json", {})], [], { html: false, md: true }));
  assert.ok(mdOnly.every((p) => p.html === null && p.md !== null));
  const htmlOnly = renderIncidentPages(siteContext([artifact("incident", "i.json", {})], [], { html: true, md: false }));
  assert.ok(htmlOnly.every((p) => p.md === null && p.html !== null));
});

test("acceptance 32: only the original constant packet → template only, TODOs, and an exact TODO count", () => {
  const p = pages([artifact("incident", "wasm/release/incident_response_packet.json", json(ORIGINAL_PACKET))]);
  for (const body of [p.incident!.md!, htmlText(p.incident!.html!)]) assert.match(body, /template only: the packet carries no incident data/);
  for (const [form, body] of [["md", p.postmortem!.md!], ["html", htmlText(p.postmortem!.html!)]] as const) {
    for (const key of ["incident_id", "severity", "summary", "root_cause.summary", "root_cause.expanded", "authors", "incident_commander", "due_utc", "title", "exact_repro_commands", "corrective_actions", "signoff"]) {
      assert.ok(body.includes(`TODO(${key})`), `${form}: TODO(${key})`);
    }
    const m = /This draft has (\d+) TODO fields\./.exec(body);
    assert.ok(m, form);
    assert.equal(Number(m[1]), todoCount(body), form);
    assert.ok(Number(m[1]) > 20, form);
  }
  // The HTML marks each placeholder.
  assert.equal((p.postmortem!.html!.match(/<mark class="todo">TODO\(/g) ?? []).length, todoCount(p.postmortem!.html!));
  // The Markdown renders each placeholder bold.
  assert.match(p.postmortem!.md!, /\*\*TODO\(root_cause\.summary\): one sentence\*\*/);
  // Without postmortem.json the completion is computed on the draft, which meets none.
  for (const c of evaluatePostmortemCompletion({}).unmet) assert.match(p.postmortem!.md!, new RegExp(`^\\| \`${c}\` \\| unmet \\|$`, "m"));
});

test("acceptance 33: a filled root cause has no TODO, an ownerless action has one, completion lists core's unmet criteria", () => {
  const pm = {
    schema_version: "flakewarden-postmortem-v1",
    incident_id: "inc-1",
    status: "draft",
    root_cause: { summary: "an unpinned dependency", expanded: null },
    corrective_actions: [{ action: "pin it", owner: null, due_date: "2026-03-20", status: "open" }],
    owner_assigned_follow_up_bead: { owner: "team-a", ref: "BEAD-1" },
    prevention_checks: [{ check: "lockfile gate", owner: "team-a", due_date: "2026-03-21", status: "scheduled", deterministic_validation: "" }],
    rollback_lifted_via_gate: { lifted: false, evidence: null },
  };
  const p = pages([artifact("postmortem", "postmortem.json", pm)]);
  const { unmet } = evaluatePostmortemCompletion(pm);
  assert.deepEqual(unmet, ["prevention_check_deterministic", "rollback_lifted_via_gate"]);
  for (const body of [p.postmortem!.md!, htmlText(p.postmortem!.html!)]) {
    assert.ok(!body.includes("TODO(root_cause.summary)"));
    assert.ok(body.includes("an unpinned dependency"));
    assert.ok(body.includes("TODO(corrective_actions.owner)"));
    assert.ok(!body.includes("TODO(corrective_actions.due_date)"));
    assert.ok(body.includes("TODO(prevention_checks.deterministic_validation)"));
    assert.ok(body.includes(`Not complete: ${unmet.length} of 5 criteria unmet.`));
  }
  for (const c of ["root_cause_recorded", "follow_up_owner_assigned", "prevention_action_scheduled"]) assert.match(p.postmortem!.md!, new RegExp(`^\\| \`${c}\` \\| met \\|$`, "m"));
  for (const c of unmet) assert.match(p.postmortem!.md!, new RegExp(`^\\| \`${c}\` \\| unmet \\|$`, "m"));
  const count = Number(/This draft has (\d+) TODO fields\./.exec(p.postmortem!.md!)?.[1]);
  assert.equal(count, todoCount(p.postmortem!.md!));
});

test("acceptance 34: timeline rows sorted by time, a row without evidence gets a data_link TODO, a row without time goes under Time unknown", () => {
  const pm = {
    incident_timeline_utc: [
      { ts: "2026-03-10T11:00:00.000Z", event: "third", data_link: "a.json" },
      { ts: "2026-03-10T09:00:00+01:00", event: "first", data_link: "b.json" },
      { ts: "2026-03-10T10:30:00Z", event: "second", data_link: null },
      { ts: null, event: "when?", data_link: "c.json" },
    ],
  };
  const p = pages([artifact("postmortem", "postmortem.json", pm)], ["a.json", "b.json", "c.json"]);
  const text = p.postmortem!.md!;
  const first = text.indexOf("| 2026-03-10 08:00:00Z | first |");
  const second = text.indexOf("| 2026-03-10 10:30:00Z | second | **TODO(incident_timeline_utc.data_link)");
  const third = text.indexOf("| 2026-03-10 11:00:00Z | third | [a.json](<../in/a.json>) |");
  assert.ok(first >= 0 && second > first && third > second, text);
  const unknown = text.indexOf("### Time unknown");
  assert.ok(unknown > third);
  assert.ok(text.indexOf("| **TODO(incident_timeline_utc.ts): when this happened** | when? | [c.json](<../in/c.json>) |") > unknown);
  assert.match(htmlText(p.postmortem!.html!), /TODO\(incident_timeline_utc\.data_link\)/);
});

test("acceptance 34: the derived timeline (no incident_timeline_utc) links every row to its file, in time order", () => {
  const arts = [
    artifact("incident", "rel/incident_response_packet.json", { incident: { declared_at_utc: "2026-03-10T12:00:00Z", tag: "v1.0.0" } }),
    artifact("rollback_safety", "rel/rollback_safety_report.json", { generated_at_utc: "2026-03-10T11:00:00Z", gate_status: "fail", rollback_safety_checks: [{ check_id: "x", status: "fail", detail: "" }], missing_gate_reports: [] }),
    artifact("npm_rollback", "npm/rollback_outcome.json", { generated_at_utc: "2026-03-10T11:30:00Z", status: "succeeded" }),
    artifact("drill", "drill/incident_summary.json", { status: "failed", started_ts: "2026-03-10T07:00:00Z" }),
  ];
  const text = pages(arts).postmortem!.md!;
  const timeline = text.slice(text.indexOf("## Timeline (UTC)"), text.indexOf("## Exact repro commands"));
  const rows = timeline.split("\n").filter((l) => /^\| (2026|\*\*TODO)/.test(l));
  // By time, then source order (gate artifacts, incident declared, drill, rollback safety, npm rollback).
  assert.deepEqual(
    rows.map((r) => r.split(" | ")[1]),
    ["Incident forensics drill fail", "drill started", "Rollback safety fail (x)", "rollback safety generated", "npm rollback succeeded", "incident declared", "drill ended"],
  );
  assert.match(rows.at(-1) as string, /^\| \*\*TODO\(incident_timeline_utc\.ts\)/);
  for (const r of rows) assert.ok(!r.includes("incident_timeline_utc.data_link"), r);
});

test("incident page sections in order, with the incident's own protocol level marked", () => {
  const p = pages(gateFailIncident(), ["security_release_gate_report.json", "npm/rollback_outcome.json", "flake/variance_dashboard.json"]);
  const text = p.incident!.md!;
  const order = ["## Identity", "## Trigger", "## Owners to page", "## Clocks", "## Communication protocol", "## Roles and duties", "## Evidence", "## Release", "## Rollback safety", "## Artifact index", "## Postmortem requirements", "## Links"];
  const at = order.map((h) => text.indexOf(`\n${h}\n`) >= 0 ? text.indexOf(`\n${h}\n`) : text.indexOf(`${h}\n`));
  assert.ok(at.every((x, i) => x >= 0 && (i === 0 || x > (at[i - 1] as number))), JSON.stringify(at));
  assert.match(text, /^\| sev_1 \(this incident\) \| 5 \| 15 \|/m);
  assert.match(text, /^\| team-b \| quarantine entry q-core \(critical, open\) \|$/m);
  assert.match(text, /\[artifacts\/security_release_gate_report\.json\]\(<\.\.\/in\/security_release_gate_report\.json>\)/);
  assert.match(text, /`\.github\/security_release_policy\.json` \(not found under --in\)/);
  assert.match(p.incident!.html!, /<a href="rollback_instructions\.html">Rollback instructions<\/a>/);
  assert.match(text, /\[Postmortem draft\]\(<postmortem\.md>\)/);
});

test("the site's rollback_instructions.md is verbatim; its HTML has the same steps with evidence paths as links", () => {
  const p = pages(gateFailIncident(), ["security_release_gate_report.json", "npm/rollback_outcome.json"]);
  const written = fs.readFileSync(`${FIXTURES}gate-fail-incident/wasm/release/rollback_instructions.md`, "utf8");
  assert.equal(p.rollback_instructions!.md, written);
  assert.equal(p.rollback_instructions!.mdVerbatim, true);
  assert.equal(p.rollback_instructions!.title, "Release Rollback Guidance — v1.3.0");
  const html = p.rollback_instructions!.html!;
  assert.match(html, /<a href="\.\.\/in\/security_release_gate_report\.json"[^>]*>artifacts\/security_release_gate_report\.json<\/a> sha256 <code>0791b5f5/);
  // Every command line of the Markdown appears in the HTML's code blocks.
  const htmlCode = [...html.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => htmlText(m[1] as string)).join("\n");
  const mdCode = md.parse(written, {}).filter((t) => t.type === "fence").map((t) => t.content.trimEnd());
  for (const block of mdCode) assert.ok(htmlCode.includes(block), block);
  for (const heading of ["Why", "Facts", "Rollback sequence", "Reproduce", "Communication", "Manual fallback (npm client)", "Revocation strategy", "Do not"]) {
    assert.ok(html.includes(`<h2>${heading}</h2>`), heading);
  }
});

function element(node: any, visit: (n: DefaultTreeAdapterMap["element"]) => void): void {
  if (node.tagName !== undefined) visit(node);
  for (const child of node.childNodes ?? []) element(child, visit);
  if (node.content !== undefined) element(node.content, visit);
}

/** The §7 static checks that apply to a page body. */
function staticChecks(name: string, page: PageBody): void {
  if (page.html !== null) {
    const doc = parse(`<!doctype html><html><body>${page.html}</body></html>`);
    element(doc, (el) => {
      assert.ok(!["script", "img", "iframe", "object", "embed", "style"].includes(el.tagName), `${name}: <${el.tagName}>`);
      for (const a of el.attrs) {
        assert.ok(!/^on/i.test(a.name), `${name}: ${a.name}`);
        if (a.name === "href") assert.ok(/^(https?:|[^:]*$)/i.test(a.value) && !a.value.startsWith("//"), `${name}: href ${a.value}`);
        assert.notEqual(a.name, "style", name);
      }
    });
    assert.equal((page.html.match(/<h1/g) ?? []).length, 0, `${name}: the layout owns the h1`);
  }
  if (page.md !== null) {
    let header: number | null = null;
    for (const line of page.md.split("\n")) {
      if (!line.startsWith("|")) {
        header = null;
        continue;
      }
      let pipes = 0;
      for (const m of line.matchAll(/(\\*)\|/g)) if ((m[1] ?? "").length % 2 === 0) pipes++;
      if (header === null) header = pipes;
      else assert.equal(pipes, header, `${name}: ${line}`);
    }
    element(parse(md.render(page.md)), (el) => {
      assert.ok(!["script", "img"].includes(el.tagName), `${name}.md: <${el.tagName}>`);
      for (const a of el.attrs) assert.ok(!/^on/i.test(a.name), `${name}.md: ${a.name}`);
    });
  }
}

test("hostile scenario: escaped everywhere, pointers removed, table columns kept, commands never spliced", () => {
  const packet = json("hostile/release/incident_response_packet.json");
  const outcome = json("hostile/release/rollback_outcome.json");
  const ctx = siteContext([artifact("incident", "release/incident_response_packet.json", packet), artifact("npm_rollback", "release/rollback_outcome.json", outcome)]);
  const all = renderIncidentPages(ctx);
  assert.equal(all.length, 3);
  for (const page of all) staticChecks(page.stem, page);
  const incident = all.find((p) => p.stem === "incident")!;
  for (const pointer of ["javascript:alert(1)", " JaVaScRiPt:x", "//evil.example/x", "data:text/html,x"]) {
    assert.ok(incident.md!.includes(`\`${pointer}\` (link removed)`), pointer);
    assert.ok(htmlText(incident.html!).includes(`${pointer} link removed`), pointer);
  }
  for (const form of [incident.md!, htmlText(incident.html!)]) {
    assert.ok(form.includes("<U+202E>") && form.includes("contains invisible bidirectional characters"));
    assert.ok(!form.includes("\u0007"));
    // Bidi controls are made visible inside commands (reports.md §4.11); plain text keeps them as written.
    for (const line of form.split("\n").filter((l) => l.includes("$(id)"))) assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(line), line);
  }
  assert.match(incident.html!, /&lt;img src&#x3D;x onerror&#x3D;alert\(1\)&gt;/);
  assert.match(incident.md!, /\\<img src=x onerror=alert\(1\)\\>/);
  assert.match(incident.md!, /`` a\\\|b`c ``|a\\\|b\\`c/);
  assert.equal(ctx.dangling.has("../outside/report.json"), true);
  const rollback = all.find((p) => p.stem === "rollback_instructions")!;
  const blocks = md.parse(rollback.md!, {}).filter((t) => t.type === "fence").map((t) => t.content);
  for (const b of blocks) assert.doesNotMatch(b, /x; rm|1\.0\.0; rm|javascript|evil|<img|script/, b);
  assert.match(rollback.md!, /--package @ok\/pkg --to "\$\{KNOWN_GOOD_VERSION/);
  assert.match(rollback.md!, /TODO\(packages\): invalid value a\\\|b\\`c/);
});

test("every page of every fixture passes the static checks, and rendering twice gives the same bytes", () => {
  const sets: Artifact[][] = [
    gateFailIncident(),
    [artifact("incident", "artifacts/wasm/release/incident_response_packet.json", json(ORIGINAL_PACKET)), artifact("rollback_safety", "artifacts/wasm/release/rollback_safety_report.json", json("original-format/artifacts/wasm/release/rollback_safety_report.json"))],
  ];
  for (const arts of sets) {
    const a = renderIncidentPages(siteContext(arts));
    const b = renderIncidentPages(siteContext(structuredClone(arts)));
    assert.deepEqual(a, b);
    for (const page of a) staticChecks(page.stem, page);
  }
});

test("original rollback safety: string checks are declared, not evaluated; required reports found or not", () => {
  const arts = [artifact("rollback_safety", "artifacts/wasm/release/rollback_safety_report.json", json("original-format/artifacts/wasm/release/rollback_safety_report.json"))];
  const text = pages(arts, ["artifacts/security_release_gate_report.json"]).incident!.md!;
  assert.match(text, /^\| npm_rollback_actions_artifactized \| declared, not evaluated \|  \|$/m);
  assert.match(text, /^\| required gate reports present \| PASS \|  \|$/m);
  assert.match(text, /security_release_gate_report\.json>\) \| present under --in \|$/m);
  assert.match(text, /`artifacts\/wasm_dependency_audit_summary\.json` \(not found under --in\) \| not found \|$/m);
  assert.match(text, /No incident packet found under --in\./);
});

test("templates: no {{{ anywhere, and every Markdown mustache goes through an md helper", async () => {
  for (const name of fs.readdirSync(TEMPLATES)) {
    const source = fs.readFileSync(`${TEMPLATES}${name}`, "utf8");
    assert.ok(!source.includes("{{{"), name);
  }
  const { INCIDENT_DOC_MD } = await import("../src/templates/incident-doc-md.ts");
  const { ROLLBACK_INSTRUCTIONS_MD } = await import("../src/templates/rollback-instructions-md.ts");
  assert.deepEqual(lintMarkdownTemplate(INCIDENT_DOC_MD), []);
  assert.deepEqual(lintMarkdownTemplate(ROLLBACK_INSTRUCTIONS_MD), []);
});

test("wrong types and naive timestamps in incident artifacts render as not recorded or TODO, never a crash", () => {
  const packet = {
    incident: { incident_id: 1, severity: 3, declared_at_utc: "2026-03-10T12:00:00", trigger: { failing_gate_reports: "x" } },
    owners_to_page: [null, { owner: 5, reasons: "r" }],
    communication_protocol: { sev_1: "x", sev_2: null },
    roles: [],
    evidence: { failing_checks: [null, 4], unstable_suites: "s", quarantine_entries: [{ id: 7 }], drill: 5, npm_rollback: [] },
    artifact_index: [null, { path: "a.json", size_bytes: "big" }],
    postmortem_requirements: [1, "root_cause"],
  };
  const pm = { incident_timeline_utc: [{ ts: "2026-03-10T10:00:00", event: 5, data_link: 7 }, null], corrective_actions: [null, "x", { owner: 3 }], prevention_checks: "none", went_well: [1, "kept calm"], impact: "big" };
  const p = pages([artifact("incident", "i.json", packet), artifact("postmortem", "pm.json", pm)]);
  for (const page of Object.values(p)) staticChecks(page.stem, page);
  const text = p.postmortem!.md!;
  assert.match(text, /### Time unknown/);
  assert.match(text, /TODO\(incident_timeline_utc\.ts\)/);
  assert.match(text, /^\| \*\*TODO\(corrective_actions\.action\): what will be done\*\* \| 3 \| \*\*TODO\(corrective_actions\.due_date\)/m);
  assert.match(text, /- kept calm/);
  assert.equal(Number(/This draft has (\d+) TODO fields\./.exec(text)?.[1]), todoCount(text));
  assert.match(p.incident!.md!, /\| declared \| 2026-03-10T12:00:00 \|/);
});

test("blank lines inside a repro command survive in the Markdown fence", () => {
  const safety = { generated_at_utc: "2026-03-10T11:00:00Z", tag: "v1.0.0", version: "1.0.0", gate_status: "pass", required_gate_reports: [], missing_gate_reports: [], rollback_safety_checks: [], deterministic_repro_commands: ["printf 'a\n\n\nb'"] };
  const text = pages([artifact("rollback_safety", "r.json", safety)]).postmortem!.md!;
  assert.ok(text.includes("```sh\nprintf 'a\n\n\nb'\n```"), text);
  assert.doesNotMatch(text.replace(/```sh[\s\S]*?```/g, "(block)"), /\n\n\n/);
});
