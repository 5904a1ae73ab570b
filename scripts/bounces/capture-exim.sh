#!/usr/bin/env bash
# Produces the REAL Exim bounces of test/fixtures/bounces/exim-*.eml without installing Exim:
# Debian's exim4-daemon-light conflicts with postfix, so its packages are only unpacked
# (apt-get download + dpkg -x) into a temp folder and run inside a private mount namespace
# (unshare --mount) where a copy of /etc/passwd with the Debian-exim user, a linker cache that
# knows the unpacked libidn, the unpacked /usr/sbin and a throwaway /etc/exim4/exim4.conf are
# bind-mounted. Nothing outside the temp folder changes; no daemon runs (exim -odi delivers at once).
# Needs root and an empty mount point /etc/exim4 (created and removed again if missing).
#
#   bash scripts/bounces/capture-exim.sh [out-dir]     (default test/fixtures/bounces)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-$repo/test/fixtures/bounces}")"
work="$(mktemp -d /tmp/koepfe-exim-XXXXXX)"
chmod 755 "$work"
cd "$work"
apt-get download exim4-daemon-light exim4-base libidn12 >/dev/null
for deb in *.deb; do dpkg -x "$deb" root; done
mkdir -p etc-exim4 spool log captured
cp /etc/passwd passwd && cp /etc/group group
echo "Debian-exim:x:64000:64000::$work/spool:/usr/sbin/nologin" >>passwd
echo "Debian-exim:x:64000:" >>group
chown -R 64000:64000 spool log && chmod 1777 captured
(cat /etc/ld.so.conf.d/*.conf; echo "$work/root/usr/lib/x86_64-linux-gnu") >ld.so.conf
ldconfig -C "$work/ld.so.cache" -f "$work/ld.so.conf"

cat >etc-exim4/exim4.conf <<CONF
primary_hostname = relay.example.com
qualify_domain = koepfe.test
spool_directory = $work/spool
log_file_path = $work/log/%slog
domainlist local_domains = example.com
never_users =
acl_smtp_rcpt = accept

begin routers
capture:
  driver = accept
  domains = koepfe.test
  transport = capture
full:
  driver = redirect
  domains = example.com
  local_parts = voll
  allow_fail
  data = :fail: 552 5.2.2 Mailbox full: quota exceeded
mailbox:
  driver = accept
  domains = example.com
  local_parts = anna
  transport = capture

begin transports
capture:
  driver = appendfile
  file = $work/captured/\$message_exim_id.eml
  user = nobody
  envelope_to_add
  return_path_add
  delivery_date_add

begin retry
*  *  F,1m,1m
CONF

made_mount_point=no
if [ ! -e /etc/exim4 ]; then mkdir /etc/exim4 && made_mount_point=yes; fi
cleanup() { if [ "$made_mount_point" = yes ]; then rmdir /etc/exim4; fi; }
trap cleanup EXIT

tag() { (cd "$repo" && npx tsx --eval "import { deliveryTag } from './src/bounce/verp.ts'; process.stdout.write(deliveryTag('fixture-secret-not-for-production', 'koepfe-2026', $1, $2))"); }

# scenario name, recipient, issue, position
send() {
  local name="$1" rcpt="$2" t
  t="$(tag "$3" "$4")"
  printf 'From: =?UTF-8?Q?Die_100_K=C3=B6pfe?= <newsletter@koepfe.test>\nTo: %s\nSubject: =?UTF-8?Q?Die_100_K=C3=B6pfe_2026=3A_Pl=C3=A4tze_90=E2=80=9381?=\nMessage-ID: <issue-%s.%s.%s@koepfe.test>\nDate: Tue, 01 Dec 2026 08:00:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nHallo,\n\nhier sind die Pl\xc3\xa4tze 90 bis 81.\n' \
    "$rcpt" "$3" "$4" "$t" >"msg-$name"
  unshare --mount bash -c "
    mount --bind '$work/passwd' /etc/passwd
    mount --bind '$work/group' /etc/group
    mount --bind '$work/ld.so.cache' /etc/ld.so.cache
    mount --bind '$work/root/usr/sbin' /usr/sbin
    mount --bind '$work/etc-exim4' /etc/exim4
    exec /usr/sbin/exim4 -odi -f 'bounces+$t@koepfe.test' '$rcpt'" <"msg-$name"
  # the notification is the only message delivered to the VERP address of this scenario
  cp "$(grep -l "^Envelope-to: bounces+$t@koepfe.test" captured/*.eml)" "$out/$name.eml"
  chmod 644 "$out/$name.eml"
  echo "$name.eml"
}

send exim-unrouteable max.mustermann@example.com 4 3
send exim-mailbox-full voll@example.com 4 4
echo "instance and logs left in $work"
