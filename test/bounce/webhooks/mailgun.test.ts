import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type BounceClass,
  createReplayCache,
  type ProviderDeps,
  readWebhook,
  type WebhookConfig,
} from "../../../src/bounce/webhooks/index.js";
import { mailgunFailureClass } from "../../../src/bounce/webhooks/mailgun-classes.js";
import { fixture } from "../../helpers/webhooks.js";

const KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const CONFIG: WebhookConfig = { ses: null, postmark: null, mailgun: { signingKey: KEY } };
const NOW = Date.parse("2026-11-05T07:05:00Z");
const deps = (over: Partial<ProviderDeps> = {}): ProviderDeps => ({
  now: () => NOW,
  fetchCertificate: () => Promise.reject(new Error("Mailgun never fetches")),
  ...over,
});

let tokenCounter = 0;
/** The fixture with a signature object as Mailgun makes it: hex HMAC-SHA256(key, timestamp + token). */
function signed(name: string, opts: { timestamp?: number; token?: string; key?: string } = {}): Record<string, unknown> {
  const timestamp = String(Math.floor((opts.timestamp ?? NOW) / 1000));
  const token = opts.token ?? `b1c7d2e8f3a94b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b${tokenCounter++}`;
  const signature = createHmac("sha256", opts.key ?? KEY)
    .update(timestamp + token)
    .digest("hex");
  return { ...fixture("mailgun", name), signature: { timestamp, token, signature } };
}

const read = (body: object, d = deps()) =>
  readWebhook(
    "mailgun",
    { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(body)), remoteAddress: null },
    CONFIG,
    d,
  );

describe("Mailgun: accepted events", () => {
  it("reads a permanent failure for a previously bounced address as hard and adds <> to the Message-ID", async () => {
    expect(await read(signed("failed-permanent-suppress-bounce.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "mailgun",
          eventId: "G9Bn5sl1TC6nu79C8C0bwg",
          email: "hanna.hinweis@example.com",
          class: "hard",
          status: null,
          diagnostic: "605 Not delivering to previously bounced address",
          messageId: "<issue-3.4410aa@newsletter.example.org>",
          occurredAt: "2026-11-05T07:00:03.376Z",
        },
      ],
    });
  });

  it("reads a 5.1.1 bounce as hard, with the receiver's text on one line", async () => {
    expect(await read(signed("failed-permanent-bounce.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "mailgun",
          eventId: "Kz1lbqR8T3qvAXmWmN2i4Q",
          email: "Felix.Fiktiv@example.net",
          class: "hard",
          status: "5.1.1",
          diagnostic:
            "550 5.1.1 The email account that you tried to reach does not exist. Please try 5.1.1 double-checking the recipient's email address for typos.",
          messageId: "<issue-3.77b0c1@newsletter.example.org>",
          occurredAt: "2026-11-05T07:00:10.125Z",
        },
      ],
    });
  });

  it("reads a temporary failure as soft", async () => {
    expect(await read(signed("failed-temporary.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "mailgun",
          eventId: "Fs7-5t81S2ms-K4vdStq2g",
          email: "ida.irgendwer@example.org",
          class: "soft",
          status: "4.2.2",
          diagnostic: "452 4.2.2 The email account that you tried to reach is over quota.",
          messageId: "<issue-3.99ffee@newsletter.example.org>",
          occurredAt: "2026-11-05T07:00:20.500Z",
        },
      ],
    });
  });

  it("reads a complaint", async () => {
    expect(await read(signed("complained.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "mailgun",
          eventId: "-Agny091SquKnsrW2NEKUA",
          email: "karl.klage@example.com",
          class: "complaint",
          status: null,
          diagnostic: "complaint",
          messageId: "<issue-3.abc123@newsletter.example.org>",
          occurredAt: "2026-11-05T07:01:40.501Z",
        },
      ],
    });
  });

  it("ignores delivered and other events", async () => {
    expect(await read(signed("delivered.json"))).toEqual({ kind: "ignored", reason: "Mailgun delivered event" });
  });

  it("ignores a failure whose recipient is not an address", async () => {
    const body = signed("failed-temporary.json");
    (body["event-data"] as Record<string, unknown>)["recipient"] = "ida\u2028@example.org";
    expect(await read(body)).toMatchObject({ kind: "ignored" });
  });
});

