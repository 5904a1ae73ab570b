/**
 * A delivery thread: composes each message from its issue's template (mime-template.ts), signs it
 * with DKIM and — once the send loop has claimed the delivery in the ledger — hands the bytes to
 * nodemailer's transport (a pool of SMTP connections, or the stream transport of a dry run).
 * Plumbing only: what an answer means is decided on the loop's thread. Started by threads.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { compileTemplate, messageBytes, type CompiledTemplate } from "./mime-template.js";
import type { FromThread, ToThread, WorkerSetup } from "./protocol.js";
import type { SmtpErrorLike } from "./mailer.js";

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error("delivery-worker.ts runs as a worker thread");

function transport(): Mail {
  const dkim = setup.dkim ?? undefined;
  if (setup.transport.kind === "stream")
    return nodemailer.createTransport({ streamTransport: true, buffer: true, ...(dkim ? { dkim } : {}) });
  const { relay, connections } = setup.transport;
  return nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.secure,
    requireTLS: relay.requireTLS,
    ...(relay.auth ? { auth: relay.auth } : {}),
    ...(relay.ca ? { tls: { ca: [relay.ca] } } : {}),
    pool: true,
    maxConnections: connections,
    // a message whose connection dropped may have been accepted: the ledger decides (unknown), never a silent resend
    maxRequeues: 0,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    ...(dkim ? { dkim } : {}),
  });
}

const mailer = transport();
const templates = new Map<number, Promise<CompiledTemplate>>();
const composed = new Map<number, { raw: Buffer; envelope: { from: string; to: string[] } }>();
const post = (m: FromThread) => port.postMessage(m);
const text = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function compose(m: Extract<ToThread, { t: "compose" }>): Promise<void> {
  try {
    const template = templates.get(m.template);
    if (template === undefined) throw new Error(`template ${m.template} was never sent to this thread`);
    composed.set(m.id, { raw: messageBytes(await template, m.fill), envelope: m.envelope });
    post({ t: "composed", id: m.id });
  } catch (e) {
    post({ t: "compose-failed", id: m.id, error: text(e) });
  }
}

async function transmit(id: number): Promise<void> {
  const job = composed.get(id);
  composed.delete(id);
  if (job === undefined) {
    post({ t: "compose-failed", id, error: "nothing composed under this id" });
    return;
  }
  try {
    const info = await mailer.sendMail({ raw: job.raw, envelope: job.envelope, disableFileAccess: true, disableUrlAccess: true });
    const message = (info as { message?: unknown }).message;
    post({ t: "sent", id, response: String(info.response ?? ""), ...(Buffer.isBuffer(message) ? { message } : {}) });
  } catch (e) {
    const err = e as SmtpErrorLike;
    post({
      t: "failed",
      id,
      error: {
        message: text(e),
        code: err.code,
        command: err.command,
        responseCode: err.responseCode,
        response: err.response,
        originalCode: err.originalCode,
        timeoutType: err.timeoutType,
      },
    });
  }
}

port.on("message", (m: ToThread) => {
  switch (m.t) {
    case "template":
      // a failed compile is reported by each message that uses the template
      templates.set(m.template, compileTemplate(m.message));
      templates.get(m.template)?.catch(() => undefined);
      return;
    case "compose":
      void compose(m);
      return;
    case "transmit":
      void transmit(m.id);
      return;
    case "discard":
      composed.delete(m.id);
      return;
    case "close":
      mailer.close();
      post({ t: "closed" });
      return;
  }
});
