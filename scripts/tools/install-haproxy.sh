#!/usr/bin/env bash
# Installs HAProxy (and openssl, for test certificates) from Debian's packages when missing: the
# end-to-end test of the Redis TLS proxy runs the kit's rendered proxy config in a real HAProxy.
# The cells run the official haproxy image; Debian's 2.6 takes the same directives.
set -euo pipefail
missing=()
command -v haproxy >/dev/null || missing+=(haproxy)
command -v openssl >/dev/null || missing+=(openssl)
if [ "${#missing[@]}" -eq 0 ]; then
  echo "==> haproxy $(haproxy -v | head -n1 | awk '{print $3}') and openssl present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "==> installing ${missing[*]} from Debian's packages ..."
# No service is started: the package's own init script is kept from running in this environment.
$sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { $sudo apt-get update >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
echo "==> haproxy $(haproxy -v | head -n1 | awk '{print $3}') installed"
