// The flags a command's `usage` text names, with their value placeholders, for the generated CLI
// reference. Reading them from `usage` means a command needs no extra metadata to be documented.

export interface UsageFlag {
  /** `--name` as typed. */
  flag: string;
  /** The placeholder that follows it (`<path>`, `N`, `text|json`), or null for a switch. */
  value: string | null;
}

/**
 * Flags in order of first appearance. Only the synopsis counts (the text before the first blank
 * line): later paragraphs, such as a defaults list, mention flags with example values.
 */
export function usageFlags(usage: string): UsageFlag[] {
  const synopsis = usage.split(/\n\s*\n/)[0] ?? "";
  const seen = new Map<string, UsageFlag>();
  // A value is `<placeholder>` (which may hold spaces: `<site dir>`) with an optional `|alt`, or one bare token.
  for (const match of synopsis.matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*)(?:[ =](?!--|\[)(<[^<>]*>(?:\|[^\s[\]]+)?|[^\s[\]<]+))?/g)) {
    const flag = match[1] as string;
    const value = match[2]?.replace(/\.\.\.$/, "") ?? null;
    if (!seen.has(flag)) seen.set(flag, { flag, value });
  }
  return [...seen.values()];
}
