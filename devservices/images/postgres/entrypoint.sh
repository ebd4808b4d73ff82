#!/bin/sh
# The official image's contract: POSTGRES_PASSWORD (required), POSTGRES_USER (default postgres),
# POSTGRES_DB (default: the user); `postgres -c name=value ...` or just `-c ...` as arguments.
set -eu
case "${1:-}" in
  postgres) shift ;;
  -*) ;;
  "") ;;
  *) exec "$@" ;;
esac

user=${POSTGRES_USER:-postgres}
password=${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}
database=${POSTGRES_DB:-$user}
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
quote_literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }
quote_ident() { printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  cp -a /var/lib/postgresql/baked/. "$PGDATA/"
  chown -R postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  {
    if [ "$user" = postgres ]; then
      echo "ALTER ROLE postgres PASSWORD $(quote_literal "$password")"
    else
      echo "CREATE ROLE $(quote_ident "$user") SUPERUSER LOGIN PASSWORD $(quote_literal "$password")"
    fi
    if [ "$database" != postgres ]; then
      echo "CREATE DATABASE $(quote_ident "$database") OWNER $(quote_ident "$user")"
    fi
  } | as_postgres postgres --single -D "$PGDATA" postgres >/dev/null
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups postgres "$@"
