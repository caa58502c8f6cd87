// Hashing evidence files for the incident artifact index: streamed, so a large trace never sits in memory.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface FileDigest {
  sha256: string;
  size_bytes: number;
}

/** Digest of a regular file, or null when it is absent, not a file, or unreadable. */
export async function hashArtifactFile(abs: string): Promise<FileDigest | null> {
  try {
    if (!fs.statSync(abs).isFile()) return null;
  } catch {
    return null;
  }
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of fs.createReadStream(abs)) {
      const buf = chunk as Buffer;
      size += buf.length;
      hash.update(buf);
    }
  } catch {
    return null;
  }
  return { sha256: hash.digest("hex"), size_bytes: size };
}

/** Every regular file below a directory (absolute paths, sorted); symlinked directories are not followed. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const n of names) {
      const abs = path.join(d, n.name);
      if (n.isDirectory()) walk(abs);
      else if (n.isFile()) out.push(abs);
    }
  };
  walk(dir);
  return out.sort();
}
