#!/bin/sh
# Runs at image build time, before the runner is copied in, so that a change of the runner does not download the
# toolchains again: installs the Debian packages the language adds to its base image (languages/<language>/
# packages.txt, without recommended packages) and runs the language's setup step, if it has one.
set -eu
dir=$(dirname "$0")
packages=$(grep -v '^#' "$dir/packages.txt" | grep -v '^[[:space:]]*$' | tr '\n' ' ')
if [ -n "$packages" ]; then
  apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
  apt-get clean
  rm -rf /var/lib/apt/lists/*
fi
if [ -f "$dir/setup.sh" ]; then
  sh "$dir/setup.sh"
fi
