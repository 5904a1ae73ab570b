/**
 * Where bounce reports come from. A source yields raw messages (capped bytes) and is told when one
 * was recorded; what a message means is the parser's business, not the source's.
 */

/** One message as a source read it. */
export interface SourceMessage {
  /** What the JSON output shows: the file path, "stdin", "mbox:<file>#<n>" or "imap:<mailbox>/<uid>". */
  source: string;
  /** The message bytes, at most `maxBytes` of them. */
  raw: Buffer;
  /** True when the message was longer than `maxBytes` and `raw` holds only its beginning. */
  truncated: boolean;
}

/** A place bounce reports are read from. */
export interface MessageSource {
  /** The messages not yet processed, in a deterministic order; stops after the current message once `signal` aborts. */
  messages(signal: AbortSignal): AsyncIterable<SourceMessage>;
  /** The caller processed (recorded) the message: IMAP flags it or moves it; file sources do nothing (the ledger makes re-reading harmless). */
  done(message: SourceMessage): Promise<void>;
  /** Releases what the source holds (the IMAP connection); safe to call more than once. */
  close(): Promise<void>;
}

/** Something a source passed over without stopping: the run goes on, the caller decides whether to show or count it. */
export interface SourceWarning {
  code: SourceWarningCode;
  /** The path (or mbox position) concerned, as the user gave it. */
  source: string;
  message: string;
}

export type SourceWarningCode =
  | "source-not-regular-file"
  | "source-symlink-outside"
  | "source-unreadable"
  | "mbox-text-before-first-message";

/** Options every source understands. */
export interface SourceOptions {
  /** Largest message kept, in bytes; a longer one is read up to here and marked `truncated`. Default 10 MB. */
  maxBytes?: number;
  /** Called for every file or byte range skipped; without it warnings are dropped. */
  onWarning?: (warning: SourceWarning) => void;
}

/** 10 MB: a bounce report with the returned original fits many times over; a mail bomb does not fill the memory. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** The cap from the options, checked: a cap of 0 or a fraction is a programming error, not user input. */
export function maxBytesOf(options: SourceOptions | undefined): number {
  const max = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxBytes must be a positive integer (got ${max})`);
  return max;
}
