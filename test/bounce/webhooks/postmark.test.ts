import { describe, expect, it } from "vitest";
import { type BounceClass, readWebhook, type WebhookConfig } from "../../../src/bounce/webhooks/index.js";
import { postmarkBounceClass } from "../../../src/bounce/webhooks/postmark-classes.js";
import { basicAuth, fixture, fixtureText, post } from "../../helpers/webhooks.js";

const CREDENTIALS = "koepfe:0123456789abcdef-postmark";
const CONFIG: WebhookConfig = { ses: null, postmark: { credentials: CREDENTIALS }, mailgun: null };
const DEPS = {
  now: () => Date.parse("2026-11-05T12:00:00Z"),
  fetchCertificate: () => Promise.reject(new Error("Postmark never fetches")),
};
const AUTH = { authorization: basicAuth(CREDENTIALS) };

const read = (body: string | object, headers: Record<string, string> = AUTH) => readWebhook("postmark", post(body, headers), CONFIG, DEPS);

describe("Postmark: accepted records", () => {
  it("reads a hard bounce with the exact 64-bit ID and our Message-ID from the metadata", async () => {
    expect(await read(fixtureText("postmark", "bounce-hard.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "postmark",
          eventId: "4323372036854775807",
          email: "paul.platzhalter@example.com",
          class: "hard",
          status: "5.1.1",
          diagnostic: "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
          messageId: "<issue-3.51d2aa@newsletter.example.org>",
          occurredAt: "2026-11-05T07:03:54.907Z",
        },
      ],
    });
  });

  it("reads a soft bounce; without our Message-ID in the payload it is null (Postmark's MessageID is not ours)", async () => {
    expect(await read(fixtureText("postmark", "bounce-soft.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "postmark",
          eventId: "3719297970",
          email: "greta.gast@example.org",
          class: "soft",
          status: "4.2.2",
          diagnostic: "smtp;452 4.2.2 The email account that you tried to reach is over quota.",
          messageId: null,
          occurredAt: "2026-11-05T12:03:54.000Z",
        },
      ],
    });
  });

  it("takes our Message-ID from a Headers list when the payload has one", async () => {
    const record = {
      ...fixture("postmark", "bounce-soft.json"),
      Headers: [{ Name: "Message-ID", Value: "<issue-3.aa@newsletter.example.org>" }],
    };
    expect(await read(record)).toMatchObject({ kind: "events", events: [{ messageId: "<issue-3.aa@newsletter.example.org>" }] });
  });

  it("reads a spam complaint", async () => {
    expect(await read(fixtureText("postmark", "spam-complaint.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "postmark",
          eventId: "42",
          email: "ole.oftmals@example.net",
          class: "complaint",
          status: null,
          diagnostic: "Test spam complaint details",
          messageId: null,
          occurredAt: "2026-11-05T10:00:00.000Z",
        },
      ],
    });
  });

  it("ignores Delivery, SubscriptionChange, Open and Click records", async () => {
    expect(await read(fixtureText("postmark", "delivery.json"))).toEqual({ kind: "ignored", reason: "Postmark Delivery record" });
    expect(await read(fixtureText("postmark", "subscription-change.json"))).toMatchObject({ kind: "ignored" });
    expect(await read({ RecordType: "Open", Recipient: "a@example.com" })).toMatchObject({ kind: "ignored" });
    expect(await read({ RecordType: "Click", Recipient: "a@example.com" })).toMatchObject({ kind: "ignored" });
  });

  it("ignores a bounce whose address is invalid instead of failing", async () => {
    const record = { ...fixture("postmark", "bounce-soft.json"), Email: "kein @example.org" };
    expect(await read(record)).toEqual({ kind: "ignored", reason: "Postmark Bounce without a valid recipient address" });
  });
});

describe("Postmark: authentication and payload rejections", () => {
  const body = fixtureText("postmark", "bounce-hard.json");
  const rejected = (status: number, code: string) => expect.objectContaining({ kind: "rejected", status, code });

  it.each([
    ["no Authorization header", {}],
    ["a wrong password", { authorization: basicAuth("koepfe:0123456789abcdef-postmarX") }],
    ["a wrong user", { authorization: basicAuth("Koepfe:0123456789abcdef-postmark") }],
    ["a prefix of the password", { authorization: basicAuth("koepfe:0123456789abcdef") }],
    ["a Bearer token", { authorization: `Bearer ${Buffer.from(CREDENTIALS).toString("base64")}` }],
    ["garbage", { authorization: "Basic !!!" }],
  ])("answers 401 for %s", async (_name, headers) => {
    expect(await read(body, headers)).toEqual(rejected(401, "webhook-unauthorized"));
  });

  it("accepts the scheme name in any case", async () => {
    expect((await read(body, { authorization: `basic ${Buffer.from(CREDENTIALS).toString("base64")}` })).kind).toBe("events");
  });

  it("rejects records without RecordType, ID or BouncedAt", async () => {
    const { RecordType: _r, ...noType } = fixture("postmark", "bounce-soft.json");
    expect(await read(noType)).toEqual(rejected(400, "webhook-invalid-payload"));
    expect(await read({ ...fixture("postmark", "bounce-soft.json"), ID: -1 })).toEqual(rejected(400, "webhook-invalid-payload"));
    expect(await read({ ...fixture("postmark", "bounce-soft.json"), BouncedAt: "yesterday" })).toEqual(
      rejected(400, "webhook-invalid-payload"),
    );
  });

  it("rejects text/plain (Postmark posts application/json)", async () => {
    expect(await read(body, { ...AUTH, "content-type": "text/plain" })).toEqual(rejected(415, "webhook-content-type"));
  });
});

describe("Postmark bounce types", () => {
  it.each<[string, BounceClass]>([
    ["HardBounce", "hard"],
    ["BadEmailAddress", "hard"],
    ["ManuallyDeactivated", "hard"],
    ["Transient", "soft"],
    ["SoftBounce", "soft"],
    ["DnsError", "soft"],
    ["Unknown", "soft"],
    ["SpamNotification", "policy"],
    ["Blocked", "policy"],
    ["VirusNotification", "policy"],
    ["DMARCPolicy", "policy"],
    ["SpamComplaint", "complaint"],
    ["Unsubscribe", "complaint"],
    ["AutoResponder", "none"],
    ["AddressChange", "none"],
    ["Subscribe", "none"],
    ["OpenRelayTest", "none"],
    ["ChallengeVerification", "none"],
    ["Unconfirmed", "none"],
    ["SMTPApiError", "none"],
    ["InboundError", "none"],
    ["TemplateRenderingFailed", "none"],
    ["SomethingNew", "soft"],
    ["constructor", "soft"],
  ])("%s is %s", async (type, cls) => {
    expect(postmarkBounceClass(type)).toBe(cls);
    expect(await read({ ...fixture("postmark", "bounce-soft.json"), Type: type })).toMatchObject({ events: [{ class: cls }] });
  });
});
