// WG-FORENSICS: does the playbook still carry the forensics commands? (gate.md §4.6)
import { show } from "../format.ts";
import type { LoadedText } from "../loaded-input.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { finding, resultOf, type CheckResult, type Finding } from "./finding.ts";

export const FORENSICS_PASS = "forensics playbook links deterministic replay + quarantine workflow";
export const FORENSICS_TOKENS = ["replay", "trace_pointer", "reactivation"] as const;

export function forensicsFindings(doc: LoadedText, policy: ResolvedPolicy): Finding[] {
  if (doc.kind === "missing") return [finding("WG-FORENSICS-001", `forensics playbook missing: ${doc.path}`)];
  if (doc.kind === "unreadable") return [finding("WG-FORENSICS-004", `forensics playbook unreadable: ${doc.path}: ${doc.cause}`)];
  const out: Finding[] = [];
  const missing = policy.forensics_playbook.required_commands.filter((c) => !doc.text.includes(c));
  if (missing.length > 0) {
    out.push(finding("WG-FORENSICS-002", `forensics playbook missing commands: ${missing.map(show).join(", ")}`));
  }
  const tokens = FORENSICS_TOKENS.filter((t) => !doc.text.includes(t));
  if (tokens.length > 0) {
    out.push(finding("WG-FORENSICS-003", `forensics playbook missing tokens: ${tokens.join(", ")}`, { subject: tokens.join(", ") }));
  }
  return out;
}

export function checkForensics(doc: LoadedText, policy: ResolvedPolicy): CheckResult {
  return resultOf("WG-FORENSICS", FORENSICS_PASS, forensicsFindings(doc, policy));
}
