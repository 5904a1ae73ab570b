/**
 * What a running send shows: on a terminal a one-line bar (done/total, sent, failed, rate, ETA) with
 * every failure printed above it; otherwise JSON lines for cron and journald logs (start, each
 * delivery that did not simply go out, a progress line every few seconds, stop).
 */
import type { CampaignEvents, DeliveryEvent } from "./campaign.js";
import type { StopReason } from "./run-result.js";
import { printable } from "../lib/text-safety.js";

type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const TTY_REDRAW_MS = 100;

const JSON_PROGRESS_MS = 5_000;

export class Progress implements CampaignEvents {
  readonly #out: Out;
  readonly #clock: () => number;
  readonly #tty: boolean;
  #startedAt = 0;
  #lastDraw = -Infinity;
  #pending = 0;
  #issue = 0;
  readonly #count: Record<DeliveryEvent, number> = {
    sent: 0,
    deferred: 0,
    failed: 0,
    bounced: 0,
    unknown: 0,
    suppressed: 0,
    "not-sent": 0,
  };

  constructor(out: Out, clock: () => number) {
    this.#out = out;
    this.#clock = clock;
    this.#tty = out.isTTY === true;
  }

  /** A fact of the run: `text` on a terminal, a JSON line with `event` and `fields` otherwise. */
  note(event: string, fields: Record<string, unknown>, text: string): void {
    if (this.#tty) this.#out.write(`${text}\n`);
    else this.#json(event, fields);
  }

  /** A JSON line with the time; the shape of every log line of a send. */
  #json(event: string, fields: Record<string, unknown>): void {
    this.#out.write(`${JSON.stringify({ time: new Date(this.#clock()).toISOString(), event, ...fields })}\n`);
  }

  start(info: { issue: number; audience: number; pending: number; unknownAfterCrash: number; requeued: number }): void {
    this.#startedAt = this.#clock();
    this.#pending = info.pending;
    this.#issue = info.issue;
    if (this.#tty)
      this.#out.write(
        `issue ${info.issue}: ${info.pending} of ${info.audience} deliveries to send${info.unknownAfterCrash > 0 ? `, ${info.unknownAfterCrash} found in flight from an earlier run (now unknown)` : ""}\n`,
      );
    else this.#json("start", info);
  }

  delivery(info: { email: string; event: DeliveryEvent; response: string; attempts: number }): void {
    this.#count[info.event]++;
    const now = this.#clock();
    if (info.event !== "sent") {
      if (this.#tty) this.#line(`${info.event.padEnd(10)} ${info.email}: ${info.response}`);
      else
        this.#json("delivery", {
          issue: this.#issue,
          state: info.event,
          email: info.email,
          attempts: info.attempts,
          response: info.response,
        });
    }
    const interval = this.#tty ? TTY_REDRAW_MS : JSON_PROGRESS_MS;
    if (now - this.#lastDraw < interval) return;
    this.#lastDraw = now;
    if (this.#tty) this.#draw(now);
    else this.#json("progress", { issue: this.#issue, ...this.#figures(now) });
  }

  stop(reason: StopReason): void {
    if (this.#tty) this.#line(`stopping (${reason.kind}): waiting for the messages in flight …`);
    else this.#json("stop", { issue: this.#issue, ...reason });
  }

  /** Ends the bar line before the summary is printed. */
  finish(): void {
    if (this.#tty && this.#lastDraw > -Infinity) {
      this.#draw(this.#clock());
      this.#out.write("\n");
    }
  }

  #figures(now: number): { done: number; pending: number; sent: number; failed: number; rate: number; eta_s: number | null } {
    const c = this.#count;
    const done = c.sent + c.failed + c.bounced + c.unknown + c.suppressed;
    const seconds = Math.max(0.001, (now - this.#startedAt) / 1000);
    const rate = (done + c.deferred) / seconds;
    const left = this.#pending - done;
    return {
      done,
      pending: this.#pending,
      sent: c.sent,
      failed: c.failed + c.bounced + c.unknown,
      rate: Math.round(rate * 10) / 10,
      eta_s: rate > 0 ? Math.round(left / rate) : null,
    };
  }

  #draw(now: number): void {
    const f = this.#figures(now);
    const width = 24;
    const filled = this.#pending === 0 ? width : Math.round((f.done / this.#pending) * width);
    const eta = f.eta_s === null ? "--:--" : `${Math.floor(f.eta_s / 60)}:${String(f.eta_s % 60).padStart(2, "0")}`;
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${f.done}/${f.pending}  sent ${f.sent}  failed ${f.failed}  ${f.rate.toFixed(0)}/s  ETA ${eta}`;
    this.#out.write(`\r${bar.slice(0, Math.max(20, (this.#out.columns ?? 100) - 1))}\u001b[K`);
  }

  #line(text: string): void {
    this.#out.write(`\r\u001b[K${printable(text)}\n`);
    if (this.#lastDraw > -Infinity) this.#draw(this.#clock());
  }
}
