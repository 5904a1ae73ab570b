/**
 * `koepfe serve`: the one-click unsubscribe endpoint. It needs only edition.json (list id, title) and
 * the ledger: a CSV an editor is halfway through fixing must not take unsubscribes down.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Command } from "./command.js";
import { parsePort, str, untilAborted } from "./command.js";
import { EXIT, KoepfeError, UsageError } from "../lib/errors.js";
import { requireSecret } from "../lib/token.js";
import { assertEditionDir } from "../edition/load.js";
import { parseEditionConfig } from "../edition/config-load.js";
import { formatProblem } from "../check/report.js";
import { openLedger } from "../send/ledger/location.js";
import { createUnsubscribeServer } from "../serve/unsubscribe/server.js";
import { runLog } from "../schedule/run-log.js";

export const serveCommand: Command = {
  name: "serve",
  summary: "the one-click unsubscribe endpoint (RFC 8058) and /healthz",
  usage: "serve [DIR] [--host 127.0.0.1] [--port 8080]",
  options: { host: { type: "string" }, port: { type: "string" } },
  positionals: ["DIR"],
  async run({ positionals, values }, io) {
    const dir = await assertEditionDir(positionals[0] ?? "data");
    const secret = requireSecret(io.env);
    const host = str(values["host"]) ?? "127.0.0.1";
    const listenPort = parsePort(str(values["port"]), 8080, 0);
    const parsed = parseEditionConfig(await readFile(path.join(dir, "edition.json")).catch(() => new Uint8Array()));
    if (!parsed.config) {
      for (const p of parsed.problems) io.stderr.write(`${formatProblem(p)}\n`);
      throw new KoepfeError("E_EDITION_INVALID", "edition.json must be valid to serve unsubscribes (it names the list)");
    }
    const newsletter = parsed.config.newsletter;
    if (!newsletter)
      throw new KoepfeError("E_NO_NEWSLETTER", "edition.json has no newsletter section: there is no list to unsubscribe from");
    const ledger = openLedger(dir, io.env);
    const log = runLog(io.stdout);
    const server = createUnsubscribeServer({
      secret,
      listId: newsletter.list_id,
      listTitle: parsed.config.title,
      store: ledger.suppressions,
      log: (line) => log(String(line["event"]), line, String(line["event"])),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", (e: NodeJS.ErrnoException) =>
          reject(
            e.code === "EADDRINUSE"
              ? new KoepfeError("E_PORT_IN_USE", `port ${listenPort} on ${host} is in use: choose another with --port`)
              : e.code === "EADDRNOTAVAIL"
                ? new UsageError(`cannot listen on ${host}: not an address of this machine`)
                : e,
          ),
        );
        server.listen(listenPort, host, resolve);
      });
      const addr = server.address() as AddressInfo;
      log(
        "listening",
        { host: addr.address, port: addr.port, list_id: newsletter.list_id },
        `unsubscribe server for "${parsed.config.title}" on http://${addr.address}:${addr.port}/u/<token> (Ctrl-C stops)`,
      );
      await untilAborted(io.signal);
      log("stopping", {}, "stopping");
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return EXIT.ok;
    } finally {
      server.closeAllConnections();
      ledger.close();
    }
  },
};
