#!/bin/sh
# The official image's contract: `redis-server [options]`, or options alone.
set -eu
case "${1:-}" in
  redis-server) shift ;;
  -*) ;;
  "") ;;
  *) exec "$@" ;;
esac
exec setpriv --reuid=redis --regid=redis --init-groups \
  redis-server --protected-mode no --bind "0.0.0.0" "$@"
