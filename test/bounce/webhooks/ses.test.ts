import { describe, expect, it } from "vitest";
import { KoepfeError } from "../../../src/lib/errors.js";
import { type ProviderDeps, readWebhook, type WebhookConfig, type WebhookOutcome } from "../../../src/bounce/webhooks/index.js";
import { CERT_URL, createSnsSigner, type SnsEnvelope, snsConfirmation, snsNotification, TOPIC_ARN } from "../../helpers/sns.js";
import { fixture, fixtureText, snsPost } from "../../helpers/webhooks.js";

const signer = createSnsSigner();
const otherSigner = createSnsSigner();
// the certificate is valid from the moment it was made, so the clock is the real one, fixed for the file
const NOW = Math.floor(Date.now() / 1000) * 1000;
const CONFIG: WebhookConfig = { ses: { topicArns: new Set([TOPIC_ARN]) }, postmark: null, mailgun: null };
const SNS_ID = "5d8e2f51-4c3b-5a6e-9b1f-0c2d3e4f5a6b";

function deps(now = NOW, pem = signer.certificatePem) {
  const fetched: string[] = [];
  const d: ProviderDeps = {
    now: () => now,
    fetchCertificate: async (url) => {
      fetched.push(url);
      return pem;
    },
  };
  return { deps: d, fetched };
}

async function read(envelope: SnsEnvelope, d = deps().deps, headers: Record<string, string> = {}): Promise<WebhookOutcome> {
  return readWebhook("ses", snsPost(envelope, headers), CONFIG, d);
}

const notification = (name: string, opts: Parameters<typeof snsNotification>[3] = {}) =>
  snsNotification(fixtureText("ses", name), NOW - 2000, signer, opts);

