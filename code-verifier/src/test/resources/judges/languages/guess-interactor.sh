# Interactor of "guess the number" (as guess-interactor.cpp): 0 accepted, 1 wrong answer.
read -r n x < "$1"
k=0; p=1
while (( p < n )); do p=$((p * 2)); k=$((k + 1)); done
allowed=$((k + 1))
echo "$n"
queries=0
while true; do
  if ! read -r guess; then echo "the program ended before finding the number" >&2; exit 1; fi
  queries=$((queries + 1))
  [[ $guess =~ ^-?[0-9]{1,18}$ ]] || { echo "not a number" >&2; exit 1; }
  if (( queries > allowed )); then echo "more than $allowed guesses" >&2; exit 1; fi
  if (( guess == x )); then echo "="; echo "found $x in $queries guesses" >&2; exit 0; fi
  if (( guess > x )); then echo "<"; else echo ">"; fi
done
