#!/usr/bin/env bash
# Installs what Sawat's build, tests and benchmarks need, and only what is
# missing: Debian packages (apt-get update runs once, and only when something
# must be installed) and the npm packages in package.json (playwright-core for
# browser tests, @duckdb/node-api for reference benchmarks).
# Idempotent; safe to run on every build.
set -eu
cd "$(dirname "$0")/.."

debs=(
	build-essential pkg-config clang libclang-rt-14-dev
	libsqlite3-dev sqlite3 libpq-dev postgresql postgresql-contrib
	libicu-dev libjansson-dev libsodium-dev libmicrohttpd-dev
	libthai-dev fonts-thai-tlwg libcairo2-dev libpango1.0-dev poppler-utils
	libxlsxwriter-dev libzip-dev libexpat1-dev libcsv-dev
	chromium wrk curl ca-certificates procps
)
missing=()
# Node may come from elsewhere than Debian (it does on our machines); ask for
# Debian's only when there is none.
command -v node >/dev/null || debs+=(nodejs)
command -v npm >/dev/null || debs+=(npm)
for p in "${debs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: need root to install Debian packages: ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ -f package.json ]; then
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		echo "setup: npm ci"
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	fi
fi
