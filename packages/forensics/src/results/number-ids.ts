// A result file may name the same test twice (parametrised tests without distinct names, a file
// that concatenates two runs). Every case must stay its own trace, so the second, third, …
// occurrence of an id gets `#2`, `#3`, … in document order (detector.md §7.1).

export class IdNumbering {
  private readonly seen = new Set<string>();
  /** Occurrences so far, only for ids seen more than once (the rare case; a Set is cheaper). */
  private readonly repeats = new Map<string, number>();

  /** The id to record for the next occurrence of `raw`. */
  next(raw: string): string {
    if (!this.seen.has(raw)) {
      this.seen.add(raw);
      return raw;
    }
    const count = (this.repeats.get(raw) ?? 1) + 1;
    this.repeats.set(raw, count);
    return `${raw}#${count}`;
  }
}
