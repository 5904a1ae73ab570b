#!/usr/bin/env bash
# The scheduled job (cron or systemd): publishes the site as of now, then sends whatever issue is due.
#
#   */5 * * * *  /opt/koepfe/scripts/send-due.sh
#
# Both steps use one timestamp, taken once: `koepfe build --as-of T` reveals exactly the places whose
# issue is due at T and `koepfe send --due --now T` sends exactly those issues, so every link in issue
# N works when issue N arrives (with two clocks, an issue due between the two steps would go out
# before its places are on the site). When the build fails, nothing is sent.
#
# Settings (environment, or the env file itself):
#   KOEPFE_ENV_FILE   file with KOEPFE_SECRET, KOEPFE_SMTP_URL, …   (default /etc/koepfe/koepfe.env)
#   KOEPFE_EDITION    the edition folder                             (default: ./data next to this script's project)
#   KOEPFE_WEB_ROOT   the folder the web server publishes, replaced as a whole by each build;
#                     "-" when the site is built elsewhere (then only the mails go out)
#   KOEPFE_LOG        log file, appended to; "-" for standard output (systemd's journal)
#                                                                    (default /var/log/koepfe/send.log)
#   KOEPFE_BOUNCE_IMAP_URL   the bounce mailbox, e.g. imaps://bounces@imap.example.org/INBOX (the password
#                     in KOEPFE_IMAP_PASSWORD, never in the URL): read first, so what bounced or drew
#                     complaints after the last issue is suppressed before the next one goes out
#   KOEPFE_BOUNCE_IMAP_DONE  a folder to move processed reports into (default: mark them $KoepfeDone)
# Extra arguments go to `koepfe send --due`. KOEPFE_AS_OF=2024-12-02T07:05 moves the clock of both
# steps but still sends: rehearse only with an env file whose KOEPFE_SMTP_URL is a test relay and
# KOEPFE_STATE a scratch ledger, and a scratch KOEPFE_WEB_ROOT.
# The exit code is koepfe's: 0 nothing to do or all sent, 1 problems in the data, 3 review needed,
# 4 stopped; a second run while one is sending exits 0 (the ledger holds the lock).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(dirname "$here")"
# shellcheck source=env-file.sh
. "$here/env-file.sh"
load_env_file 2 send-due.sh

if [ -z "${KOEPFE_WEB_ROOT:-}" ]; then
  echo "send-due.sh: set KOEPFE_WEB_ROOT to the folder your web server publishes (or to - when the site is built elsewhere)" >&2
  exit 2
fi

edition="${KOEPFE_EDITION:-$project/data}"
log="${KOEPFE_LOG:-/var/log/koepfe/send.log}"
as_of="${KOEPFE_AS_OF:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"
koepfe=(node "$project/dist/cli.js")

stamp() { date -u +%Y-%m-%dT%H:%M:%SZ; }
run() {
  echo "{\"time\":\"$(stamp)\",\"event\":\"cron-start\",\"edition\":\"$edition\",\"asOf\":\"$as_of\"}"
  bounce_code=0
  if [ -n "${KOEPFE_BOUNCE_IMAP_URL:-}" ]; then
    # a mailbox that is down must not stop the issue: its exit code is reported at the end
    "${koepfe[@]}" bounces "$edition" --imap "$KOEPFE_BOUNCE_IMAP_URL" ${KOEPFE_BOUNCE_IMAP_DONE:+--imap-done "$KOEPFE_BOUNCE_IMAP_DONE"} 2>&1
    bounce_code=$?
  fi
  if [ "$KOEPFE_WEB_ROOT" != "-" ]; then
    "${koepfe[@]}" build "$edition" --out "$KOEPFE_WEB_ROOT" --as-of "$as_of" --json 2>&1
    code=$?
    if [ $code -ne 0 ]; then
      echo "{\"time\":\"$(stamp)\",\"event\":\"cron-end\",\"step\":\"build\",\"exit\":$code}"
      return $code
    fi
  fi
  "${koepfe[@]}" send --due "$edition" --now "$as_of" "$@" 2>&1
  code=$?
  if [ $code -eq 0 ] && [ $bounce_code -ne 0 ]; then code=$bounce_code; fi
  echo "{\"time\":\"$(stamp)\",\"event\":\"cron-end\",\"step\":\"send\",\"exit\":$code}"
  return $code
}

if [ "$log" = "-" ]; then
  run "$@"
else
  mkdir -p "$(dirname "$log")"
  run "$@" >>"$log"
fi
