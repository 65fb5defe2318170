#!/usr/bin/env bash
# Builds the platform's container images with the .NET SDK's container publishing (no Docker needed) and
# writes each as an image archive under artifacts/images/, to load into a registry (skopeo, crane, podman load).
#   VERSION (the image tag, e.g. 1.0.0; the overlays pin it), CONFIGURATION (Release)
# Needs the base image (mcr.microsoft.com/dotnet/aspnet:10.0) reachable from this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${VERSION:?set VERSION, e.g. VERSION=1.0.0}"
configuration="${CONFIGURATION:-Release}"
mkdir -p artifacts/images
for project in services/Intake services/Eligibility services/Relief services/Payments services/Notification services/Oversight gateway web; do
  name=$(basename "$project" | tr '[:upper:]' '[:lower:]')
  dotnet publish "$project" -c "$configuration" -t:PublishContainer \
    -p ContainerRepository="reliefplatform/$name" -p ContainerImageTag="$version" \
    -p ContainerArchiveOutputPath="$PWD/artifacts/images/$name-$version.tar.gz"
done
ls -l artifacts/images
