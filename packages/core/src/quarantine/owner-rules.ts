// Who owns a suite: the config `owners` map, then a CODEOWNERS-style owners file, then the
// config default (gate.md §3.8, §4.10). Parsing and matching only; the CLI reads the file.

export interface OwnersRule {
  /** 1-based line number in the owners file, for messages. */
  line: number;
  pattern: string;
  /** Empty when the line names no owner: the suite then has none from this file. */
  owners: string[];
}

export interface OwnerSources {
  /** Config `quarantine.owners`, in file order: exact names first, then glob keys. */
  owners?: Record<string, string> | undefined;
  rules: readonly OwnersRule[];
  defaultOwner?: string | undefined;
}

export type OwnerSource = "config owners" | "config owners glob" | "owners file" | "config default_owner";

export interface OwnerMatch {
  owner: string;
  source: OwnerSource;
}

const GLOB_CACHE = new Map<string, RegExp>();

/**
 * `*` matches within one path segment, `**` across segments, `?` one character other than `/`;
 * everything else is literal and a leading `/` is ignored. The whole name must match.
 */
export function globToRegExp(pattern: string): RegExp {
  const cached = GLOB_CACHE.get(pattern);
  if (cached !== undefined) return cached;
  const body = pattern.startsWith("/") ? pattern.slice(1) : pattern;
  let source = "";
  const chars = Array.from(body);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "*") {
      if (chars[i + 1] === "*") {
        source += ".*";
        i++;
      } else {
        source += "[^/]*";
      }
    } else if (c === "?") {
      source += "[^/]";
    } else {
      // Only syntax characters may be escaped under the `u` flag.
      source += c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    }
  }
  const re = new RegExp(`^${source}$`, "su");
  GLOB_CACHE.set(pattern, re);
  return re;
}

export function globMatches(pattern: string, name: string): boolean {
  return globToRegExp(pattern).test(name);
}

/** Owners file lines: blank and `#` lines skipped; `#` after whitespace starts a comment. */
export function parseOwnersFile(text: string): OwnersRule[] {
  const rules: OwnersRule[] = [];
  text.split("\n").forEach((rawLine, index) => {
    const tokens: string[] = [];
    for (const token of rawLine.split(/\s+/)) {
      if (token === "") continue;
      // Tokens are whitespace-separated, so a token starting with `#` always follows whitespace
      // (or opens the line): the comment starts here.
      if (token.startsWith("#")) break;
      tokens.push(token);
    }
    const [pattern, ...owners] = tokens;
    if (pattern !== undefined) rules.push({ line: index + 1, pattern, owners });
  });
  return rules;
}

/** The owner of `suite`, or null when no source names one. */
export function resolveOwner(suite: string, sources: OwnerSources): OwnerMatch | null {
  const map = sources.owners ?? {};
  if (Object.hasOwn(map, suite)) return { owner: map[suite] as string, source: "config owners" };
  for (const [key, owner] of Object.entries(map)) {
    if (globMatches(key, suite)) return { owner, source: "config owners glob" };
  }
  let last: OwnersRule | null = null;
  for (const rule of sources.rules) if (globMatches(rule.pattern, suite)) last = rule;
  const fromFile = last?.owners[0];
  if (fromFile !== undefined) return { owner: fromFile, source: "owners file" };
  if (sources.defaultOwner !== undefined) return { owner: sources.defaultOwner, source: "config default_owner" };
  return null;
}
