import { describe, expect, it } from "vitest";
import { createReplayCache, webhookConfigFromEnv } from "../../../src/bounce/webhooks/index.js";
import { KoepfeError } from "../../../src/lib/errors.js";

const isConfigError = (e: unknown) => e instanceof KoepfeError && e.code === "E_WEBHOOK_CONFIG";

describe("webhookConfigFromEnv", () => {
  it("enables nothing without the variables", () => {
    expect(webhookConfigFromEnv({})).toEqual({ ses: null, postmark: null, mailgun: null });
    expect(
      webhookConfigFromEnv({ KOEPFE_WEBHOOK_SES_TOPICS: " , ", KOEPFE_WEBHOOK_POSTMARK_AUTH: "", KOEPFE_WEBHOOK_MAILGUN_KEY: " " }),
    ).toEqual({
      ses: null,
      postmark: null,
      mailgun: null,
    });
  });

  it("reads all three providers", () => {
    const config = webhookConfigFromEnv({
      KOEPFE_WEBHOOK_SES_TOPICS:
        "arn:aws:sns:eu-central-1:123456789012:koepfe-bounces, arn:aws:sns:eu-west-1:123456789012:koepfe-complaints",
      KOEPFE_WEBHOOK_POSTMARK_AUTH: "koepfe:0123456789abcdef-postmark",
      KOEPFE_WEBHOOK_MAILGUN_KEY: "key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
    });
    expect([...(config.ses?.topicArns ?? [])]).toEqual([
      "arn:aws:sns:eu-central-1:123456789012:koepfe-bounces",
      "arn:aws:sns:eu-west-1:123456789012:koepfe-complaints",
    ]);
    expect(config.postmark).toEqual({ credentials: "koepfe:0123456789abcdef-postmark" });
    expect(config.mailgun).toEqual({ signingKey: "key-3ax6xnjp29jd6fds4gc373sgvjxteol0" });
  });

  it.each([
    ["KOEPFE_WEBHOOK_SES_TOPICS", "koepfe-bounces"],
    ["KOEPFE_WEBHOOK_SES_TOPICS", "arn:aws:sqs:eu-central-1:123456789012:koepfe"],
    ["KOEPFE_WEBHOOK_POSTMARK_AUTH", "only-a-password-without-user"],
    ["KOEPFE_WEBHOOK_POSTMARK_AUTH", "koepfe:short"],
    ["KOEPFE_WEBHOOK_POSTMARK_AUTH", ":0123456789abcdef-postmark"],
    ["KOEPFE_WEBHOOK_MAILGUN_KEY", "short"],
  ])("stops with E_WEBHOOK_CONFIG for %s=%s", (name, value) => {
    expect(() => webhookConfigFromEnv({ [name]: value })).toThrow(expect.toSatisfy(isConfigError));
  });
});

describe("createReplayCache", () => {
  it("remembers a key for the ttl, then forgets it", () => {
    let now = 0;
    const seen = createReplayCache({ now: () => now, ttlMs: 1000 });
    expect(seen("a")).toBe(false);
    expect(seen("a")).toBe(true);
    now = 999;
    expect(seen("a")).toBe(true);
    now = 1001;
    expect(seen("a")).toBe(false);
  });

  it("keeps at most maxKeys, forgetting the oldest", () => {
    const seen = createReplayCache({ now: () => 0, ttlMs: 1000, maxKeys: 2 });
    seen("a");
    seen("b");
    seen("c");
    expect(seen("c")).toBe(true);
    expect(seen("a")).toBe(false);
  });
});
