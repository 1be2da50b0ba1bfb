#!/bin/sh
# Runs once at image build time: checks that the toolchain of the language is present and records its version,
# so that the code-verifier can list toolchain versions without starting a compiler per request.
set -eu
language="$1"
case "$language" in
  python)     version=$(python3 --version 2>&1) ;;
  c)          version=$(gcc --version | head -n 1) ;;
  cpp)        version=$(g++ --version | head -n 1)
              if [ -f /opt/rewards/pch/bits/stdc++.h.gch ]; then version="$version, precompiled bits/stdc++.h"; fi ;;
  java)       version=$(javac -version 2>&1 | head -n 1) ;;
  javascript) version="node $(node --version)" ;;
  go)         version=$(go version) ;;
  rust)       version=$(rustc --version) ;;
  typescript) version="tsc $(tsc --version | sed 's/^Version //'), node $(node --version)" ;;
  csharp)     version="$(mcs --version), $(mono --version | head -n 1 | sed 's/ (.*//')" ;;
  ruby)       version=$(ruby --version) ;;
  bash)       version=$(bash --version | head -n 1) ;;
  *) echo "unknown sandbox language: $language" >&2; exit 1 ;;
esac
printf '%s\n' "$version" > /opt/rewards/toolchain-version
printf '%s\n' "$language" > /opt/rewards/language
# A file only root may read: judge corpora (DOMjudge's test-permissions) probe that it stays unreadable.
printf 'root only\n' > /etc/root-permission-test.txt
chmod 0640 /etc/root-permission-test.txt
mkdir -p /sandbox
chown 65534:65534 /sandbox
chmod 0755 /opt/rewards/entrypoint
# The runner is Python: public toolchain images without Python get the minimal interpreter.
if ! command -v python3 >/dev/null 2>&1; then
  apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
fi
chmod 0755 /opt/rewards/runner.py
