#!/usr/bin/env bash
# Installs the Debian packages the local infrastructure mode runs (PostgreSQL, RabbitMQ, Redis) when
# they are missing. Nothing is started or enabled here: the AppHost runs its own instances on free
# ports in a temporary folder. Skipped when INFRA_MODE=containers.
set -euo pipefail

missing=()
if [[ "${INFRA_MODE:-auto}" != "containers" ]]; then
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
  { [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] && command -v epmd >/dev/null; } || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null || missing+=(redis-server)
fi

# The web frontend's journeys run in Debian's Chromium (no browser can be downloaded), with a CJK font
# so that Chinese text renders in the screenshots (issue 20).
[[ -n "${CHROMIUM_PATH:-}" ]] || command -v chromium >/dev/null || missing+=(chromium)
compgen -G "/usr/share/fonts/truetype/wqy/wqy-microhei*" >/dev/null || missing+=(fonts-wqy-microhei)
# The deployment's manifests are rendered with kubectl kustomize by the tests (issue 23).
command -v kubectl >/dev/null || missing+=(kubectl)

if (( ${#missing[@]} == 0 )); then
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi

# Debian starts a packaged server on install; the platform never uses those, so keep them from starting.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  created_policy=true
fi
trap 'if [[ $created_policy == true ]]; then "${sudo_cmd[@]}" rm -f "$policy"; fi' EXIT

"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
