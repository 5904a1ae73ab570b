/**
 * Delivery threads: composing (base64 of ~50 KB, an RSA signature) and pushing the bytes through
 * nodemailer's SMTP client (which scans every byte for dot-stuffing) is CPU work; in worker threads it
 * leaves the main thread free for the ledger's commits and the decisions, and uses every core.
 * Each thread has its own transport (a nodemailer pool of connections/threads connections, or a
 * stream transport for dry runs).
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { WORKER_SOURCE } from "./worker-source.js";
import { BodyWire, type TemplateMessage } from "../compose/body-fill.js";
import { classifySmtpError, type OutgoingMessage, type SendOutcome, type SmtpErrorLike } from "./mailer.js";

export interface DkimSettings {
  domainName: string;
  keySelector: string;
  privateKey: string;
  headerFieldNames: string;
}

export type TransportConfig = { kind: "smtp"; url: string; connections: number } | { kind: "stream" };

/** What a delivery thread did: null when the claim said no (nothing went out). */
export type Delivered = { outcome: SendOutcome; bytes: Buffer | null } | null;

type FromThread =
  | { t: "composed"; id: number }
  | { t: "compose-failed"; id: number; error: string }
  | { t: "sent"; id: number; response: string; message?: Uint8Array }
  | { t: "failed"; id: number; error: SmtpErrorLike }
  | { t: "closed" };

interface Pending {
  worker: Worker;
  claim: () => boolean;
  transmitting: boolean;
  resolve: (d: Delivered) => void;
  reject: (e: Error) => void;
}

/** Threads for delivering: one per core (the main thread mostly waits on them), at most four. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class DeliveryThreads {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  readonly #bodies = new BodyWire();
  #seq = 0;
  #dead: Error | null = null;

  constructor(options: { transport: TransportConfig; dkim: DkimSettings | null; threads?: number }) {
    const require = createRequire(import.meta.url);
    const modules = {
      mailComposer: require.resolve("nodemailer/lib/mail-composer"),
      dkim: require.resolve("nodemailer/lib/dkim"),
      nodemailer: require.resolve("nodemailer"),
    };
    const n = options.threads ?? defaultThreads();
    const t = options.transport;
    // the connections are shared out among the threads
    const transport = t.kind === "smtp" ? { ...t, connections: Math.max(1, Math.ceil(t.connections / n)) } : t;
    this.#workers = Array.from({ length: n }, () => {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { modules, dkim: options.dkim, transport } });
      w.on("message", (m: FromThread) => this.#onMessage(w, m));
      w.on("error", (e) => this.#onDeath(w, e));
      return w;
    });
  }

  /** Composes the message, asks `claim` whether it may go out, then transmits it. */
  deliver(message: OutgoingMessage, claim: () => boolean): Promise<Delivered> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#seq++;
    const worker = this.#workers[id % this.#workers.length] as Worker;
    // a template body crosses to each thread once; per message only the recipient's values do
    const post = (m: TemplateMessage) => worker.postMessage(m);
    const { html, text } = message.input;
    const input = { ...message.input, html: this.#bodies.wire(html, worker, post), text: this.#bodies.wire(text, worker, post) };
    return new Promise<Delivered>((resolve, reject) => {
      this.#pending.set(id, { worker, claim, transmitting: false, resolve, reject });
      worker.postMessage({ t: "compose", id, input, envelope: { from: message.envelope.from, to: [message.envelope.to] } });
    });
  }

  #onMessage(worker: Worker, m: FromThread): void {
    if (m.t === "closed") return;
    const p = this.#pending.get(m.id);
    if (!p) return;
    if (m.t === "composed") {
      let go: boolean;
      try {
        go = p.claim();
      } catch (e) {
        worker.postMessage({ t: "discard", id: m.id });
        this.#pending.delete(m.id);
        p.reject(e as Error);
        return;
      }
      worker.postMessage({ t: go ? "transmit" : "discard", id: m.id });
      if (go) p.transmitting = true;
      else {
        this.#pending.delete(m.id);
        p.resolve(null);
      }
      return;
    }
    this.#pending.delete(m.id);
    if (m.t === "compose-failed") p.reject(new Error(`composing the message failed: ${m.error}`));
    else if (m.t === "sent")
      p.resolve({
        outcome: { kind: "accepted", response: m.response.slice(0, 500) },
        bytes: m.message ? Buffer.from(m.message.buffer, m.message.byteOffset, m.message.byteLength) : null,
      });
    else p.resolve({ outcome: classifySmtpError(m.error), bytes: null });
  }

  /** A thread died: what it was transmitting may have gone out (unknown), the rest never started. */
  #onDeath(worker: Worker, e: Error): void {
    this.#dead ??= e;
    for (const [id, p] of this.#pending) {
      if (p.worker !== worker) continue;
      this.#pending.delete(id);
      if (p.transmitting)
        p.resolve({ outcome: { kind: "dropped", maybeAccepted: true, response: `delivery thread failed: ${e.message}` }, bytes: null });
      else p.reject(e);
    }
  }

  /** Closes the transports (QUIT to the relay), then the threads. Call when nothing is pending. */
  async close(): Promise<void> {
    await Promise.all(
      this.#workers.map(async (w) => {
        await new Promise<void>((resolve) => {
          const onClosed = (m: FromThread) => {
            if (m.t !== "closed") return;
            w.off("message", onClosed);
            resolve();
          };
          w.on("message", onClosed);
          w.once("exit", () => resolve());
          w.postMessage({ t: "close" });
        });
        await w.terminate();
      }),
    );
  }
}
