#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and EMPTY media folders.
#
#   scripts/restore.sh BACKUP_FOLDER
#
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT from the environment, like the app.
# Stop the web and worker units first, create the database afresh (README, "Backup and
# restore"), restore, then run `manage.py migrate` (a backup of an older release) and start
# the units again. Refuses to write over a database with tables or a folder with files, so a
# mistyped variable never mixes two sites.
set -euo pipefail

folder="${1:?usage: scripts/restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?Set DATABASE_URL, as in the site environment file}"
: "${MEDIA_ROOT:?Set MEDIA_ROOT}"
: "${PRIVATE_MEDIA_ROOT:?Set PRIVATE_MEDIA_ROOT}"

(cd "$folder" && sha256sum --check --quiet SHA256SUMS)

tables=$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align \
    -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != "0" ]; then
    echo "The database already has $tables tables; restore into a new, empty one." >&2
    exit 1
fi
for root in "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"; do
    if [ -d "$root" ] && [ -n "$(ls -A "$root")" ]; then
        echo "$root is not empty; restore into empty folders." >&2
        exit 1
    fi
done

pg_restore --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname "$DATABASE_URL" "$folder/database.dump"
mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"
tar --extract --gzip --file "$folder/media.tar.gz" --directory "$MEDIA_ROOT"
tar --extract --gzip --file "$folder/private.tar.gz" --directory "$PRIVATE_MEDIA_ROOT"
echo "Restored $folder"