describe("SES via SNS: accepted notifications", () => {
  it("reads a permanent bounce with our Message-ID from the copied headers", async () => {
    expect(await read(notification("bounce-permanent.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "ses",
          eventId: `${SNS_ID}:Lena.Beispiel@example.com`,
          email: "Lena.Beispiel@example.com",
          class: "hard",
          status: "5.1.1",
          diagnostic: "smtp; 550 5.1.1 <Lena.Beispiel@example.com>: Recipient address rejected: User unknown",
          messageId: "<issue-3.7f3a9c@newsletter.example.org>",
          occurredAt: "2026-11-05T07:00:03.120Z",
        },
      ],
    });
  });

  it("reads event publishing (eventType) and puts brackets around commonHeaders.messageId; a full mailbox is soft", async () => {
    const outcome = await read(notification("bounce-mailbox-full.json"));
    expect(outcome).toEqual({
      kind: "events",
      events: [
        {
          provider: "ses",
          eventId: `${SNS_ID}:jonas.muster@example.net`,
          email: "jonas.muster@example.net",
          class: "soft",
          status: "5.2.2",
          diagnostic: "smtp; 552-5.2.2 The recipient's mailbox is full. 552 5.2.2 Please try again later.",
          messageId: "<issue-3.8b21de@newsletter.example.org>",
          occurredAt: "2026-11-05T07:02:10.500Z",
        },
      ],
    });
  });

  it("treats an address on the account suppression list as hard and has no Message-ID without headers", async () => {
    const outcome = await read(notification("bounce-suppressed.json"));
    expect(outcome).toMatchObject({
      kind: "events",
      events: [{ email: "alte.adresse@example.org", class: "hard", status: null, messageId: null }],
    });
  });

  it("skips recipients with invalid addresses, keeps the others and makes diagnostics printable", async () => {
    const outcome = await read(notification("bounce-content-rejected.json"));
    expect(outcome.kind).toBe("events");
    if (outcome.kind !== "events") return;
    expect(outcome.events.map((e) => [e.email, e.class, e.status])).toEqual([
      ["mara.probe@example.com", "policy", "5.7.1"],
      ["tom.test@example.org", "policy", "5.7.1"],
    ]);
    expect(outcome.events[0]?.diagnostic).toBe(
      "smtp; 554 5.7.1 [31mMessage rejected [0m by content filter see https://filter.example.net/why",
    );
  });

  it("reads a complaint, one event per complained recipient", async () => {
    expect(await read(notification("complaint.json"))).toEqual({
      kind: "events",
      events: [
        {
          provider: "ses",
          eventId: `${SNS_ID}:erika.mustermann@example.net`,
          email: "erika.mustermann@example.net",
          class: "complaint",
          status: null,
          diagnostic: "complaint abuse",
          messageId: "<issue-3.c0ffee@newsletter.example.org>",
          occurredAt: "2026-11-05T09:12:45.000Z",
        },
      ],
    });
  });

  it("reads an ARF not-spam report as none, not as a complaint", async () => {
    const ses = fixture("ses", "complaint.json") as { complaint: Record<string, unknown> };
    ses.complaint["complaintFeedbackType"] = "not-spam";
    const outcome = await read(snsNotification(JSON.stringify(ses), NOW - 2000, signer));
    expect(outcome).toMatchObject({ kind: "events", events: [{ class: "none", diagnostic: "complaint not-spam" }] });
  });

  it("ignores a bounce none of whose recipients has a valid address", async () => {
    const ses = fixture("ses", "bounce-permanent.json") as { bounce: { bouncedRecipients: Record<string, string>[] } };
    ses.bounce.bouncedRecipients = [{ emailAddress: "not an address" }];
    const outcome = await read(snsNotification(JSON.stringify(ses), NOW - 2000, signer));
    expect(outcome).toEqual({ kind: "ignored", reason: "SES Bounce without a valid recipient address" });
  });

  it("ignores Delivery notifications", async () => {
    expect(await read(notification("delivery.json"))).toEqual({ kind: "ignored", reason: "SES Delivery notification" });
  });

  it("reads a Permanent/General bounce refused as spam as policy, not hard", async () => {
    const ses = fixture("ses", "bounce-permanent.json") as { bounce: { bouncedRecipients: Record<string, string>[] } };
    ses.bounce.bouncedRecipients[0] = {
      emailAddress: "lena.beispiel@example.com",
      status: "5.7.1",
      diagnosticCode: "smtp; 550 5.7.1 Message rejected as spam",
    };
    const outcome = await read(snsNotification(JSON.stringify(ses), NOW - 2000, signer));
    expect(outcome).toMatchObject({ kind: "events", events: [{ class: "policy", status: "5.7.1" }] });
  });

  it("gives the same event ids when SNS delivers the same message twice (idempotency key)", async () => {
    const envelope = notification("bounce-content-rejected.json");
    const first = await read(envelope);
    const second = await read(envelope);
    expect(second).toEqual(first);
    const ids = first.kind === "events" ? first.events.map((e) => e.eventId) : [];
    expect(ids).toEqual([`${SNS_ID}:mara.probe@example.com`, `${SNS_ID}:tom.test@example.org`]);
  });

  it("verifies SignatureVersion 1 (SHA1withRSA) and 2 (SHA256withRSA), with and without Subject", async () => {
    for (const version of ["1", "2"] as const) {
      for (const subject of [undefined, "Amazon SES Email Event Notification"]) {
        const opts = subject === undefined ? { version } : { version, subject };
        expect((await read(notification("bounce-permanent.json", opts))).kind).toBe("events");
      }
    }
  });

  it("fetches each certificate URL once", async () => {
    const d = deps();
    await read(notification("bounce-permanent.json"), d.deps);
    await read(notification("complaint.json"), d.deps);
    expect(d.fetched).toEqual([CERT_URL]);
  });
});

