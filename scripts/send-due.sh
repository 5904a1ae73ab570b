#!/usr/bin/env bash
# Cron wrapper for scheduled sending: loads an env file, runs `koepfe send --due`, appends to a log.
#
#   */5 * * * *  /opt/koepfe/scripts/send-due.sh
#
# Settings (environment, or the env file itself):
#   KOEPFE_ENV_FILE   file with KOEPFE_SECRET, KOEPFE_SMTP_URL, …   (default /etc/koepfe/koepfe.env)
#   KOEPFE_EDITION    the edition folder                             (default: ./data next to this script's project)
#   KOEPFE_LOG        log file, appended to                          (default /var/log/koepfe/send.log)
# Extra arguments go to `koepfe send --due`. --now 2024-12-02T07:05 moves the clock but still sends:
# rehearse only with an env file whose KOEPFE_SMTP_URL is a test relay and KOEPFE_STATE a scratch ledger.
# The exit code is koepfe's: 0 nothing to do or all sent, 3 review needed, 4 stopped; a second run
# while one is sending exits 0 (the ledger holds the lock).
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
  exit 1
fi

edition="${KOEPFE_EDITION:-$project/data}"
log="${KOEPFE_LOG:-/var/log/koepfe/send.log}"
mkdir -p "$(dirname "$log")"

stamp() { date -u +%Y-%m-%dT%H:%M:%SZ; }
{
  echo "{\"time\":\"$(stamp)\",\"event\":\"cron-start\",\"edition\":\"$edition\"}"
  node "$project/dist/cli.js" send --due "$edition" "$@" 2>&1
  code=$?
  echo "{\"time\":\"$(stamp)\",\"event\":\"cron-end\",\"exit\":$code}"
  exit $code
} >>"$log"
