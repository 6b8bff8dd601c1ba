#!/usr/bin/env bash
# Install what libwoo needs to build and test, from Debian's packages.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config
  libpcre2-dev libxml2-dev zlib1g-dev libjansson-dev libyaml-dev
  libminizip-dev libgmime-3.0-dev libglib2.0-dev
  libpoppler-glib-dev libcairo2-dev
  poppler-utils qpdf wdutch
  clang libclang-rt-14-dev
  jq parallel chromium fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
