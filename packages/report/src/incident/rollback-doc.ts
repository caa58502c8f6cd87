// rollback_instructions.html (reports.md §4.8): the same model and the same text as rollback_instructions.md; only
// here the evidence paths are links (§4.10).
import type { PointerView } from "../site/page-contract.ts";
import type { RollbackModel, Shown } from "../rollback/rollback-model.ts";
import * as d from "./doc-model.ts";

/** A shown value, or its TODO as a marked placeholder. */
function shown(s: Shown): d.Inline {
  if (s.todo === null) return d.text(s.text ?? "");
  const m = /^TODO\(([^)]*)\): ([\s\S]*)$/.exec(s.todo);
  return m === null ? d.text(s.todo) : d.todo(m[1] as string, m[2] as string);
}

export function rollbackTitle(m: RollbackModel): string {
  return `Release Rollback Guidance — ${m.tag.text ?? m.tag.todo ?? ""}`;
}

export function rollbackDoc(m: RollbackModel, pointer: (value: string) => PointerView): d.Block[] {
  const blocks: d.Block[] = [];
  blocks.push(d.para(d.text("Incident "), shown(m.incidentId), d.text(" · "), shown(m.severity), d.text(" · rollback default: "), shown(m.rollbackDefault), d.text(" · gate status: "), shown(m.gateStatus)));

  blocks.push(d.h2("Why"));
  if (m.why.allPassed) blocks.push(d.para(d.text("All required gate reports passed.")));
  if (m.why.note !== null) blocks.push(d.para(shown({ text: m.why.note.startsWith("TODO(") ? null : m.why.note, todo: m.why.note.startsWith("TODO(") ? m.why.note : null })));
  if (m.why.items.length > 0) blocks.push(d.list(false, m.why.items.map((w) => d.item([d.code(w.path), d.text(`: ${w.text}`)]))));

  blocks.push(d.h2("Facts"));
  blocks.push(d.table("Facts", ["fact", "value", "source"], m.facts.map((f) => [d.text(f.fact), shown(f.value), d.text(f.source ?? "")])));
  if (m.outcomeRows.length > 0) {
    blocks.push(d.table("npm outcome per package", ["package", "dist-tag move", "deprecation", "verification"], m.outcomeRows.map((r) => [d.code(r.package), d.text(r.move), d.text(r.deprecation), d.text(r.verification)])));
  }

  blocks.push(d.h2("Rollback sequence"));
  const step4Parts: d.ItemPart[] = [
    ...(m.alreadySucceeded ? [d.partP(d.text("The recorded npm outcome already reports "), d.code("succeeded"), d.text(": re-running is a "), d.code("noop"), d.text("."))] : []),
    ...d.partCode(m.rollbackBlock),
    ...(m.deprecate === null ? [] : [d.partP(d.text(`Only if ${m.deprecate.bad} was published:`)), ...d.partCode(m.deprecate.block)]),
  ];
  const todoLine = (line: string): d.Inline => shown({ text: null, todo: line });
  blocks.push(
    d.list(true, [
      d.item([d.text("Freeze the "), shown(m.lane), d.text(" lane and stop publish jobs.")]),
      d.item([d.text("Demote "), d.code(m.demote), d.text("."), ...(m.stableChannelAction === null ? [] : [d.text(` Packet action: ${m.stableChannelAction}.`)])]),
      d.item(
        [d.text("Preserve the evidence. These files must not be modified or deleted:")],
        [...m.evidence.map((e) => [d.link(pointer(e.path)), d.text(" sha256 "), d.code(e.sha256)]), ...(m.evidenceTodo === null ? [] : [[todoLine(m.evidenceTodo)]])],
      ),
      d.item([d.text("Roll the npm dist-tag back: dry run first, then the same command with "), d.code("--execute"), d.text(".")], m.invalid.map((l) => [todoLine(l)]), step4Parts),
      d.item([d.text("Verify each package's dist-tag:")], [], d.partCode(m.verifyBlock)),
      d.item([d.text("Open a remediation item. Re-promote only after every gate passes again and every command under Reproduce passes.")]),
    ]),
  );

  blocks.push(d.h2("Reproduce"));
  blocks.push(...(m.reproduceTodo === null ? d.codeBlock(m.reproduce) : [d.para(todoLine(m.reproduceTodo))]));

  blocks.push(d.h2("Communication"));
  blocks.push(
    d.list(false, [
      d.item([d.text("Acknowledge by: "), shown(m.ackDue)]),
      d.item([d.text("Updates: "), shown(m.cadence)]),
      d.item([d.text("Roles: "), shown(m.roles)]),
      d.item([d.text("Postmortem due: "), shown(m.postmortemDue)]),
    ]),
  );

  blocks.push(d.h2("Manual fallback (npm client)"));
  blocks.push(...d.codeBlock(m.manualBlock));

  blocks.push(d.h2("Revocation strategy"));
  blocks.push(
    d.list(false, [
      ...m.principles.map((p) => d.item([d.text(p)])),
      ...(m.requiredArtifacts.length === 0 ? [] : [d.item([d.text("Required artifacts: "), ...m.requiredArtifacts.flatMap((a, i) => [...(i > 0 ? [d.text(", ")] : []), ...d.code(a)])])]),
      ...(m.commandTemplate === null ? [] : [d.item([d.text(`Command template (plain text, not a command): ${m.commandTemplate}`)])]),
    ]),
  );

  blocks.push(d.h2("Do not"));
  blocks.push(
    d.list(false, [
      d.item([d.text("Do not unpublish. npm allows it within 72 h only with no dependents; after that, only with no dependents, fewer than 300 downloads last week and a single owner. A "), d.code("name@version"), d.text(" is never reusable.")]),
      d.item([d.text("Do not delete evidence.")]),
      d.item([d.text("A package first published in this release has no earlier version for the tag: deprecate it and ship a fixed patch.")]),
    ]),
  );
  return blocks;
}
