#!/usr/bin/env bash
# Back up Leren met de Stad: the database (pg_dump, custom format) and both media folders
# (MEDIA_ROOT: Wagtail's images and documents; PRIVATE_MEDIA_ROOT: project photos and files).
#
#   scripts/backup.sh TARGET_FOLDER
#
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT from the environment (the app's
# environment file: `set -a; . /etc/lerenmetdestad/env; set +a`). Writes a new folder
# TARGET_FOLDER/lerenmetdestad-YYYYmmddTHHMMSSZ with database.dump, media.tar.gz,
# private.tar.gz and SHA256SUMS, and prints its path. The site can stay up: pg_dump reads one
# consistent snapshot; a file uploaded while the folders are read may be missed.
set -euo pipefail
umask 077

target="${1:?usage: scripts/backup.sh TARGET_FOLDER}"
: "${DATABASE_URL:?Set DATABASE_URL, as in the site environment file}"
: "${MEDIA_ROOT:?Set MEDIA_ROOT}"
: "${PRIVATE_MEDIA_ROOT:?Set PRIVATE_MEDIA_ROOT}"

folder="$target/lerenmetdestad-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$folder"
# A backup that stopped halfway must not look like one that finished.
trap 'rm -rf "$folder"' ERR

pg_dump --format=custom --no-owner --no-privileges --file "$folder/database.dump" "$DATABASE_URL"
for name in media private; do
    root="$MEDIA_ROOT"
    [ "$name" = private ] && root="$PRIVATE_MEDIA_ROOT"
    mkdir -p "$root"
    tar --create --gzip --file "$folder/$name.tar.gz" --directory "$root" .
done
(cd "$folder" && sha256sum database.dump media.tar.gz private.tar.gz > SHA256SUMS)
trap - ERR
echo "$folder"
