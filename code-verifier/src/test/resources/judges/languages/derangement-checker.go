// testlib protocol without testlib: checker <input> <output> <answer>; 0 accepted, 1 wrong answer.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}

func main() {
	input, _ := os.ReadFile(os.Args[1])
	n, _ := strconv.Atoi(strings.Fields(string(input))[0])
	output, _ := os.ReadFile(os.Args[2])
	tokens := strings.Fields(string(output))
	if len(tokens) != n {
		fail(fmt.Sprintf("expected %d numbers, got %d", n, len(tokens)))
	}
	seen := make([]bool, n+1)
	for i, token := range tokens {
		v, err := strconv.Atoi(token)
		if err != nil {
			fail("not an integer: " + token)
		}
		if v < 1 || v > n || seen[v] {
			fail("not a permutation")
		}
		if v == i+1 {
			fail(fmt.Sprintf("fixed point at %d", v))
		}
		seen[v] = true
	}
	fmt.Fprintf(os.Stderr, "a derangement of %d\n", n)
}
