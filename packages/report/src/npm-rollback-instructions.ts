// `<out>/rollback_instructions.md` of `rollback npm`: the ordered commands for this tag and
// version, each with what happened to it. Plain text assembly: every value is fenced, so no
// escaping language is needed and user text cannot turn into Markdown structure.

export interface NpmInstructionStep {
  display: string;
  status: string;
}

export interface NpmInstructionsView {
  mode: "dry_run" | "execute";
  status: string;
  tag: string;
  version: string;
  packages: string[];
  registry: string | null;
  reason: string;
  steps: NpmInstructionStep[];
}

/** A fence longer than any backtick run inside the text, so the text cannot close it. */
function fenced(text: string, info = ""): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

export function renderNpmRollbackInstructions(view: NpmInstructionsView): string {
  const lines = [
    `# npm rollback: ${view.tag} -> ${view.version}`,
    "",
    `- mode: ${view.mode === "dry_run" ? "dry run" : "execute"}`,
    `- status: ${view.status}`,
    `- tag: ${view.tag}`,
    `- version: ${view.version}`,
    `- packages: ${view.packages.join(", ")}`,
    `- registry: ${view.registry ?? "npm's configured registry"}`,
    "",
    "Reason:",
    "",
    fenced(view.reason, "text"),
    "",
    "## Commands, in order",
    "",
  ];
  view.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${step.status}`, "", fenced(step.display, "sh"), "");
  });
  if (view.mode === "dry_run") lines.push("Run the same command with `--execute` to apply these steps.", "");
  return `${lines.join("\n")}`;
}
