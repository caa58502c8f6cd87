// The private Handlebars environment for Markdown pages (reports.md §4.11, §4.12). `noEscape` because HTML entities
// corrupt Markdown (`&#x27;` shows as is); in exchange every mustache must call one of the md* helpers, which a
// lint (lintMarkdownTemplate, run over every template in the tests) enforces. Separate from the HTML environment
// so no HTML helper or escaping rule can leak into Markdown.
import Handlebars from "handlebars";
import type { TemplateOptions } from "../site/html-env.ts";
import { mdCell, mdCellCode, mdCode, mdFence, mdLink, mdText } from "./md-helpers.ts";

const MD_HELPERS = { mdText, mdCell, mdCode, mdCellCode, mdFence, mdLink } as const;
export const MD_HELPER_NAMES: readonly string[] = Object.keys(MD_HELPERS);

const env = Handlebars.create();
for (const [name, fn] of Object.entries(MD_HELPERS)) {
  // Handlebars appends its options hash to every call; the helpers take only the values given in the template.
  // `strict` does not cover helper arguments, so a missing view-model field would render as "": refuse it
  // instead (the view model sets absent optional values to null explicitly).
  // One- and two-argument calls (all but a few) skip the rest array, slice and spread: the scale scenario
  // (reports.md §4.16) makes about 200,000 helper calls.
  const call = fn as (...a: unknown[]) => string;
  const missing = (): never => {
    throw new Error(`markdown helper ${name}: an argument is undefined (set absent values to null)`);
  };
  env.registerHelper(name, function (this: unknown, a?: unknown, b?: unknown) {
    const n = arguments.length - 1;
    if (n === 1) return a === undefined ? missing() : call(a);
    if (n === 2) return a === undefined || b === undefined ? missing() : call(a, b);
    const values = Array.prototype.slice.call(arguments, 0, -1) as unknown[];
    if (values.some((v) => v === undefined)) missing();
    return call(...values);
  });
}
const knownHelpers = Object.fromEntries(MD_HELPER_NAMES.map((k) => [k, true]));

export type MarkdownTemplate = (view: object) => string;

/** Compile a Markdown template once (at module load of the template's user). */
export function compileMarkdown(source: string, options: TemplateOptions = {}): MarkdownTemplate {
  const problems = lintMarkdownTemplate(source);
  if (problems.length > 0) throw new Error(`markdown template: ${problems.join("; ")}`);
  const template = env.compile(source, { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers, preventIndent: true, data: options.data ?? true });
  return (view) => template(view);
}

/**
 * Every mustache of a Markdown template must be a block (`#`, `/`, `else`), a comment, or a call of an md helper.
 * Returns one problem per offending mustache.
 */
export function lintMarkdownTemplate(source: string): string[] {
  const problems: string[] = [];
  if (source.includes("{{{")) problems.push("triple-stash {{{ is forbidden");
  for (const m of source.matchAll(/\{\{~?\s*([^}]*?)\s*~?\}\}/g)) {
    const body = m[1] ?? "";
    if (/^[#/!^]/.test(body) || /^else\b/.test(body) || body.startsWith("{")) continue;
    const name = body.split(/\s+/)[0] ?? "";
    if (!MD_HELPER_NAMES.includes(name)) problems.push(`mustache without an md helper: {{${body}}}`);
  }
  return problems;
}
