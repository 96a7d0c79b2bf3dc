#!/usr/bin/env bash
# Spark resource discovery for GPUs: prints {"name":"gpu","addresses":["0","1",...]}, the JSON that
# spark.{driver,executor}.resource.gpu.discoveryScript must print. Honours CUDA_VISIBLE_DEVICES
# when a resource manager (YARN, Kubernetes) already narrowed the visible devices.
set -euo pipefail
if [[ -n "${CUDA_VISIBLE_DEVICES:-}" ]]; then
  ids=$(tr ',' '\n' <<<"$CUDA_VISIBLE_DEVICES" | sed '/^$/d' | awk '{print NR-1}')
elif command -v nvidia-smi >/dev/null 2>&1; then
  ids=$(nvidia-smi --query-gpu=index --format=csv,noheader,nounits)
else
  ids=""
fi
addresses=$(printf '%s\n' $ids | sed '/^$/d; s/.*/"&"/' | paste -sd, -)
printf '{"name":"gpu","addresses":[%s]}\n' "$addresses"
