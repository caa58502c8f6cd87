// Writing the site (reports.md §2 "Never a stale site"): build in a sibling temp directory, rename the
// old site aside, rename the new one in, delete the old one.
import fs from "node:fs";
import path from "node:path";

export interface SiteFileBytes {
  path: string;
  bytes: Uint8Array;
}

export function replaceSite(outAbs: string, files: readonly SiteFileBytes[], pid: number): void {
  const parent = path.dirname(outAbs);
  const base = path.basename(outAbs);
  fs.mkdirSync(parent, { recursive: true });
  const temp = path.join(parent, `.${base}.new-${pid}`);
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp);
  try {
    for (const f of files) {
      const target = path.join(temp, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.bytes);
    }
    const old = `${outAbs}.old-${pid}`;
    let moved = false;
    if (fs.existsSync(outAbs)) {
      fs.rmSync(old, { recursive: true, force: true });
      fs.renameSync(outAbs, old);
      moved = true;
    }
    fs.renameSync(temp, outAbs);
    if (moved) fs.rmSync(old, { recursive: true, force: true });
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
