/**
 * The dry-run adapter: nodemailer's streamTransport (in the delivery threads) returns the exact bytes a
 * relay would receive — same composer, same DKIM — which are written as .eml files. File names come
 * from a counter and a sanitised address, so an address can never name a path outside the folder.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Mailer } from "./mailer.js";
import { DeliveryThreads, type DkimSettings } from "./threads.js";

export interface EmlMailer extends Mailer {
  /** Bytes of each message written, in the order they were written. */
  readonly sizes: number[];
}

/** "anna.o'neil@example.org" → "anna.o_neil@example.org": letters, digits and . _ @ - only, at most 80. */
export function safeFileName(email: string): string {
  return email
    .replace(/[^A-Za-z0-9._@-]/g, "_")
    .replace(/^\.+/, "_")
    .slice(0, 80);
}

/** Writes each message to `<dir>/<00001>-<address>.eml`, numbered in the order `send` is called. */
export function emlMailer(dir: string, options: { dkim: DkimSettings | null; threads?: number }): EmlMailer {
  const threads = new DeliveryThreads({
    transport: { kind: "stream" },
    dkim: options.dkim,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  mkdirSync(dir, { recursive: true });
  const sizes: number[] = [];
  let counter = 0;
  return {
    sizes,
    async send(message, claim) {
      const name = `${String(++counter).padStart(5, "0")}-${safeFileName(message.envelope.to)}.eml`;
      const delivered = await threads.deliver(message, claim);
      if (delivered === null) return null;
      if (delivered.bytes === null) return delivered.outcome;
      writeFileSync(path.join(dir, name), delivered.bytes);
      sizes.push(delivered.bytes.length);
      return { kind: "accepted", response: `written to ${name}` };
    },
    close: () => threads.close(),
  };
}
