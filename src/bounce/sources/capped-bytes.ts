/**
 * Collecting message bytes up to a cap. Everything past the cap is read and dropped, never kept:
 * a 50 MB message costs `maxBytes` of memory, not 50 MB.
 */
import type { FileHandle } from "node:fs/promises";

/** Bytes appended piece by piece; keeps the first `max` of them and remembers whether more came. */
export class CappedBuffer {
  private readonly pieces: Buffer[] = [];
  private kept = 0;
  private overflow = false;

  constructor(private readonly max: number) {}

  /** Keeps what still fits; `bytes` may be a view into a larger chunk (it is copied by `result`). */
  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const room = this.max - this.kept;
    if (bytes.length > room) this.overflow = true;
    if (room <= 0) return;
    const piece = bytes.length > room ? bytes.subarray(0, room) : bytes;
    const last = this.pieces[this.pieces.length - 1];
    // the mbox reader appends line by line from one read chunk: widen the previous view instead of
    // keeping one piece per line (a 10 MB message of short lines would otherwise be 150,000 pieces)
    if (last !== undefined && last.buffer === piece.buffer && last.byteOffset + last.length === piece.byteOffset) {
      this.pieces[this.pieces.length - 1] = Buffer.from(last.buffer, last.byteOffset, last.length + piece.length);
    } else {
      this.pieces.push(piece);
    }
    this.kept += piece.length;
  }

  /** One buffer of its own (no views into read chunks survive) and whether bytes were cut off. */
  result(): { raw: Buffer; truncated: boolean } {
    return { raw: Buffer.concat(this.pieces, this.kept), truncated: this.overflow };
  }
}

/**
 * Reads a stream up to `max` bytes, then reads on to the end without keeping anything. Draining
 * matters for stdin: an MTA piping a report into `koepfe bounces --stdin` treats a broken pipe as a
 * failed delivery and would bounce the bounce.
 */
export async function readStreamCapped(stream: NodeJS.ReadableStream, max: number): Promise<{ raw: Buffer; truncated: boolean }> {
  const bytes = new CappedBuffer(max);
  for await (const chunk of stream) bytes.append(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return bytes.result();
}

/**
 * Reads an open file of `size` bytes (its size when opened) from the start, up to `max` bytes,
 * straight into one buffer of the final length; one byte read past that tells whether there was
 * more. A file that grew after it was opened is cut at its old size and counts as truncated.
 */
export async function readFileCapped(handle: FileHandle, size: number, max: number): Promise<{ raw: Buffer; truncated: boolean }> {
  const raw = Buffer.allocUnsafe(Math.min(size, max));
  let filled = 0;
  while (filled < raw.length) {
    const { bytesRead } = await handle.read(raw, filled, raw.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  const probe = await handle.read(Buffer.alloc(1), 0, 1, filled);
  return { raw: filled === raw.length ? raw : raw.subarray(0, filled), truncated: probe.bytesRead > 0 };
}
