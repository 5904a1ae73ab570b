/**
 * `koepfe serve`: the public endpoint of an edition — one-click unsubscribe (RFC 8058) and /healthz.
 * It needs only edition.json (list id, title) and the ledger: a CSV an editor is halfway through
 * fixing must not take unsubscribes down.
 */
import { EXIT, KoepfeError, type ExitCode } from "../lib/errors.js";
import { createLog } from "../lib/log.js";
import { requireSecret } from "../lib/token.js";
import { formatProblem } from "../check/report.js";
import { assertEditionDir, loadEditionConfig } from "../edition/load.js";
import { openLedger } from "../send/ledger/location.js";
import { createUnsubscribeServer } from "../serve/unsubscribe/server.js";
import { close, listen } from "../serve/http.js";
import type { AppIo } from "./ports.js";

export interface ServeRequest {
  dir: string;
  host: string;
  port: number;
}

/** Serves until the signal aborts (Ctrl-C, SIGTERM from systemd). */
export async function serve(request: ServeRequest, io: AppIo): Promise<ExitCode> {
  const dir = await assertEditionDir(request.dir);
  const secret = requireSecret(io.env);
  const { config, problems } = await loadEditionConfig(dir);
  if (!config) {
    for (const p of problems) io.err.write(`${formatProblem(p)}\n`);
    throw new KoepfeError("E_EDITION_INVALID", "edition.json must be valid to serve unsubscribes (it names the list)");
  }
  const newsletter = config.newsletter;
  if (!newsletter) throw new KoepfeError("E_NO_NEWSLETTER", "edition.json has no newsletter section: there is no list to unsubscribe from");
  const log = createLog(io.out, io.clock);
  const ledger = openLedger(dir, io.env);
  const server = createUnsubscribeServer({
    secret,
    listId: newsletter.list_id,
    listTitle: config.title,
    store: ledger.suppressions,
    log: (event, fields) => log(event, fields, event),
  });
  try {
    const addr = await listen(server, request.port, request.host);
    log(
      "listening",
      { host: addr.address, port: addr.port, list_id: newsletter.list_id },
      `unsubscribe server for "${config.title}" on http://${addr.address}:${addr.port}/u/<token> (Ctrl-C stops)`,
    );
    await untilAborted(io.signal);
    log("stopping", {}, "stopping");
    await close(server);
    return EXIT.ok;
  } finally {
    server.closeAllConnections();
    ledger.close();
  }
}

/** Resolves when the command is asked to stop (Ctrl-C, SIGTERM): servers run until then. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
