// Markup our own code built (charts, pointer links). The `trusted` helper accepts only this type, so a
// plain input string can never be smuggled into a page unescaped (reports.md §4.12).

const BRAND: unique symbol = Symbol("trusted-html");

export class TrustedHtml {
  readonly html: string;
  readonly [BRAND] = true;
  private constructor(html: string) {
    this.html = html;
  }
  /** Only for markup whose every input-derived part went through escapeHtml. */
  static fromEscaped(html: string): TrustedHtml {
    return new TrustedHtml(html);
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
  "`": "&#x60;",
  "=": "&#x3D;",
};

/** The same escaping as Handlebars' `{{x}}`, for markup built in code. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c] ?? c);
}
