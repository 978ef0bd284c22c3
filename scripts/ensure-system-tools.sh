#!/usr/bin/env bash
# Install what the browser tests need from Debian when it is missing: chromium, node with
# npm (for axe-core and the Nu HTML Checker), and a Java runtime (to run the checker).
# Run by `make test` before `npm ci`; safe to run again.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "make test: installing ${missing[*]} from Debian's packages"
if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "make test: cannot install ${missing[*]}: run as root, or install them yourself:" >&2
  echo "    sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make test: apt-get not found; install ${missing[*]} with your system's package manager" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
if ! "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "make test: apt-get could not install ${missing[*]}; see the messages above" >&2
  exit 1
fi
