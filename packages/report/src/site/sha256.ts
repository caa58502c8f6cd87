// sha256 for the CSP hash, report_manifest.json and entry anchors. node:crypto is neither file system, process
// nor clock, and it gives the same bytes under Node and Deno.
import crypto from "node:crypto";

type OneShot = (algorithm: string, data: Uint8Array | string, encoding: "hex" | "base64") => string;

// The one-shot crypto.hash (Node ≥ 20.12, Deno) skips the Hash object that createHash builds per call: the scale
// scenario (reports.md §4.16) hashes 10,000 entry ids and 150 pages. Older runtimes fall back to createHash.
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

function digest(bytes: Uint8Array | string, encoding: "hex" | "base64"): string {
  return typeof oneShot === "function" ? oneShot("sha256", bytes, encoding) : crypto.createHash("sha256").update(bytes).digest(encoding);
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return digest(bytes, "hex");
}

export function sha256Base64(bytes: Uint8Array | string): string {
  return digest(bytes, "base64");
}