describe("Mailgun: rejections", () => {
  const rejected = (status: number, code: string) => expect.objectContaining({ kind: "rejected", status, code });

  it("rejects a signature made with another key, a tampered token and a missing signature object", async () => {
    expect(await read(signed("complained.json", { key: "key-somebody-elses-signing-key-000" }))).toEqual(
      rejected(403, "webhook-bad-signature"),
    );
    const body = signed("complained.json");
    const sig = body["signature"] as Record<string, string>;
    expect(await read({ ...body, signature: { ...sig, token: `${sig["token"]}x` } })).toEqual(rejected(403, "webhook-bad-signature"));
    const { signature: _s, ...unsigned } = body;
    expect(await read(unsigned)).toEqual(rejected(403, "webhook-bad-signature"));
  });

  it("rejects a timestamp more than 5 minutes from our clock either way", async () => {
    expect(await read(signed("complained.json", { timestamp: NOW - 5 * 60_000 - 1000 }))).toEqual(rejected(403, "webhook-stale"));
    expect(await read(signed("complained.json", { timestamp: NOW + 5 * 60_000 + 1000 }))).toEqual(rejected(403, "webhook-stale"));
    expect((await read(signed("complained.json", { timestamp: NOW - 4 * 60_000 }))).kind).toBe("events");
  });

  it("rejects a replayed token, and does not record tokens of forged requests", async () => {
    const seen = createReplayCache({ now: () => NOW, ttlMs: 10 * 60_000 });
    const body = signed("complained.json", { token: "replayed-token-0123456789abcdef0123456789abcdef0123" });
    const forged = signed("complained.json", {
      token: "forged-token-0123456789abcdef0123456789abcdef0123456",
      key: "key-wrong-wrong-wrong-wrong-wrong",
    });
    expect(await read(forged, deps({ seen }))).toEqual(rejected(403, "webhook-bad-signature"));
    expect(seen("forged-token-0123456789abcdef0123456789abcdef0123456")).toBe(false);
    expect((await read(body, deps({ seen }))).kind).toBe("events");
    expect(await read(body, deps({ seen }))).toEqual(rejected(403, "webhook-replay"));
  });

  it("rejects a failed event without id or timestamp", async () => {
    const noId = signed("failed-temporary.json");
    delete (noId["event-data"] as Record<string, unknown>)["id"];
    expect(await read(noId)).toEqual(rejected(400, "webhook-invalid-payload"));
    const noTime = signed("failed-temporary.json");
    (noTime["event-data"] as Record<string, unknown>)["timestamp"] = "2026-11-05";
    expect(await read(noTime)).toEqual(rejected(400, "webhook-invalid-payload"));
  });
});

describe("Mailgun failure classes", () => {
  it.each<[string | null, string | null, string | null, string, BounceClass]>([
    ["temporary", "generic", "4.2.2", "452 4.2.2 over quota", "soft"],
    ["temporary", "greylisted", null, "451 greylisted, try again", "soft"],
    ["permanent", "suppress-bounce", null, "605 Not delivering to previously bounced address", "hard"],
    ["permanent", "suppress-complaint", null, "607 Not delivering to a user who marked your messages as spam", "complaint"],
    ["permanent", "suppress-unsubscribe", null, "606 Not delivering to unsubscribed address", "complaint"],
    ["permanent", "old", null, "Too old", "soft"],
    ["permanent", "espblock", null, "blocked by ESP", "policy"],
    ["permanent", "bounce", "5.1.1", "550 5.1.1 user unknown", "hard"],
    ["permanent", "bounce", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound", "hard"],
    ["permanent", "bounce", null, "550 Requested action not taken: mailbox unavailable", "hard"],
    ["permanent", "bounce", "5.7.1", "550 5.7.1 Message rejected due to spam content", "policy"],
    ["permanent", "generic", null, "554 Your IP is listed on a blocklist", "policy"],
    ["permanent", "bounce", "5.7.1", "550 5.7.1 Recipient address rejected: user unknown", "hard"],
    ["permanent", "bounce", "5.2.2", "552 5.2.2 mailbox full", "soft"],
    ["permanent", "bounce", "5.7.1", "550 5.7.1 <koepfe@newsletter.example.org>: Sender address rejected: SPF fail", "policy"],
    ["permanent", "bounce", "5.1.8", "553 5.1.8 Domain of sender address does not exist", "policy"],
    ["permanent", "bounce", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied", "hard"],
    ["permanent", "generic", null, "554 delivery error", "hard"],
  ])("severity %s, reason %s, status %s (%s) → %s", (severity, reason, status, text, cls) => {
    expect(mailgunFailureClass(severity, reason, status, text)).toBe(cls);
  });
});
