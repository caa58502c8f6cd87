// renderRollbackInstructions (reports.md §4.8): the one renderer of rollback_instructions.md, used by
// `flakewarden incident`, `flakewarden rollback npm` and the report site. No links and no clock, so the same
// artifacts always give the same bytes wherever it is called from.
import { compileMarkdown } from "../markdown/md-env.ts";
import { ROLLBACK_INSTRUCTIONS_MD } from "../templates/rollback-instructions-md.ts";
import { toRollbackModel, type RollbackInstructionsInput, type Shown } from "./rollback-model.ts";

const template = compileMarkdown(ROLLBACK_INSTRUCTIONS_MD);

const flat = (s: Shown): string => s.text ?? s.todo ?? "";

export function renderRollbackInstructions(input: RollbackInstructionsInput): string {
  const m = toRollbackModel(input);
  return template({
    ...m,
    tag: flat(m.tag),
    incidentId: flat(m.incidentId),
    severity: flat(m.severity),
    rollbackDefault: flat(m.rollbackDefault),
    gateStatus: flat(m.gateStatus),
    facts: m.facts.map((f) => ({ fact: f.fact, value: flat(f.value), source: f.source ?? "" })),
    lane: flat(m.lane),
    ackDue: flat(m.ackDue),
    cadence: flat(m.cadence),
    roles: flat(m.roles),
    postmortemDue: flat(m.postmortemDue),
  });
}
