#!/usr/bin/env bash
# Installs and starts what the project needs from Debian's packages (idempotent):
# PostgreSQL (the suite runs on both dialects), Chromium (browser tests), the Noto CJK fonts
# (PDF reports and charts), poppler-utils (tests read the generated PDFs) and, for
# `fannao eval text`, the scikit-learn + jieba baseline (python3-sklearn, python3-jieba).
# Run as root on Debian 12; nothing is downloaded from anywhere but Debian's mirrors.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
/usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1 || need+=(python3-sklearn)
/usr/bin/python3 -c 'import jieba' >/dev/null 2>&1 || need+=(python3-jieba)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing from Debian: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing Debian packages (run as root to install): ${need[*]}" >&2
  fi
fi

# Start PostgreSQL when it is installed but not accepting connections on 127.0.0.1:5432.
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_createcluster "$version" main >/dev/null
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
# Tests connect as postgres over TCP without a password (trust), as on CI machines.
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  hba=$(runuser -u postgres -- psql -Atc 'show hba_file' 2>/dev/null || true)
  if [ -n "$hba" ]; then
    sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
    runuser -u postgres -- psql -qc 'select pg_reload_conf()' >/dev/null
  fi
fi
