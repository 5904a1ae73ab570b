/**
 * Log lines of unattended runs: JSON lines when stdout is not a terminal (cron and journald logs are
 * read by machines and grep), one plain sentence per event on a terminal.
 */
export type RunLog = (event: string, data: Record<string, unknown>, text: string) => void;

export function runLog(out: NodeJS.WritableStream & { isTTY?: boolean }, clock: () => Date = () => new Date()): RunLog {
  return (event, data, text) => {
    out.write(out.isTTY ? `${text}\n` : `${JSON.stringify({ time: clock().toISOString(), event, ...data, message: text })}\n`);
  };
}
