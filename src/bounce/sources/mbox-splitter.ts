/**
 * Splitting an mbox byte stream into messages, chunk by chunk, without ever holding more than one
 * capped message and one line head.
 *
 * Variant read: mboxrd. A message starts at a "From " line that follows an empty line (or opens the
 * file); that line and the empty line before it belong to the mbox, not to the messages. In every
 * line matching /^>+From / one ">" is removed. mboxrd is the only variant whose escaping can be
 * undone exactly; an mboxo file (only "From " escaped, ">From " left alone) reads the same except
 * that a body line that really began with ">From " loses its ">", which changes nothing a bounce
 * parser looks at. Content-Length (mboxcl) is ignored: it is often wrong after a file was edited.
 * LF and CRLF files both work; line ends are kept as they are.
 */
import { CappedBuffer } from "./capped-bytes.js";

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_ = Buffer.from("From ", "latin1");
/** A line head this long that still is all ">" is not worth waiting for: it is kept as text. */
const MAX_HEAD = 4096;

type LineKind = "need-more" | "blank" | "separator" | "escaped" | "plain";

/** True when `bytes` starting at `from` is "From " or could still become it. */
function fromPrefix(bytes: Buffer, from: number): "yes" | "maybe" | "no" {
  const n = Math.min(bytes.length - from, FROM_.length);
  for (let i = 0; i < n; i++) if (bytes[from + i] !== FROM_[i]) return "no";
  return n === FROM_.length ? "yes" : "maybe";
}

/** What a line is, from its first bytes (the whole line when it ends in LF). */
export function classifyLine(head: Buffer, afterBlank: boolean): LineKind {
  const first = head[0];
  if (first === LF) return "blank";
  if (first === CR) return head.length === 1 ? "need-more" : head[1] === LF ? "blank" : "plain";
  if (first === GT) {
    let n = 1;
    while (n < head.length && head[n] === GT) n++;
    if (n === head.length) return n >= MAX_HEAD ? "plain" : "need-more";
    const rest = fromPrefix(head, n);
    return rest === "yes" ? "escaped" : rest === "maybe" ? "need-more" : "plain";
  }
  // an unescaped "From " inside a paragraph is text (mboxo writers leave some)
  if (!afterBlank) return "plain";
  const from = fromPrefix(head, 0);
  return from === "yes" ? "separator" : from === "maybe" ? "need-more" : "plain";
}

export interface SplitMessage {
  raw: Buffer;
  truncated: boolean;
}

/** Feed chunks with `push`, then call `end`; each returns the messages it completed, in order. */
export class MboxSplitter {
  private message: CappedBuffer | null = null;
  private head: Buffer[] = [];
  private headLength = 0;
  /** How the rest of the current line is handled once its head was classified. */
  private rest: "undecided" | "keep" | "drop" = "undecided";
  /** An empty line held back: it is the mbox's own if a separator follows, the message's otherwise. */
  private pendingBlank: Buffer | null = null;
  private atFileStart = true;
  private done: SplitMessage[] = [];
  /** True once a non-empty line came before the first message; the caller warns about it. */
  textBeforeFirstMessage = false;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): SplitMessage[] {
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos);
      const lineEnd = nl === -1 ? chunk.length : nl + 1;
      if (this.rest !== "undecided") {
        if (this.rest === "keep") this.write(chunk.subarray(pos, lineEnd));
        pos = lineEnd;
        if (nl !== -1) this.rest = "undecided";
        continue;
      }
      const take = Math.min(lineEnd, pos + MAX_HEAD - this.headLength);
      this.head.push(chunk.subarray(pos, take));
      this.headLength += take - pos;
      pos = take;
      this.decide(take === nl + 1);
    }
    return this.collect();
  }

  end(): SplitMessage[] {
    if (this.headLength > 0) this.decide(true);
    this.pendingBlank = null; // the empty line a writer puts after the last message
    this.finishMessage();
    return this.collect();
  }

  private decide(lineComplete: boolean): void {
    const head = this.head.length === 1 ? (this.head[0] as Buffer) : Buffer.concat(this.head);
    let kind = classifyLine(head, this.pendingBlank !== null || this.atFileStart);
    if (kind === "need-more") {
      if (!lineComplete && this.headLength < MAX_HEAD) return;
      kind = "plain";
    }
    this.head = [];
    this.headLength = 0;
    this.atFileStart = false;
    const rest = lineComplete ? "undecided" : kind === "separator" ? "drop" : "keep";
    if (kind === "blank") {
      if (this.pendingBlank) this.write(this.pendingBlank);
      this.pendingBlank = head;
    } else if (kind === "separator") {
      this.pendingBlank = null;
      this.finishMessage();
      this.message = new CappedBuffer(this.max);
    } else {
      this.flushPendingBlank();
      if (this.message === null) this.textBeforeFirstMessage = true;
      this.write(kind === "escaped" ? head.subarray(1) : head);
    }
    this.rest = rest;
  }

  private flushPendingBlank(): void {
    if (this.pendingBlank) this.write(this.pendingBlank);
    this.pendingBlank = null;
  }

  /** Bytes before the first separator go nowhere. */
  private write(bytes: Buffer): void {
    this.message?.append(bytes);
  }

  private finishMessage(): void {
    if (this.message) this.done.push(this.message.result());
    this.message = null;
  }

  private collect(): SplitMessage[] {
    const out = this.done;
    this.done = [];
    return out;
  }
}
