/**
 * The delivery thread's script (CommonJS, loaded with `eval`, nodemailer required by absolute path, so
 * the same code runs from dist/ and from the TypeScript sources under test). Plumbing only: fill the
 * bodies (compose/body-fill.ts), compose with MailComposer (its tree and headers, written out by
 * compose/mime-bytes.ts), sign with DKIM, and — once the main thread has claimed the delivery in the
 * ledger — hand the bytes to the transport. What an error means is decided on the main thread.
 *
 * main → thread: {t:"template", template, parts} · {t:"compose", id, input, envelope} · {t:"transmit", id} · {t:"discard", id} · {t:"close"}
 * thread → main: {t:"composed", id} · {t:"compose-failed", id, error} · {t:"sent", id, response, message?}
 *                · {t:"failed", id, error:{message, code, command, responseCode, response, originalCode, timeoutType}} · {t:"closed"}
 */
import { MIME_BYTES_SOURCE } from "../compose/mime-bytes.js";
import { BODY_FILL_SOURCE } from "../compose/body-fill.js";

export const WORKER_SOURCE = `${MIME_BYTES_SOURCE}${BODY_FILL_SOURCE}
const { parentPort, workerData } = require("node:worker_threads");
const MailComposer = require(workerData.modules.mailComposer);
const DKIM = require(workerData.modules.dkim);
const nodemailer = require(workerData.modules.nodemailer);
// a parsed key: handing nodemailer the PEM text makes it parse the key again for every signature (~0.8 ms)
const dkim = workerData.dkim ? new DKIM({ ...workerData.dkim, privateKey: require("node:crypto").createPrivateKey(workerData.dkim.privateKey) }) : null;
const transport = workerData.transport.kind === "smtp"
  ? nodemailer.createTransport({ url: workerData.transport.url, pool: true, maxConnections: workerData.transport.connections,
      maxRequeues: 0, connectionTimeout: 30000, greetingTimeout: 30000 })
  : nodemailer.createTransport({ streamTransport: true, buffer: true });
const composed = new Map();
const text = (e) => String((e && e.message) || e);
function collect(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}
async function compose(m) {
  try {
    const html = fillBody(m.input.html);
    const plain = fillBody(m.input.text);
    const input = { ...m.input, html: html.text, text: plain.text };
    const bodyBytes = (content) => (content === html.text ? html.bytes : content === plain.text ? plain.bytes : null);
    const built = mimeBytes(new MailComposer(input).compile(), bodyBytes) || (await new MailComposer(input).compile().build());
    composed.set(m.id, { raw: dkim ? await collect(dkim.sign(built)) : built, envelope: m.envelope });
    parentPort.postMessage({ t: "composed", id: m.id });
  } catch (e) {
    parentPort.postMessage({ t: "compose-failed", id: m.id, error: text(e) });
  }
}
async function transmit(m) {
  const job = composed.get(m.id);
  composed.delete(m.id);
  try {
    const info = await transport.sendMail({ raw: job.raw, envelope: job.envelope, disableFileAccess: true, disableUrlAccess: true });
    parentPort.postMessage({ t: "sent", id: m.id, response: String(info.response || ""), message: Buffer.isBuffer(info.message) ? info.message : undefined });
  } catch (e) {
    const error = { message: text(e), code: e.code, command: e.command, responseCode: e.responseCode, response: e.response, originalCode: e.originalCode, timeoutType: e.timeoutType };
    parentPort.postMessage({ t: "failed", id: m.id, error });
  }
}
parentPort.on("message", (m) => {
  if (m.t === "template") bodyTemplate(m.template, m.parts);
  else if (m.t === "compose") compose(m);
  else if (m.t === "transmit") transmit(m);
  else if (m.t === "discard") composed.delete(m.id);
  else if (m.t === "close") {
    transport.close();
    parentPort.postMessage({ t: "closed" });
  }
});
`;
