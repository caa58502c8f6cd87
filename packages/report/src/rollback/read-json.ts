// Defensive readers for artifact JSON the renderers receive: the documents passed core's loose read-side schemas
// (or come straight from `flakewarden incident`), so any field beyond those may be absent or of another type.

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

export function field(value: unknown, ...path: string[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    const o = obj(cur);
    if (o === null) return undefined;
    cur = o[key];
  }
  return cur;
}

/** A non-empty string at the path, else null. */
export function str(value: unknown, ...path: string[]): string | null {
  const v = field(value, ...path);
  return typeof v === "string" && v !== "" ? v : null;
}

export function arr(value: unknown, ...path: string[]): unknown[] {
  const v = field(value, ...path);
  return Array.isArray(v) ? v : [];
}

export function strings(value: unknown, ...path: string[]): string[] {
  return arr(value, ...path).filter((v): v is string => typeof v === "string");
}

/** A finite number at the path, else null. */
export function num(value: unknown, ...path: string[]): number | null {
  const v = field(value, ...path);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
