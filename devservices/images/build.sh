#!/usr/bin/env bash
# Build postgres and redis images from Debian packages, for machines whose Docker engine cannot
# reach a registry. The images honour the official images' contract (POSTGRES_USER/PASSWORD/DB,
# `postgres -c ...`, `redis-server ...`), so testcontainers' classes work with them unchanged.
#
# The Debian mirror is the one this machine's apt already uses; nothing here names a host.
# Usage: build.sh   (needs root, debootstrap and a running Docker engine)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

. /etc/os-release
codename=${VERSION_CODENAME:?cannot tell the Debian release from /etc/os-release}
base_tag="devservices/debian-base:${codename}"
postgres_tag=${DEVSERVICES_POSTGRES_IMAGE:-devservices/postgres:${codename}}
redis_tag=${DEVSERVICES_REDIS_IMAGE:-devservices/redis:${codename}}

if ! docker image inspect "$base_tag" >/dev/null 2>&1; then
  mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Identifier: Packages' \
    | awk -v release="$codename" '$2 == release { print $1; exit }')
  if [ -z "$mirror" ]; then
    echo "build.sh: apt has no source for '$codename'; run 'apt-get update' first" >&2
    exit 1
  fi
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  echo "build.sh: debootstrap $codename (postgresql, redis-server) from apt's configured mirror"
  debootstrap --variant=minbase --include=postgresql,redis-server \
    "$codename" "$rootfs" "$mirror" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$base_tag" >/dev/null
fi

docker build --quiet --build-arg "BASE=$base_tag" -t "$postgres_tag" "$here/postgres" >/dev/null
docker build --quiet --build-arg "BASE=$base_tag" -t "$redis_tag" "$here/redis" >/dev/null
echo "build.sh: built $postgres_tag and $redis_tag"
echo "use them with: DEVSERVICES_POSTGRES_IMAGE=$postgres_tag DEVSERVICES_REDIS_IMAGE=$redis_tag"
