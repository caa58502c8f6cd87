// JSON paths in pilot problem lines (pilot.md §4.1): `$`, `.key` for identifier-like keys,
// `["key"]` otherwise, `[i]` for indices.
import { NonFinite, isPilotObject, type PilotJson } from "./pilot-json.ts";

const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return IDENTIFIER_RE.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** One validation problem: where, and what (the text after `<path>: `). */
export interface PilotProblem {
  path: string;
  message: string;
}

export function problemLine(p: PilotProblem): string {
  return `${p.path}: ${p.message}`;
}

/** The `(got …)` word for a JSON value's type. */
export function jsonTypeName(value: PilotJson): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof NonFinite) return "number";
  if (isPilotObject(value)) return "object";
  return typeof value;
}

/**
 * Phase 0 of validation: every non-finite number, in document order. Iterative, because the
 * document may nest up to the reader's depth limit. Returns the set of marker objects reported,
 * so later phases give those values no second problem.
 */
export function nonFiniteProblems(root: PilotJson, rootPath = "$"): PilotProblem[] {
  const problems: PilotProblem[] = [];
  const stack: { value: PilotJson; path: string }[] = [{ value: root, path: rootPath }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value instanceof NonFinite) {
      problems.push({ path, message: `must be a finite number (got ${value.token})` });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i]!, path: childPath(path, i) });
    } else if (isPilotObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: value[keys[i]!]!, path: childPath(path, keys[i]!) });
    }
  }
  return problems;
}

/** Own-key lookup: inherited names such as `constructor` are never fields. */
export function own(obj: Record<string, PilotJson>, key: string): PilotJson | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
