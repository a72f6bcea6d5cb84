#!/usr/bin/env bash
# manage.py with the site's environment, from anywhere: deploy/manage.sh migrate --no-input
# LERENMETDESTAD_ENV names another environment file (default /etc/lerenmetdestad/env).
set -euo pipefail
app="$(cd "$(dirname "$0")/.." && pwd)"
set -a
# shellcheck disable=SC1090
. "${LERENMETDESTAD_ENV:-/etc/lerenmetdestad/env}"
set +a
cd "$app"
exec .venv/bin/python manage.py "$@"
