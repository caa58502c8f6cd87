// Lexical POSIX path arithmetic on paths as the user typed them. Core may not import node:path,
// and reports must show paths joined onto what was given, never absolutised, so the CLI's
// resolution against the cwd is not an option here. Semantics follow node:path's posix flavour
// (a test compares them).

export function isAbsolutePosix(p: string): boolean {
  return p.startsWith("/");
}

/** Collapse `//`, `.` and `..` without touching the file system; "" becomes ".". */
export function normalizePosix(p: string): string {
  if (p === "") return ".";
  const absolute = isAbsolutePosix(p);
  const trailing = p.endsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      const last = out[out.length - 1];
      if (last !== undefined && last !== "..") out.pop();
      else if (!absolute) out.push("..");
      // `..` above the root stays at the root
      continue;
    }
    out.push(part);
  }
  let body = out.join("/");
  if (body === "" && !absolute) body = ".";
  if (body !== "" && trailing) body += "/";
  return absolute ? `/${body}` : body;
}

/** Join non-empty segments with `/` and normalise, as path.posix.join does. */
export function joinPosix(...parts: string[]): string {
  const kept = parts.filter((part) => part !== "");
  return kept.length === 0 ? "." : normalizePosix(kept.join("/"));
}

/** The directory part, exactly as path.posix.dirname computes it ("." for a bare name). */
export function dirnamePosix(p: string): string {
  if (p === "") return ".";
  const hasRoot = p.startsWith("/");
  let end = -1;
  let inTrailingSlashes = true;
  for (let i = p.length - 1; i >= 1; i--) {
    if (p[i] === "/") {
      if (!inTrailingSlashes) {
        end = i;
        break;
      }
    } else {
      inTrailingSlashes = false;
    }
  }
  if (end === -1) return hasRoot ? "/" : ".";
  if (hasRoot && end === 1) return "//";
  return p.slice(0, end);
}
