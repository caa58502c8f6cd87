// The private HTML handlebars environment (reports.md §4.12). The global Handlebars instance is never
// touched; helpers are exactly eq, link, todo, trusted. Page modules compile their templates with
// compileHtml at module load, so a template error surfaces when the module is imported.
import Handlebars from "handlebars";
import type { PointerView } from "./page-contract.ts";
import { pointerHtml } from "./pointers.ts";
import { replaceControls as cleanText } from "../text/sanitize.ts";
import { escapeHtml, TrustedHtml } from "./trusted-html.ts";

const env = Handlebars.create();

const KNOWN_HELPERS = { eq: true, link: true, todo: true, trusted: true } as const;

function isPointerView(value: unknown): value is PointerView {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { kind?: unknown; text?: unknown; href?: unknown };
  if (typeof v.text !== "string") return false;
  if (v.kind === "link") return typeof v.href === "string";
  return v.kind === "dangling" || v.kind === "removed";
}

env.registerHelper("eq", (a: unknown, b: unknown) => a === b);

/** {{link pointer}}: a PointerView from ctx.pointer()/resolvePointer, never a raw string. */
env.registerHelper("link", (value: unknown) => {
  if (!isPointerView(value)) throw new Error("link helper: expected a PointerView");
  return new env.SafeString(pointerHtml(value).html);
});

/** {{todo key text}} → <mark class="todo">TODO(key): text</mark> */
env.registerHelper("todo", (key: unknown, text: unknown) => {
  if (typeof key !== "string" || typeof text !== "string") throw new Error("todo helper: expected (key, text) strings");
  return new env.SafeString(`<mark class="todo">TODO(${escapeHtml(cleanText(key))}): ${escapeHtml(cleanText(text))}</mark>`);
});

env.registerHelper("trusted", (value: unknown) => {
  if (!(value instanceof TrustedHtml)) throw new Error("trusted helper: value is not TrustedHtml");
  return new env.SafeString(value.html);
});

const MAYBE_UNCLEAN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff]/;

export type HtmlTemplate<T> = (view: T) => string;

/**
 * `data: false` for a template that uses no `@index`/`@first`/`@last`: Handlebars then skips the data frame it
 * otherwise allocates for every `#each` iteration, which the scale scenario (reports.md §4.16) pays a million times.
 */
export interface TemplateOptions {
  readonly data?: boolean;
}

/**
 * Compile a template of src/templates/ in the HTML environment. `{{{` is refused outright. The
 * rendered text is passed through cleanText, so no control character or lone surrogate reaches a page
 * even if a view model forgot to clean a value.
 */
export function compileHtml<T>(source: string, options: TemplateOptions = {}): HtmlTemplate<T> {
  if (source.includes("{{{")) throw new Error("triple-stash {{{ is forbidden in templates");
  const template = env.compile<T>(source, { strict: true, knownHelpersOnly: true, knownHelpers: KNOWN_HELPERS, preventIndent: true, data: options.data ?? true });
  return (view: T) => {
    const html = template(view);
    // Most pages hold no control character or surrogate at all: skip the full pass for them.
    return MAYBE_UNCLEAN.test(html) ? cleanText(html) : html;
  };
}

export { escapeHtml, TrustedHtml };
