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
# Extra arguments go to `koepfe send --due`. KOEPFE_AS_OF=2024-12-02T07:05 moves the clock of both
# steps but still sends: rehearse only with an env file whose KOEPFE_SMTP_URL is a test relay and
# KOEPFE_STATE a scratch ledger, and a scratch KOEPFE_WEB_ROOT.
# The exit code is koepfe's: 0 nothing to do or all sent, 1 problems in the data, 3 review needed,
# 4 stopped; a second run while one is sending exits 0 (the ledger holds the lock).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(dirname "$here")"
env_file="${KOEPFE_ENV_FILE:-/etc/koepfe/koepfe.env}"

if [ -f "$env_file" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
elif [ -n "${KOEPFE_ENV_FILE:-}" ]; then
  echo "send-due.sh: env file $env_file not found" >&2
  exit 2
fi

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
  echo "{\"time\":\"$(stamp)\",\"event\":\"cron-end\",\"step\":\"send\",\"exit\":$code}"
  return $code
}

if [ "$log" = "-" ]; then
  run "$@"
else
  mkdir -p "$(dirname "$log")"
  run "$@" >>"$log"
fi
