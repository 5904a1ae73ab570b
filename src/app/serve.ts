/**
 * `koepfe serve`: the public endpoint of an edition — one-click unsubscribe (RFC 8058), the ESP
 * webhooks for bounces and complaints (`POST /hooks/<provider>`) and /healthz. It needs only
 * edition.json (list id, title) and the ledger: a CSV an editor is halfway through fixing must not
 * take unsubscribes down.
 */
import { EXIT, KoepfeError, type ExitCode } from "../lib/errors.js";
import { createLog } from "../lib/log.js";
import { requireSecret } from "../lib/token.js";
import { formatProblem } from "../check/report.js";
import { assertEditionDir, loadEditionConfig } from "../edition/load.js";
import { openLedger } from "../send/ledger/location.js";
import { createUnsubscribeServer } from "../serve/unsubscribe/server.js";
import { close, listen } from "../serve/http.js";
import { handleHook, isHookPath, type HookDeps } from "../serve/hooks/route.js";
import { httpsGetText } from "../serve/hooks/https-get.js";
import { createReplayCache, webhookConfigFromEnv } from "../bounce/webhooks/index.js";
import { webhookInput } from "../bounce/record.js";
import { handleSignUp, isSignUpPath } from "../serve/signup/route.js";
import { signUpRoute } from "./signup.js";
import type { AppIo } from "./ports.js";

export interface ServeRequest {
  dir: string;
  host: string;
  port: number;
  /** Behind our own reverse proxy: take the client's address from X-Forwarded-For (connections from this machine only). */
  trustProxy?: boolean;
  /** HTTPS GET for the SNS webhook (certificates, subscription confirmations); tests pass their own. */
  httpsGet?: (url: string) => Promise<string>;
}

/** Mailgun tokens are remembered for longer than a signed request stays valid (5 minutes either side). */
const REPLAY_WINDOW_MS = 15 * 60 * 1000;

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
  const hookConfig = webhookConfigFromEnv(io.env);
  const log = createLog(io.out, io.clock);
  const ledger = openLedger(dir, io.env);
  const fetchText = request.httpsGet ?? httpsGetText;
  const hooks: HookDeps = {
    config: hookConfig,
    provider: { now: io.clock, fetchCertificate: fetchText, seen: createReplayCache({ now: io.clock, ttlMs: REPLAY_WINDOW_MS }) },
    // a verified ESP event is about a message we sent through it: it acts even when no delivery matches
    record: (events) => {
      for (const e of events) ledger.bounces.record(webhookInput(e), { softLimit: newsletter.soft_bounce_limit, isSubscriber: () => true });
    },
    confirm: async (url) => {
      await fetchText(url);
    },
    log: (event, fields) => log(event, fields, event),
  };
  const signUp = await signUpRoute({
    dir,
    config,
    newsletter,
    secret,
    env: io.env,
    ledger,
    clock: io.clock,
    log,
    trustProxy: request.trustProxy === true,
  });
  const server = createUnsubscribeServer({
    secret,
    listId: newsletter.list_id,
    listTitle: config.title,
    // leaving ends a sign-up too; its consent record stays as proof of what was agreed
    store: {
      suppress: (email, reason, source) => {
        const added = ledger.suppressions.suppress(email, reason, source);
        ledger.subscriptions.unsubscribe(email);
        return added;
      },
    },
    log: (event, fields) => log(event, fields, event),
    routes: [
      { matches: isHookPath, handle: (req, res, pathname) => handleHook(req, res, pathname, hooks) },
      { matches: isSignUpPath, handle: (req, res, pathname) => handleSignUp(req, res, pathname, signUp.route) },
    ],
  });
  const providers = Object.entries(hookConfig).flatMap(([name, c]) => (c === null ? [] : [name]));
  try {
    const addr = await listen(server, request.port, request.host);
    log(
      "listening",
      { host: addr.address, port: addr.port, list_id: newsletter.list_id, webhooks: providers },
      `unsubscribe and sign-up server for "${config.title}" on http://${addr.address}:${addr.port} (/u/<token>, /anmelden)` +
        `${providers.length > 0 ? `, webhooks ${providers.map((p) => `/hooks/${p}`).join(", ")}` : ""} (Ctrl-C stops)`,
    );
    await untilAborted(io.signal);
    log("stopping", {}, "stopping");
    await close(server);
    return EXIT.ok;
  } finally {
    server.closeAllConnections();
    await signUp.close();
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
