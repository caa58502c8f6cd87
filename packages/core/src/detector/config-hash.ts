// config_hash (detector.md §3.3): identifies what was planned, so merge can refuse shards that
// ran different configs. Canonical = keys sorted by code point at every level, no whitespace.
import { sortKeysDeep } from "../canonical-json.ts";
import type { Sha256, SuiteConfig } from "./types.ts";

/** The canonical text hashed: the planned suites (defaults and --timeout applied, tokens unsubstituted). */
export function canonicalSuitesJson(suites: readonly SuiteConfig[]): string {
  return JSON.stringify(sortKeysDeep(suites));
}

export function configHash(suites: readonly SuiteConfig[], sha256: Sha256): string {
  return sha256(canonicalSuitesJson(suites));
}
