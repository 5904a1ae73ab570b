#!/usr/bin/env bash
# The bounce address as an MTA pipe: one report on standard input into the ledger (`koepfe bounces --stdin`).
#
# Postfix, with recipient_delimiter = + in main.cf (so bounces+<tag>@ reaches the alias) and an alias
# file owned by the user koepfe runs as (local(8) runs the command as the owner of the alias file):
#   /etc/postfix/main.cf        alias_maps = hash:/etc/aliases, hash:/etc/postfix/koepfe-aliases
#   /etc/postfix/koepfe-aliases bounces: "|/opt/koepfe/scripts/bounce-pipe.sh"
#   chown koepfe /etc/postfix/koepfe-aliases && postalias /etc/postfix/koepfe-aliases
#
# Settings as for send-due.sh: KOEPFE_ENV_FILE (default /etc/koepfe/koepfe.env), KOEPFE_EDITION,
# KOEPFE_LOG (default /var/log/koepfe/bounces.log, "-" for standard output).
# Exit codes as an MTA reads them: 0 recorded — also a message that could not be read, which is
# recorded for a person to look at (an error would bounce it back to whoever sent it); 75
# (EX_TEMPFAIL) the ledger could not be written, the MTA keeps the report and tries again; anything
# else is a setup problem (no edition, no KOEPFE_SECRET) and the MTA returns the report.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(dirname "$here")"
# shellcheck source=env-file.sh
. "$here/env-file.sh"
load_env_file 75 bounce-pipe.sh

edition="${KOEPFE_EDITION:-$project/data}"
log="${KOEPFE_LOG:-/var/log/koepfe/bounces.log}"

if [ "$log" = "-" ]; then
  node "$project/dist/cli.js" bounces "$edition" --stdin 2>&1
  code=$?
else
  mkdir -p "$(dirname "$log")" || exit 75
  node "$project/dist/cli.js" bounces "$edition" --stdin >>"$log" 2>&1
  code=$?
fi
# 1: the message was not a readable report; it is in the ledger (koepfe status counts it)
if [ "$code" -eq 1 ]; then exit 0; fi
exit "$code"
