/** The MJML helper thread (mjml.ts startMjmlThread): loads MJML at once, then compiles what it is sent. */
import { parentPort } from "node:worker_threads";
import { compileHere } from "./mjml.js";

const port = parentPort;
if (port === null) throw new Error("mjml-worker.ts runs as a worker thread");
// loading MJML is the point of this thread: begin before the first message
void import("mjml").catch(() => undefined);
port.on("message", (m: { id: number; source: string }) => {
  compileHere(m.source).then(
    (result) => port.postMessage({ id: m.id, result }),
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
