// Result files can be hundreds of megabytes: they are read through two reused 64 KiB buffers so
// memory stays flat whatever the file size (detector.md §7.1). While one chunk is parsed the
// next is already being read, which hides the thread-pool round trip of every read (a fifth of
// the wall time on a 200 MB report when reads and parsing take turns).
import fs from "node:fs/promises";

export const RESULT_CHUNK_BYTES = 64 * 1024;

export interface ReadChunksOptions {
  /** Called after each chunk is consumed with the bytes read so far (tests sample the heap here). */
  onProgress?: (bytesRead: number) => void;
  /** Chunk size; tests use tiny ones to exercise every split point. */
  chunkBytes?: number;
}

/**
 * Feed the file to `consume` chunk by chunk, in order. The chunk is a view of a reused buffer,
 * valid only during the call. `consume` returns false to stop reading early (a malformation or
 * `Bail out!` needs nothing after it).
 */
export async function readChunks(path: string, consume: (chunk: Uint8Array) => boolean, options: ReadChunksOptions = {}): Promise<void> {
  const size = options.chunkBytes ?? RESULT_CHUNK_BYTES;
  const handle = await fs.open(path, "r");
  let current = Buffer.allocUnsafe(size);
  let spare = Buffer.allocUnsafe(size);
  // Only one read is ever in flight, so reading from the current file position stays sequential.
  const readInto = (): Promise<{ bytesRead: number; buffer: Buffer }> => {
    const buffer = spare;
    spare = current;
    current = buffer;
    return handle.read(buffer, 0, size, null);
  };
  let pending = readInto();
  try {
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) return;
      total += bytesRead;
      pending = readInto();
      const more = consume(buffer.subarray(0, bytesRead));
      options.onProgress?.(total);
      if (!more) return;
    }
  } finally {
    // A read may still be filling a buffer; let it settle before the handle closes under it.
    await pending.catch(() => undefined);
    await handle.close();
  }
}
