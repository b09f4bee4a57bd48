#!/usr/bin/env bash
# Installs Debian's native Ruby, which the Ruby tests compare the sandbox with (and the benchmark runs beside it).
# Run by .ci/run and by this test project's build when /usr/bin/ruby is missing; installing needs root, as apt-get
# does. Debian bookworm's Ruby is 3.1 while the sandbox runs 3.4: the tests compare only what the two agree on.
set -euo pipefail
if command -v ruby >/dev/null; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-ruby.sh: the Ruby tests need Debian's ruby; install it with: sudo apt-get install -y ruby" >&2
    exit 1
fi
echo "install-ruby.sh: installing ruby" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ruby >/dev/null
