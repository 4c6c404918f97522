#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration sets.
# Usage: eng/add-migration.sh NAME
# The EF design package does not restore normally here; EfDesign=true makes the migrations projects download and
# reference it directly (see docs/adr/0003-two-database-providers.md).
set -euo pipefail
name=${1:?usage: eng/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
export EfDesign=true
for p in Sqlite Postgres; do
  proj=src/Fazhi.Migrations.$p
  dotnet ef migrations add "$name" --project "$proj" --startup-project "$proj" --output-dir Migrations
done
dotnet format whitespace src/Fazhi.Migrations.Sqlite/Fazhi.Migrations.Sqlite.csproj >/dev/null 2>&1 || true
dotnet format whitespace src/Fazhi.Migrations.Postgres/Fazhi.Migrations.Postgres.csproj >/dev/null 2>&1 || true
