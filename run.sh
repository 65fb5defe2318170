#!/usr/bin/env bash
# Runs the whole platform: PostgreSQL, RabbitMQ, Redis, the five services and the gateway, with the
# Aspire dashboard. Installs the Debian packages of the local mode first when they are missing.
#   DASHBOARD_PORT (18888), GATEWAY_PORT (5080), INFRA_MODE (auto | containers | local)
set -euo pipefail
cd "$(dirname "$0")"

eng/install-prerequisites.sh

dashboard_port="${DASHBOARD_PORT:-18888}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:${dashboard_port}}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://localhost:$((dashboard_port + 1))}"
# This machine kind has no developer certificate: the dashboard serves plain http on loopback.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT="${ASPIRE_ALLOW_UNSECURED_TRANSPORT:-true}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export Infra__Mode="${INFRA_MODE:-${Infra__Mode:-auto}}"
# Local webhook receivers listen on localhost: allowed here, refused by default elsewhere.
export Notifications__AllowPrivateWebhookAddresses="${Notifications__AllowPrivateWebhookAddresses:-true}"
# The gateway's development clients (dev-province…, secrets in gateway/Identity/ClientRegistry.cs) exist only when this is set.
export Identity__DevelopmentClients="${Identity__DevelopmentClients:-true}"
export Gateway__Port="${GATEWAY_PORT:-${Gateway__Port:-5080}}"

echo "Starting ReliefPlatform: gateway http://localhost:${Gateway__Port}, dashboard ${ASPNETCORE_URLS} (login link below)"
exec dotnet run --project AppHost --no-launch-profile "$@"
