// How the CLI hands a file to core: core never reads files, it only sees what happened.

export type LoadedJson =
  | { kind: "missing"; path: string }
  | { kind: "unreadable"; path: string; cause: string }
  | { kind: "invalid-json"; path: string; line: number; column: number; problem: string }
  | { kind: "json"; path: string; value: unknown };

export type LoadedText =
  | { kind: "missing"; path: string }
  | { kind: "unreadable"; path: string; cause: string }
  | { kind: "text"; path: string; text: string };

/** The reason text shared by WG-DASH-002, WG-QUAR-002, WG-PILOT-002 and exit-2 policy errors. */
export function unreadableReason(input: Exclude<LoadedJson, { kind: "missing" } | { kind: "json" }>): string {
  if (input.kind === "unreadable") return `cannot read ${input.path}: ${input.cause}`;
  return `invalid JSON in ${input.path}: line ${input.line} column ${input.column}: ${input.problem}`;
}

export function rootObjectRequired(path: string): string {
  return `root object required in ${path}`;
}
