// Links and pointer values (reports.md §4.10): the only way an input value reaches an href.
import type { PointerView } from "./page-contract.ts";
import { replaceControls as cleanText } from "../text/sanitize.ts";
import { escapeHtml, TrustedHtml } from "./trusted-html.ts";

export const DANGLING_BADGE = "not found under --in";
export const REMOVED_BADGE = "link removed";

/** Percent-encode one path segment (after the text was cleaned of lone surrogates). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(cleanText(segment));
}

/** href of a discovered input: linkPrefix + "/" + percent-encoded segments. */
export function inputHref(linkPrefix: string, path: string): string {
  const encoded = path.split("/").map(encodeSegment).join("/");
  return linkPrefix === "" || linkPrefix === "." ? encoded : `${linkPrefix}/${encoded}`;
}

const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const HTTP_RE = /^https?:/i;
// Characters that make an http(s) value unsafe to put in an href as written.
const UNSAFE_URL_CHARS_RE = /[\u0000-\u0020\u007f-\u009f<>"`\\]/;
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
const TRIM_RE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/** A lookup over the walk's file index: the longest segment-wise suffix of a path that is a file. */
export interface FileLookup {
  has(path: string): boolean;
  /** True when the path is a folder holding at least one indexed file (an artifact directory). */
  hasDir?(path: string): boolean;
}

/**
 * Resolve a pointer found inside an input. The URL parser only classifies: the href is the trimmed
 * value as written, because its serialisation (IDNA, encoding) differs between runtimes.
 */
export function resolvePointer(value: string, files: FileLookup, linkPrefix: string): PointerView {
  const text = cleanText(value);
  const trimmed = value.replace(TRIM_RE, "");
  if (HTTP_RE.test(trimmed)) {
    if (UNSAFE_URL_CHARS_RE.test(trimmed) || !parsesAsUrl(trimmed)) return { kind: "removed", text };
    return { kind: "link", href: trimmed, text };
  }
  if (SCHEME_RE.test(trimmed) || trimmed.startsWith("/") || trimmed.includes("\\") || CONTROL_RE.test(trimmed)) {
    return { kind: "removed", text };
  }
  const hash = trimmed.indexOf("#");
  const pathPart = hash < 0 ? trimmed : trimmed.slice(0, hash);
  const fragment = hash < 0 ? null : trimmed.slice(hash + 1);
  const segments = normalise(pathPart);
  if (segments === null || segments.length === 0) return { kind: "dangling", text };
  for (let start = 0; start < segments.length; start++) {
    const candidate = segments.slice(start).join("/");
    if (files.has(candidate)) {
      const href = inputHref(linkPrefix, candidate) + (fragment === null ? "" : `#${encodeURIComponent(cleanText(fragment))}`);
      return { kind: "link", href, text };
    }
    // A pointer to an artifact folder (a drill's artifact dir) that exists under --in is not dangling:
    // it links to the folder itself.
    if (fragment === null && files.hasDir?.(candidate) === true) return { kind: "link", href: `${inputHref(linkPrefix, candidate)}/`, text };
  }
  return { kind: "dangling", text };
}

function parsesAsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** `.` and empty segments dropped, `..` applied; null when it climbs above --in. */
function normalise(path: string): string[] | null {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out;
}

/** The HTML of a pointer: a link, or code text with its badge. */
export function pointerHtml(view: PointerView): TrustedHtml {
  const text = escapeHtml(view.text);
  if (view.kind === "link") {
    const rel = HTTP_RE.test(view.href) ? ' rel="noopener noreferrer"' : "";
    return TrustedHtml.fromEscaped(`<a href="${escapeHtml(view.href)}"${rel}>${text}</a>`);
  }
  const badge = view.kind === "dangling" ? `<span class="badge badge-warn">${DANGLING_BADGE}</span>` : `<span class="badge badge-fail">${REMOVED_BADGE}</span>`;
  return TrustedHtml.fromEscaped(`<code>${text}</code> ${badge}`);
}

/** A link to a discovered input file, with its path as text. */
export function inputLinkHtml(linkPrefix: string, path: string): TrustedHtml {
  return TrustedHtml.fromEscaped(`<a href="${escapeHtml(inputHref(linkPrefix, path))}">${escapeHtml(cleanText(path))}</a>`);
}
