#!/usr/bin/env bash
# Installs everything the test suites need on a fresh Debian 12 machine:
# Debian packages (Chromium, Mosquitto, fonts for Chinese, Xvfb, QR tools), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(chromium mosquitto mosquitto-clients fonts-noto-cjk fonts-noto-color-emoji xvfb xauth qrencode zbar-tools ffmpeg)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup-tests: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup-tests: npm ci"
npm ci --no-audit --no-fund

# On-device models: the expression classifier converted from the npm face-api weights, the face detector from the
# mirror folder (ATRIUM_MODEL_MIRROR, default ../shared/models) or its official URL; every file sha256-checked.
echo "setup-tests: npm run models"
npm run models --silent
