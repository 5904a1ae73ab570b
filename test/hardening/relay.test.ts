/**
 * Regression tests of the hardening review: the relay connection, through the real binary against a
 * real SMTP server on 127.0.0.1 (smtp-server; STARTTLS with the test CA of helpers/tls.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:net";
import { spawnBin } from "../helpers/cli.js";

/** The real binary in the background: the test's own SMTP server must keep answering while it runs. */
const send = (args: string[], env: NodeJS.ProcessEnv) => spawnBin(args, env).done;
import { startSmtp } from "../helpers/smtp.js";
import { confirmed, sendEdition, sendEnv, stateFile } from "../helpers/send.js";
import { Ledger } from "../../src/send/ledger/ledger.js";

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function counts(dir: string): Record<string, number> {
  const ledger = new Ledger(stateFile(dir));
  try {
    return ledger.progress(1)?.counts ?? {};
  } finally {
    ledger.close();
  }
}

describe("credentials and TLS", () => {
  it("a URL with credentials against a relay without STARTTLS stops with exit 4 before the password is sent", async () => {
    const attempts: string[] = [];
    const smtp = await startSmtp({
      auth: { user: "koepfe", pass: "geheim-0123" },
      plaintextOnly: true,
      onAuthAttempt: (u) => attempts.push(u),
    });
    open.push(smtp);
    const dir = sendEdition(confirmed(3, "tls1.test"));
    const r = await send(["send", "1", dir], sendEnv(smtp.url));
    expect(r.code).toBe(4);
    expect(jsonLines(r.stdout).find((l) => l["event"] === "stop")).toMatchObject({ kind: "relay", code: "E_SMTP_TLS" });
    expect(attempts).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    expect(counts(dir)).toMatchObject({ queued: 3, sent: 0, unknown: 0 });
  });

  it("the documented opt-out sends over a plain connection on purpose", async () => {
    const smtp = await startSmtp({ auth: { user: "koepfe", pass: "geheim-0123" }, plaintextOnly: true });
    open.push(smtp);
    const dir = sendEdition(confirmed(2, "tls2.test"));
    const r = await send(["send", "1", dir], sendEnv(smtp.url, { KOEPFE_SMTP_ALLOW_PLAINTEXT_AUTH: "1" }));
    expect(r.code).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it("with STARTTLS offered, the login goes over TLS and the issue is sent", async () => {
    const smtp = await startSmtp({ auth: { user: "koepfe", pass: "geheim-0123" } });
    open.push(smtp);
    const dir = sendEdition(confirmed(2, "tls3.test"));
    const r = await send(["send", "1", dir], sendEnv(smtp.url));
    expect(r.code).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it("smtps:// against a plain-text relay is a relay failure (exit 4): every delivery stays queued, none is unknown", async () => {
    const smtp = await startSmtp();
    open.push(smtp);
    const dir = sendEdition(confirmed(3, "tls4.test"));
    const r = await send(["send", "1", dir], sendEnv(`smtps://127.0.0.1:${smtp.port}`));
    expect(r.code).toBe(4);
    expect(jsonLines(r.stdout).find((l) => l["event"] === "stop")).toMatchObject({ kind: "relay", code: "E_SMTP_TLS" });
    expect(counts(dir)).toMatchObject({ queued: 3, unknown: 0, sent: 0 });
  });
});

describe("relay answers", () => {
  it("a relay that echoes the credentials in its 535 has them redacted from the JSON lines and the ledger", async () => {
    const user = "redaktion-login";
    const pass = "s3cr3t-passw0rd";
    // a relay that repeats what it got, user and password plain and as AUTH PLAIN's base64
    const plain = Buffer.from(`\u0000${user}\u0000${pass}`).toString("base64");
    const server: Server = createServer((socket) => {
      socket.write("220 echo.test ESMTP\r\n");
      let buffered = "";
      socket.on("data", (d) => {
        buffered += d.toString();
        for (let i = buffered.indexOf("\r\n"); i >= 0; i = buffered.indexOf("\r\n")) {
          const line = buffered.slice(0, i);
          buffered = buffered.slice(i + 2);
          if (/^EHLO/i.test(line)) socket.write("250-echo.test\r\n250 AUTH PLAIN LOGIN\r\n");
          else if (/^AUTH/i.test(line)) socket.write(`535 5.7.8 rejected ${line} for ${user} with ${pass} (${plain})\r\n`);
          else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
          else socket.write("502 no\r\n");
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    open.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    const port = (server.address() as { port: number }).port;
    const dir = sendEdition(confirmed(1, "echo.test"));
    const r = await send(
      ["send", "1", dir],
      sendEnv(`smtp://${user}:${pass}@127.0.0.1:${port}`, { KOEPFE_SMTP_ALLOW_PLAINTEXT_AUTH: "1" }),
    );
    expect(r.code).toBe(4);
    const everything = r.stdout + r.stderr;
    expect(everything).toContain("535 5.7.8 rejected");
    for (const secret of [pass, user, plain, Buffer.from(pass).toString("base64")]) expect(everything).not.toContain(secret);
    const ledger = new Ledger(stateFile(dir));
    try {
      const responses = ledger.deliveries(1).map((d) => ("response" in d ? (d.response ?? "") : ""));
      for (const secret of [pass, user, plain]) expect(responses.join("\n")).not.toContain(secret);
    } finally {
      ledger.close();
    }
  });
});
