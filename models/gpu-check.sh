#!/usr/bin/env bash
# Checks a machine with an NVIDIA GPU: builds the CUDA flavour of batos, writes a generated
# Llama-architecture model, and prints tokens/s and time to first token on the CPU and on CUDA side
# by side. Needs CUDA 12 and cuDNN 9 libraries on the loader path (LD_LIBRARY_PATH) and Maven.
#
#   models/gpu-check.sh [fixture-kind]      (default: bench — hidden 512, 8 layers, vocab 32k)
#
# Without a usable GPU the CUDA line says exactly why (the engine never falls back silently).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-bench}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -f target/batos-cuda.jar ]; then
  mvn -q -Pcuda -DskipTests package
  cp target/batos.jar target/batos-cuda.jar
fi
batos() { java --enable-native-access=ALL-UNNAMED -jar target/batos-cuda.jar "$@"; }

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi: not found"
batos model fixture --kind "$kind" --out "$work/model"
echo "== cpu"
batos bench generate --model "$work/model" --device cpu
echo "== cuda"
batos bench generate --model "$work/model" --device cuda || echo "(cuda run failed: see the line above)"
