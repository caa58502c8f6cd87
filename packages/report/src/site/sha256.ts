// sha256 for the CSP hash and report_manifest.json. node:crypto is neither file system, process nor clock,
// and it gives the same bytes under Node and Deno.
import { createHash } from "node:crypto";

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function sha256Base64(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("base64");
}
