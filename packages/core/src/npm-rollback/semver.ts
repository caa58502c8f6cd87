// Strict SemVer 2.0.0 without build metadata: a rollback target must name one exact published
// version, and npm ignores `+build` when matching, so accepting it would be misleading.

const IDENT = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
const SEMVER = new RegExp(`^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-(${IDENT}(?:\\.${IDENT})*))?$`);

export interface SemVer {
  major: bigint;
  minor: bigint;
  patch: bigint;
  prerelease: string[];
}

export function parseSemver(text: string): SemVer | null {
  const m = SEMVER.exec(text);
  if (m === null) return null;
  return {
    major: BigInt(m[1] as string),
    minor: BigInt(m[2] as string),
    patch: BigInt(m[3] as string),
    prerelease: m[4] === undefined ? [] : m[4].split("."),
  };
}

export function isPrerelease(text: string): boolean {
  const v = parseSemver(text);
  return v !== null && v.prerelease.length > 0;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdent(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return cmp(BigInt(a), BigInt(b));
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SemVer precedence (-1, 0, 1); null when either side is not a strict version. */
export function compareSemver(left: string, right: string): number | null {
  const a = parseSemver(left);
  const b = parseSemver(right);
  if (a === null || b === null) return null;
  const core = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (core !== 0) return core;
  // A version without a prerelease ranks above any prerelease of the same core.
  if (a.prerelease.length === 0 && b.prerelease.length === 0) return 0;
  if (a.prerelease.length === 0) return 1;
  if (b.prerelease.length === 0) return -1;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdent(x, y);
    if (c !== 0) return c;
  }
  return 0;
}
