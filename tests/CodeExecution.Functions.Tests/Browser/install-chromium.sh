#!/usr/bin/env bash
# Installs Debian's Chromium, which the playground's browser tests drive with Playwright (headless, by its path:
# Playwright's own browser downloads come from a CDN this project does not use). Run by .ci/run and by this test
# project's build when /usr/bin/chromium is missing; installing needs root, as apt-get does.
set -euo pipefail
if command -v chromium >/dev/null; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-chromium.sh: the browser tests need Debian's chromium; install it with: sudo apt-get install -y chromium" >&2
    exit 1
fi
echo "install-chromium.sh: installing chromium" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
