#!/usr/bin/env bash
# Pinwall's embedding throughput against the Python/torch reference, alternating runs on the same images so a
# shared, noisy machine treats both alike; prints every line, then the best of each and their ratio.
#   src/test/bench/embed-vs-reference.sh [IMAGES] [COUNT] [ROUNDS] [-- extra 'pinwall bench embed' options]
# PINWALL_REF_ARGS passes options to the reference (e.g. "--threads 1"); PINWALL_BENCH_MODEL picks the model.
# Needs ../shared (models, fashion-dev, bench/py_reference.py) and python3-torch python3-pil python3-numpy.
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
shared="${PINWALL_SHARED:-$here/../shared}"
images="${1:-$shared/datasets/fashion-dev/images}"
count="${2:-1000}"
rounds="${3:-2}"
shift $(( $# < 3 ? $# : 3 )); [ "${1:-}" = "--" ] && shift
model="${PINWALL_BENCH_MODEL:-$shared/models/mobilenet_v2_imagenet.onnx}"
ref_model="$shared/models/mobilenet_v2_imagenet.pt"
best_ref=0; best_pin=0
for round in $(seq "$rounds"); do
  ref=$(MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 \
        /usr/bin/python3 "$shared/bench/py_reference.py" "$ref_model" "$images" --count "$count" ${PINWALL_REF_ARGS:-} 2>/dev/null | tail -1)
  echo "round $round: $ref"
  pin=$("$here/pinwall" bench embed --images "$images" --count "$count" --model "$model" "$@" 2>/dev/null | tail -1)
  echo "round $round: $pin"
  best_ref=$(awk -v a="$best_ref" -v b="$(awk '{print $5}' <<<"$ref")" 'BEGIN{print (b>a)?b:a}')
  best_pin=$(awk -v a="$best_pin" -v b="$(awk '{print $5}' <<<"$pin")" 'BEGIN{print (b>a)?b:a}')
done
awk -v r="$best_ref" -v p="$best_pin" 'BEGIN{printf "best end to end: pinwall %.1f reference %.1f ratio %.2f\n", p, r, p/r}'
