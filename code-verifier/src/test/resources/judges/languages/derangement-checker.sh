# testlib protocol without testlib: checker <input> <output> <answer>; 0 accepted, 1 wrong answer.
set -f
read -r n _ < "$1"
read -r -d '' -a tokens < "$2"
if [ "${#tokens[@]}" -ne "$n" ]; then echo "expected $n numbers, got ${#tokens[@]}" >&2; exit 1; fi
declare -A seen
for i in "${!tokens[@]}"; do
  v=${tokens[$i]}
  [[ $v =~ ^[0-9]{1,9}$ ]] || { echo "not an integer: $v" >&2; exit 1; }
  v=$((10#$v))
  if (( v < 1 || v > n )) || [[ -n ${seen[$v]} ]]; then echo "not a permutation" >&2; exit 1; fi
  if (( v == i + 1 )); then echo "fixed point at $v" >&2; exit 1; fi
  seen[$v]=1
done
echo "a derangement of $n" >&2
exit 0
