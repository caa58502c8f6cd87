export * from "./step-summary.ts";
export { renderRollbackInstructions } from "./rollback/render-rollback-instructions.ts";
export type { RollbackInstructionsInput } from "./rollback/rollback-model.ts";
export { renderSite, type RenderSiteOptions, type RenderSiteResult, type SiteFile, type Format, type ClockSource } from "./site/render-site.ts";
export { renderStubSite, type StubOptions } from "./site/stub-site.ts";
export { MARKER_NAME, MARKER_CONTENT, MANIFEST_NAME, SITE_SCHEMA_VERSION } from "./site/site-manifest.ts";
export { compileHtml, escapeHtml, TrustedHtml } from "./site/html-env.ts";
export { resolvePointer, pointerHtml, inputHref } from "./site/pointers.ts";
