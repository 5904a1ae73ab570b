/**
 * A small HTTPS GET for the SNS webhook: the signing certificate and the subscription confirmation.
 * Only ever called with URLs the webhook module checked to be SNS's own; certificates are verified
 * against the system's CAs, the answer is capped and the whole request bounded in time.
 */
import { get } from "node:https";
import { readBody } from "../http.js";

const MAX_BYTES = 64 * 1024;
const TIMEOUT_MS = 10_000;

export function httpsGetText(url: string): Promise<string> {
  const host = new URL(url).host;
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: TIMEOUT_MS }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET ${host} answered ${res.statusCode}`));
        return;
      }
      readBody(res, MAX_BYTES).then(
        (body) => resolve(body.toString("utf8")),
        () => {
          req.destroy();
          reject(new Error(`GET ${host}: no answer of at most ${MAX_BYTES} bytes`));
        },
      );
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${host} took longer than ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
  });
}
