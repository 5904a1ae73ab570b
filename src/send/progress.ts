/**
 * What a running send shows: on a terminal a one-line bar (done/total, sent, failed, rate, ETA) with
 * every failure printed above it; otherwise JSON lines for cron and journald logs (start, each
 * delivery that did not simply go out, a progress line every few seconds, stop).
 */
import type { SendEvents, DeliveryEvent } from "./send-loop.js";
import { createLog, type Log, type LogOutput } from "../lib/log.js";
import type { StopReason } from "./run-result.js";
import { printable } from "../lib/text-safety.js";

type Out = LogOutput;

const TTY_REDRAW_MS = 100;

const JSON_PROGRESS_MS = 5_000;

export class Progress implements SendEvents {
  readonly #out: Out;
  readonly #clock: () => number;
  readonly #tty: boolean;
  readonly #log: Log;
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
    this.#log = createLog(out, clock);
  }

  /** A fact of the run: `text` on a terminal, a JSON line with `event` and `fields` otherwise. */
  note(event: string, fields: Record<string, unknown>, text: string): void {
    this.#log(event, fields, text);
  }

  start(info: { issue: number; audience: number; pending: number; unknownAfterCrash: number; requeued: number }): void {
    this.#startedAt = this.#clock();
    this.#pending = info.pending;
    this.#issue = info.issue;
    this.#log(
      "start",
      info,
      `issue ${info.issue}: ${info.pending} of ${info.audience} deliveries to send${info.unknownAfterCrash > 0 ? `, ${info.unknownAfterCrash} found in flight from an earlier run (now unknown)` : ""}`,
    );
  }

  delivery(info: { email: string; event: DeliveryEvent; response: string; attempts: number }): void {
    this.#count[info.event]++;
    const now = this.#clock();
    if (info.event !== "sent") {
      const text = `${info.event.padEnd(10)} ${info.email}: ${info.response}`;
      if (this.#tty) this.#line(text);
      else
        this.#log(
          "delivery",
          { issue: this.#issue, state: info.event, email: info.email, attempts: info.attempts, response: info.response },
          printable(text),
        );
    }
    const interval = this.#tty ? TTY_REDRAW_MS : JSON_PROGRESS_MS;
    if (now - this.#lastDraw < interval) return;
    this.#lastDraw = now;
    if (this.#tty) this.#draw(now);
    else {
      const f = this.#figures(now);
      this.#log(
        "progress",
        { issue: this.#issue, ...f },
        `issue ${this.#issue}: ${f.done} of ${f.pending} done, ${f.sent} sent, ${f.failed} failed`,
      );
    }
  }

  stop(reason: StopReason): void {
    const text = `stopping (${reason.kind}): waiting for the messages in flight …`;
    if (this.#tty) this.#line(text);
    else this.#log("stop", { issue: this.#issue, ...reason }, text);
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
