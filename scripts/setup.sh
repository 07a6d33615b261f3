#!/usr/bin/env bash
# Install everything interview needs into .venv at the repository root, then provision the
# models. Safe to run again: each step is skipped when already done.
#   scripts/setup.sh          the service
#   scripts/setup.sh --dev    the service plus the test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1
PYTHON=${PYTHON:-python3.11}
TORCH_VERSION=2.13.0
OPENAI_WHISPER_VERSION=20250625

say() { printf '[setup] %s\n' "$*"; }

# Debian packages: only what PyPI cannot provide. Decoding needs none (PyAV bundles FFmpeg);
# the PDF report needs Pango (WeasyPrint) and a Korean font.
APT_PACKAGES=(fonts-nanum libpango-1.0-0 libpangoft2-1.0-0)
if [ "$DEV" = 1 ]; then
  # espeak-ng speaks test answers at known rates; chromium records real MediaRecorder WebM;
  # the scale-out tests start throw-away PostgreSQL and Redis servers of their own
  APT_PACKAGES+=(espeak-ng chromium postgresql redis-server)
fi
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  command -v "$PYTHON" >/dev/null || { echo "[setup] $PYTHON is required" >&2; exit 1; }
  say "creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
PIP=(.venv/bin/python -m pip --disable-pip-version-check -q)

# The pip steps run again only when what they install has changed.
stamp_file=.venv/.setup-stamp
stamp="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)-dev$DEV"
if [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp" ]; then
  # torch first, pinned: an unpinned torch (or one pulled in by another package) is a
  # multi-GB CUDA build. PIP_TORCH_ARGS may name a CPU wheel index.
  say "installing torch==$TORCH_VERSION"
  "${PIP[@]}" install ${PIP_TORCH_ARGS:-} "torch==$TORCH_VERSION"
  extras=""
  [ "$DEV" = 1 ] && extras="[dev]"
  say "installing interview$extras and its requirements"
  "${PIP[@]}" install -e ".$extras"
  # openai-whisper declares triton (1 GB, GPU only); its other requirements are ours.
  "${PIP[@]}" install --no-deps "openai-whisper==$OPENAI_WHISPER_VERSION"
  echo "$stamp" >"$stamp_file"
fi

say "provisioning models"
.venv/bin/interview models install
say "ready"
