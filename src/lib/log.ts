/**
 * The log of a command that runs unattended (send, send --due, serve, bounces): one JSON object per
 * line when the output is not a terminal (cron logs, journald and grep read them), one plain
 * sentence per event on a terminal. Every line has the same shape: time, event, the event's fields,
 * and the sentence as `message`; a field named `message` would be overwritten, so fields use other names.
 */
export type Log = (event: string, fields: Record<string, unknown>, text: string) => void;

/** A terminal or a log file: stdout, stderr, or a test's sink. */
export interface LogOutput {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export function createLog(out: LogOutput, clock: () => number = Date.now): Log {
  return (event, fields, text) => {
    out.write(
      out.isTTY === true ? `${text}\n` : `${JSON.stringify({ time: new Date(clock()).toISOString(), event, ...fields, message: text })}\n`,
    );
  };
}
