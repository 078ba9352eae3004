#!/usr/bin/env bash
# Installs the Debian packages of the real servers the tests run (only those missing), without
# letting Debian start them as system services: the tests start their own instances on 127.0.0.1.
#   openssh-server  real SFTP server (internal-sftp) for the SFTP batch adapter
#   dovecot-imapd   real IMAP server for the mailbox poller
#   postgresql      real PostgreSQL server (a private cluster per test run) for the PostgreSQL store
# and, from npm into tests/services/node_modules (pinned in tests/services/package.json):
#   azurite         Azure Storage emulator (Blob) for the Blob document store
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x "$here/node_modules/.bin/azurite" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-packages.sh: npm (Node.js) is required for azurite; install nodejs and npm" >&2
    exit 2
  fi
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "installed: azurite (npm)"
fi

missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-packages.sh: missing ${missing[*]}; run as root or install them with apt-get" >&2
  exit 2
fi

# Debian starts services after install unless policy-rc.d says no.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=1
fi
trap '[ "$created_policy" -eq 1 ] && rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
