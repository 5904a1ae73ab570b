/**
 * The delivery thread's script (CommonJS, loaded with `eval`, nodemailer required by absolute path, so
 * the same code runs from dist/ and from the TypeScript sources under test). Plumbing only: compose
 * with MailComposer, sign with DKIM, and — once the main thread has claimed the delivery in the
 * ledger — hand the bytes to the transport. What an error means is decided on the main thread.
 *
 * main → thread: {t:"compose", id, input, envelope} · {t:"transmit", id} · {t:"discard", id} · {t:"close"}
 * thread → main: {t:"composed", id} · {t:"compose-failed", id, error} · {t:"sent", id, response, message?}
 *                · {t:"failed", id, error:{message, code, command, responseCode, response, originalCode, timeoutType}} · {t:"closed"}
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const MailComposer = require(workerData.modules.mailComposer);
const DKIM = require(workerData.modules.dkim);
const nodemailer = require(workerData.modules.nodemailer);
const dkim = workerData.dkim ? new DKIM(workerData.dkim) : null;
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
    const built = await new MailComposer(m.input).compile().build();
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
  if (m.t === "compose") compose(m);
  else if (m.t === "transmit") transmit(m);
  else if (m.t === "discard") composed.delete(m.id);
  else if (m.t === "close") {
    transport.close();
    parentPort.postMessage({ t: "closed" });
  }
});
`;
