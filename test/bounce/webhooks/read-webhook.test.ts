import { describe, expect, it } from "vitest";
import { MAX_WEBHOOK_BODY_BYTES, readWebhook, type WebhookConfig, type WebhookRequest } from "../../../src/bounce/webhooks/index.js";
import { basicAuth, fixtureText, post } from "../../helpers/webhooks.js";

const CREDENTIALS = "koepfe:0123456789abcdef-postmark";
const ALL: WebhookConfig = {
  ses: { topicArns: new Set(["arn:aws:sns:eu-central-1:123456789012:koepfe-bounces"]) },
  postmark: { credentials: CREDENTIALS },
  mailgun: { signingKey: "key-3ax6xnjp29jd6fds4gc373sgvjxteol0" },
};
const NONE: WebhookConfig = { ses: null, postmark: null, mailgun: null };
const DEPS = { now: () => Date.parse("2026-11-05T12:00:00Z"), fetchCertificate: () => Promise.reject(new Error("not in these tests")) };
const AUTH = { authorization: basicAuth(CREDENTIALS) };
const rejected = (status: number, code: string) => expect.objectContaining({ kind: "rejected", status, code });

describe("readWebhook: provider selection", () => {
  it.each(["ses", "postmark", "mailgun"])("answers 403 webhook-not-configured for %s when it is not configured", async (provider) => {
    expect(await readWebhook(provider, post("{}", AUTH), NONE, DEPS)).toEqual(rejected(403, "webhook-not-configured"));
  });

  it.each(["sendgrid", "SES", "__proto__", "constructor", "ses/../postmark", ""])(
    "answers 403 webhook-not-configured for the unknown provider %j",
    async (provider) => {
      const outcome = await readWebhook(provider, post("{}", AUTH), ALL, DEPS);
      expect(outcome).toEqual(rejected(403, "webhook-not-configured"));
    },
  );

  it("keeps control characters of the provider name out of the message", async () => {
    const outcome = await readWebhook("x\u001b[2J\u202e", post("{}"), ALL, DEPS);
    expect(outcome.kind === "rejected" && outcome.message).toBe('no webhook is configured for "x?[2J?"');
  });
});

describe("readWebhook: bodies every provider rejects", () => {
  const valid = fixtureText("postmark", "bounce-soft.json");

  it("rejects a body over the size limit with 413", async () => {
    const big = Buffer.alloc(MAX_WEBHOOK_BODY_BYTES + 1, 0x20);
    for (const provider of ["ses", "postmark", "mailgun"]) {
      const headers = provider === "ses" ? { "content-type": "text/plain; charset=UTF-8" } : AUTH;
      expect(await readWebhook(provider, post(big, headers), ALL, DEPS), provider).toEqual(rejected(413, "webhook-too-large"));
    }
  });

  it("accepts a body of exactly the limit (then fails on its content, not its size)", async () => {
    const body = Buffer.alloc(MAX_WEBHOOK_BODY_BYTES, 0x20);
    expect(await readWebhook("mailgun", post(body), ALL, DEPS)).toEqual(rejected(400, "webhook-invalid-json"));
  });

  it.each([
    ["no content type", undefined],
    ["form encoding (Mailgun's legacy webhooks)", "application/x-www-form-urlencoded"],
    ["text/plain outside SES", "text/plain; charset=UTF-8"],
    ["JSON in another charset", "application/json; charset=iso-8859-1"],
  ])("rejects %s with 415", async (_name, contentType) => {
    const req: WebhookRequest = post(valid, AUTH);
    if (contentType === undefined) delete req.headers["content-type"];
    else req.headers["content-type"] = contentType;
    expect(await readWebhook("postmark", req, ALL, DEPS)).toEqual(rejected(415, "webhook-content-type"));
  });

  it("accepts application/json with parameters in any case", async () => {
    const req = post(valid, { ...AUTH, "content-type": 'Application/JSON; Charset="UTF-8"' });
    expect((await readWebhook("postmark", req, ALL, DEPS)).kind).toBe("events");
  });

  it("rejects bytes that are not UTF-8", async () => {
    const latin1 = Buffer.from(valid.replace("greta.gast", "grüta.gast"), "latin1");
    expect(await readWebhook("postmark", post(latin1, AUTH), ALL, DEPS)).toEqual(rejected(400, "webhook-not-utf8"));
  });

  it("rejects invalid JSON and JSON that is not an object", async () => {
    expect(await readWebhook("mailgun", post('{"event-data": '), ALL, DEPS)).toEqual(rejected(400, "webhook-invalid-json"));
    expect(await readWebhook("mailgun", post("[1, 2]"), ALL, DEPS)).toEqual(rejected(400, "webhook-invalid-payload"));
    expect(await readWebhook("mailgun", post('"text"'), ALL, DEPS)).toEqual(rejected(400, "webhook-invalid-payload"));
  });

  it("rejects other methods than POST", async () => {
    const req = { ...post(valid, AUTH), method: "GET" };
    expect(await readWebhook("postmark", req, ALL, DEPS)).toEqual(rejected(400, "webhook-not-post"));
  });

  it("never lets a __proto__ key in the payload reach the prototype", async () => {
    const body = `{"__proto__": {"RecordType": "Bounce"}, "constructor": 1}`;
    expect(await readWebhook("postmark", post(body, AUTH), ALL, DEPS)).toEqual(rejected(400, "webhook-invalid-payload"));
    expect(({} as Record<string, unknown>)["RecordType"]).toBeUndefined();
  });
});