describe("SNS subscription messages", () => {
  it("answers a verified SubscriptionConfirmation with its SubscribeURL", async () => {
    const envelope = snsConfirmation("SubscriptionConfirmation", NOW - 1000, signer);
    expect(await read(envelope)).toEqual({ kind: "confirm-subscription", subscribeUrl: envelope["SubscribeURL"], topicArn: TOPIC_ARN });
  });

  it("rejects a signed SubscriptionConfirmation whose SubscribeURL is not SNS's", async () => {
    for (const url of [
      `https://sns.eu-central-1.amazonaws.com.evil.example/?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=1`,
      `http://sns.eu-central-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=1`,
      `https://user@sns.eu-central-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=1`,
      `https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe&TopicArn=${TOPIC_ARN}&Token=1`,
    ]) {
      const outcome = await read(snsConfirmation("SubscriptionConfirmation", NOW - 1000, signer, url));
      expect(outcome, url).toMatchObject({ kind: "rejected", status: 403, code: "webhook-sns-subscribe-url" });
    }
  });

  it("rejects a confirmation with a Subject (not signed for confirmations, so it could only have been added)", async () => {
    const envelope = { ...snsConfirmation("SubscriptionConfirmation", NOW - 1000, signer), Subject: "added" };
    expect(await read(envelope)).toMatchObject({ kind: "rejected", status: 400, code: "webhook-invalid-payload" });
  });

  it("ignores a verified UnsubscribeConfirmation", async () => {
    expect(await read(snsConfirmation("UnsubscribeConfirmation", NOW - 1000, signer))).toMatchObject({ kind: "ignored" });
  });
});

