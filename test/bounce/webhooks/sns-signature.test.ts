import { describe, expect, it } from "vitest";
import type { SnsMessage } from "../../../src/bounce/webhooks/sns-message.js";
import { snsStringToSign } from "../../../src/bounce/webhooks/sns-signature.js";
import { isSnsSigningCertUrl, isSnsSubscribeUrl } from "../../../src/bounce/webhooks/sns-urls.js";

const base: SnsMessage = {
  type: "Notification",
  messageId: "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
  topicArn: "arn:aws:sns:eu-central-1:123456789012:koepfe-bounces",
  message: 'Hello\n"world"',
  timestamp: "2026-11-05T07:00:00.000Z",
  subject: null,
  signatureVersion: "2",
  signature: "",
  signingCertUrl: "",
  subscribeUrl: null,
  token: null,
};

describe("the SNS string to sign (AWS's key order, written out by hand)", () => {
  it("Notification without Subject", () => {
    expect(snsStringToSign(base)).toBe(
      'Message\nHello\n"world"\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nTimestamp\n2026-11-05T07:00:00.000Z\nTopicArn\narn:aws:sns:eu-central-1:123456789012:koepfe-bounces\nType\nNotification\n',
    );
  });

  it("Notification with Subject between MessageId and Timestamp", () => {
    expect(snsStringToSign({ ...base, subject: "Bounce" })).toBe(
      'Message\nHello\n"world"\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\nBounce\nTimestamp\n2026-11-05T07:00:00.000Z\nTopicArn\narn:aws:sns:eu-central-1:123456789012:koepfe-bounces\nType\nNotification\n',
    );
  });

  it("SubscriptionConfirmation with SubscribeURL and Token", () => {
    const m: SnsMessage = { ...base, type: "SubscriptionConfirmation", message: "m", subscribeUrl: "https://u", token: "tok" };
    expect(snsStringToSign(m)).toBe(
      "Message\nm\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubscribeURL\nhttps://u\nTimestamp\n2026-11-05T07:00:00.000Z\nToken\ntok\nTopicArn\narn:aws:sns:eu-central-1:123456789012:koepfe-bounces\nType\nSubscriptionConfirmation\n",
    );
  });
});

describe("SNS URLs", () => {
  it.each([
    "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-abc.pem",
    "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem",
    "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
  ])("accepts the signing certificate URL %s", (url) => {
    expect(isSnsSigningCertUrl(url)).toBe(true);
  });

  it.each([
    "https://sns.eu-central-1.amazonaws.com.evil.example/x.pem",
    "http://sns.eu-central-1.amazonaws.com/x.pem",
    "https://user@sns.eu-central-1.amazonaws.com/x.pem",
    "https://user:pw@sns.eu-central-1.amazonaws.com/x.pem",
    "https://sns.eu-central-1.amazonaws.com:443/x.pem",
    "https://SNS.eu-central-1.amazonaws.com/x.pem",
    "https://sns.eu-central-1.amazonaws.com./x.pem",
    "https://sns.amazonaws.com/x.pem",
    "https://sns.evil.amazonaws.com/x.pem",
    "https://sns.eu-central-1.amazonaws.com/x.pem?x=1",
    "https://sns.eu-central-1.amazonaws.com/x.pem#f",
    "https://sns.eu-central-1.amazonaws.com/../x.pem",
    "https://sns.eu-central-1.amazonaws.com/%2e%2e/x.pem",
    "https://sns.eu-central-1.amazonaws.com/x.pem\n",
    " https://sns.eu-central-1.amazonaws.com/x.pem",
    "https://sns.eu-central-1.amazonaws.com/x.pem.txt",
  ])("rejects the signing certificate URL %j", (url) => {
    expect(isSnsSigningCertUrl(url)).toBe(false);
  });

  const topic = "arn:aws:sns:eu-central-1:123456789012:koepfe-bounces";
  it("accepts SNS's ConfirmSubscription link for the same topic only", () => {
    const url = `https://sns.eu-central-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${topic}&Token=2336412f37fb`;
    expect(isSnsSubscribeUrl(url, topic)).toBe(true);
    expect(isSnsSubscribeUrl(url, "arn:aws:sns:eu-central-1:123456789012:other")).toBe(false);
    expect(isSnsSubscribeUrl(url.replace("&Token=2336412f37fb", ""), topic)).toBe(false);
    expect(isSnsSubscribeUrl(url.replace("https://", "https://a:b@"), topic)).toBe(false);
    expect(isSnsSubscribeUrl(url.replace(".com/", ".com.evil.example/"), topic)).toBe(false);
  });
});
