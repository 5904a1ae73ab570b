/** An mboxrd writer for tests: the format mboxSource reads, written the way mutt and Dovecot write it. */

/** One message as an mbox entry: the From_ line, the body with /^>*From / escaped by one more ">", an empty line. */
export function mboxrdEntry(raw: string, eol: "\n" | "\r\n" = "\n", sender = "MAILER-DAEMON"): string {
  const body = raw.replace(/^(>*From )/gm, ">$1");
  return `From ${sender} Thu Nov  5 18:30:00 2026${eol}${body}${eol}`;
}

export function mboxrd(messages: readonly string[], eol: "\n" | "\r\n" = "\n"): string {
  return messages.map((m) => mboxrdEntry(m, eol)).join("");
}