describe("SES via SNS: rejections", () => {
  const rejected = (status: number, code: string) => expect.objectContaining({ kind: "rejected", status, code });

  it("rejects a message signed by another key (wrong signature)", async () => {
    const envelope = snsNotification(fixtureText("ses", "bounce-permanent.json"), NOW - 2000, otherSigner);
    expect(await read(envelope)).toEqual(rejected(403, "webhook-bad-signature"));
  });

  it("rejects a tampered Message, a removed Subject and a changed SignatureVersion", async () => {
    const signed = notification("bounce-permanent.json", { subject: "Bounce" });
    const tampered = { ...signed, Message: signed["Message"]!.replace("Permanent", "Transient") };
    const { Subject: _subject, ...withoutSubject } = signed;
    const otherVersion = { ...signed, SignatureVersion: "1" };
    for (const envelope of [tampered, withoutSubject, otherVersion]) {
      expect(await read(envelope)).toEqual(rejected(403, "webhook-bad-signature"));
    }
  });

  it("rejects a garbled signature and an unknown SignatureVersion", async () => {
    const signed = notification("bounce-permanent.json");
    expect(await read({ ...signed, Signature: "not base64!" })).toEqual(rejected(403, "webhook-bad-signature"));
    expect(await read({ ...signed, SignatureVersion: "3" })).toEqual(rejected(403, "webhook-sns-signature-version"));
  });

  it("rejects a certificate URL that is not SNS's before fetching it", async () => {
    for (const certUrl of [
      "https://sns.eu-central-1.amazonaws.com.evil.example/x.pem",
      "http://sns.eu-central-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://user@sns.eu-central-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://sns.eu-central-1.amazonaws.com:8443/SimpleNotificationService-abc.pem",
      "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-abc.txt",
      "https://evil.example/sns.eu-central-1.amazonaws.com/x.pem",
      "https://sns.eu-central-1.amazonaws.com\\@evil.example/x.pem",
      "https://s3.eu-central-1.amazonaws.com/x.pem",
    ]) {
      const d = deps();
      const outcome = await read(notification("bounce-permanent.json", { certUrl }), d.deps);
      expect(outcome, certUrl).toEqual(rejected(403, "webhook-sns-cert-url"));
      expect(d.fetched).toEqual([]);
    }
  });

  it("rejects an unknown topic before fetching the certificate", async () => {
    const d = deps();
    const envelope = notification("bounce-permanent.json", { topicArn: "arn:aws:sns:eu-central-1:123456789012:somebody-else" });
    expect(await read(envelope, d.deps)).toEqual(rejected(403, "webhook-sns-unknown-topic"));
    expect(d.fetched).toEqual([]);
  });

  it("rejects a message older than an hour (replay) or from the future, and accepts 59 minutes", async () => {
    const message = fixtureText("ses", "bounce-permanent.json");
    expect(await read(snsNotification(message, NOW - 61 * 60_000, signer))).toEqual(rejected(403, "webhook-stale"));
    expect(await read(snsNotification(message, NOW + 10 * 60_000, signer))).toEqual(rejected(403, "webhook-stale"));
    expect((await read(snsNotification(message, NOW - 59 * 60_000, signer))).kind).toBe("events");
  });

  it("rejects a message whose x-amz-sns-message-type header is missing or disagrees, or whose topic header disagrees", async () => {
    const envelope = notification("bounce-permanent.json");
    expect(await read(envelope, undefined, { "x-amz-sns-message-type": "SubscriptionConfirmation" })).toEqual(
      rejected(400, "webhook-sns-header-mismatch"),
    );
    expect(await read(envelope, undefined, { "x-amz-sns-topic-arn": "arn:aws:sns:eu-central-1:123456789012:other" })).toEqual(
      rejected(400, "webhook-sns-header-mismatch"),
    );
    const withoutHeader = snsPostWithout(envelope, "x-amz-sns-message-type");
    expect(await readWebhook("ses", withoutHeader, CONFIG, deps().deps)).toEqual(rejected(400, "webhook-sns-header-mismatch"));
  });

  it("rejects an expired or unreadable certificate", async () => {
    const later = NOW + 3 * 24 * 3600_000; // the test certificate is valid for two days
    const envelope = snsNotification(fixtureText("ses", "bounce-permanent.json"), later - 1000, signer);
    expect(await read(envelope, deps(later).deps)).toEqual(rejected(403, "webhook-sns-certificate"));
    expect(await read(notification("bounce-permanent.json"), deps(NOW, "not a certificate").deps)).toEqual(
      rejected(403, "webhook-sns-certificate"),
    );
  });

  it("throws E_WEBHOOK_CERT_FETCH when the certificate cannot be fetched, and fetches again next time", async () => {
    let calls = 0;
    const flaky: ProviderDeps = {
      now: () => NOW,
      fetchCertificate: async () => {
        calls++;
        if (calls === 1) throw new Error("ECONNRESET");
        return signer.certificatePem;
      },
    };
    const envelope = notification("bounce-permanent.json");
    await expect(read(envelope, flaky)).rejects.toSatisfy((e) => e instanceof KoepfeError && e.code === "E_WEBHOOK_CERT_FETCH");
    expect((await read(envelope, flaky)).kind).toBe("events");
    expect(calls).toBe(2);
  });

  it("rejects an unknown Type, a missing field and a body that is not SNS JSON", async () => {
    const signed = notification("bounce-permanent.json");
    expect(await read({ ...signed, Type: "Whatever" })).toEqual(rejected(400, "webhook-sns-unknown-type"));
    const { Timestamp: _t, ...noTimestamp } = signed;
    expect(await read(noTimestamp)).toEqual(rejected(400, "webhook-invalid-payload"));
  });

  it("accepts SNS's text/plain and application/json, nothing else", async () => {
    const envelope = notification("bounce-permanent.json");
    expect((await read(envelope, undefined, { "content-type": "application/json" })).kind).toBe("events");
    expect(await read(envelope, undefined, { "content-type": "text/plain; charset=ISO-8859-1" })).toEqual(
      rejected(415, "webhook-content-type"),
    );
  });
});

function snsPostWithout(envelope: SnsEnvelope, header: string) {
  const req = snsPost(envelope);
  delete req.headers[header];
  return req;
}
