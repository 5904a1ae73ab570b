/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a random port, for send tests.
 * It records every message it accepted and can be scripted per recipient and attempt: answer a
 * 4xx/5xx at RCPT or after DATA, or drop the connection after the whole message arrived without
 * answering (the relay has the message, the sender never hears back).
 *
 *   const smtp = await startSmtp({ rcpt: (to, n) => (to === "a@x.test" && n === 1 ? { code: 451, message: "greylisted" } : undefined) });
 *   … send to smtp.url …
 *   expect(smtp.countFor("a@x.test")).toBe(1);
 *   await smtp.close();
 */
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { Socket } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { testCertificate } from "./tls.js";

export type Reply = { code: number; message: string } | "drop" | undefined;

export interface SmtpScript {
  /** Answer for RCPT TO; `attempt` counts this recipient's RCPTs from 1. */
  rcpt?: (to: string, attempt: number) => Reply;
  /** Answer after the message arrived; "drop" records it as received and closes without a reply. */
  data?: (to: string, attempt: number) => Reply;
  /** When set, AUTH is required and only these credentials pass — after STARTTLS (test CA, helpers/tls.ts). */
  auth?: { user: string; pass: string };
  /** Offer no STARTTLS even with AUTH: a relay that would take the password in clear text. */
  plaintextOnly?: boolean;
  /** Called when a client tries to log in (also when it fails). */
  onAuthAttempt?: (user: string) => void;
  /** Delay before answering the end of DATA (keeps messages in flight in the crash test). */
  dataDelayMs?: number;
  /** Called for every accepted message, before the 250 goes out. */
  onAccepted?: (to: string) => void;
}

export interface Received {
  from: string;
  to: string;
  raw: Buffer;
  /** Accepted (250) or received and then dropped without a reply. */
  answered: boolean;
}

export interface TestSmtp {
  port: number;
  /** smtp://127.0.0.1:<port> (with the script's credentials, if any). */
  url: string;
  received: Received[];
  countFor(to: string): number;
  parse(index: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

const fail = (r: { code: number; message: string }) => Object.assign(new Error(r.message), { responseCode: r.code });

export async function startSmtp(script: SmtpScript = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const rcptAttempts = new Map<string, number>();
  const dataAttempts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const bump = (m: Map<string, number>, k: string) => {
    const n = (m.get(k) ?? 0) + 1;
    m.set(k, n);
    return n;
  };
  const socketOf = (s: SMTPServerSession) => [...sockets].find((x) => x.remotePort === s.remotePort);

  const tls = script.auth && !script.plaintextOnly ? testCertificate() : null;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: script.auth ? (tls ? [] : ["STARTTLS"]) : ["STARTTLS", "AUTH"],
    // a relay with STARTTLS takes logins only after it; the plain one takes them as they come
    allowInsecureAuth: tls === null,
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    authOptional: !script.auth,
    onAuth(auth, _session, cb) {
      script.onAuthAttempt?.(auth.username ?? "");
      if (script.auth && auth.username === script.auth.user && auth.password === script.auth.pass) return cb(null, { user: auth.username });
      cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, session, cb) {
      const r = script.rcpt?.(address.address, bump(rcptAttempts, address.address));
      if (r === "drop") return void socketOf(session)?.destroy();
      cb(r ? fail(r) : null);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo[0]?.address ?? "";
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const r = script.data?.(to, bump(dataAttempts, to));
        if (r === "drop") {
          received.push({ from, to, raw: Buffer.concat(chunks), answered: false });
          socketOf(session)?.destroy();
          return;
        }
        if (r) return cb(fail(r));
        const accept = () => {
          received.push({ from, to, raw: Buffer.concat(chunks), answered: true });
          script.onAccepted?.(to);
          cb(null, "2.0.0 queued");
        };
        if (script.dataDelayMs) setTimeout(accept, script.dataDelayMs);
        else accept();
      });
    },
  });
  server.server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  const cred = script.auth ? `${encodeURIComponent(script.auth.user)}:${encodeURIComponent(script.auth.pass)}@` : "";
  return {
    port,
    url: `smtp://${cred}127.0.0.1:${port}`,
    received,
    countFor: (to) => received.filter((r) => r.to === to).length,
    parse: (i) => simpleParser(received[i]?.raw ?? Buffer.alloc(0)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
