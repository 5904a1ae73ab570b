/** Requests and fixtures for the webhook tests: payloads live in test/fixtures/webhooks/<provider>/. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { WebhookRequest } from "../../src/bounce/webhooks/index.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/webhooks");

/** A fixture payload as text (exactly as stored) … */
export function fixtureText(provider: string, name: string): string {
  return readFileSync(path.join(FIXTURES, provider, name), "utf8");
}

/** … or parsed, to change a field in a test. */
export function fixture(provider: string, name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(provider, name)) as Record<string, unknown>;
}

/** A POST as Node's http module hands it to the route. */
export function post(body: string | Buffer | object, headers: Record<string, string> = {}): WebhookRequest {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
  return { method: "POST", headers: { "content-type": "application/json", ...headers }, body: bytes, remoteAddress: "127.0.0.1" };
}

/** A POST as SNS sends it: text/plain body and the x-amz-sns-* headers. */
export function snsPost(envelope: Record<string, string>, headers: Record<string, string> = {}): WebhookRequest {
  return post(JSON.stringify(envelope), {
    "content-type": "text/plain; charset=UTF-8",
    "x-amz-sns-message-type": envelope["Type"] ?? "",
    "x-amz-sns-message-id": envelope["MessageId"] ?? "",
    "x-amz-sns-topic-arn": envelope["TopicArn"] ?? "",
    "user-agent": "Amazon Simple Notification Service Agent",
    ...headers,
  });
}

export function basicAuth(credentials: string): string {
  return `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`;
}
