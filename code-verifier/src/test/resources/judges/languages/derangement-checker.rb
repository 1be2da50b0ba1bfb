# testlib protocol without testlib: checker <input> <output> <answer>; 0 accepted, 1 wrong answer.
def fail(message)
  warn message
  exit 1
end

n = File.read(ARGV[0]).split.first.to_i
tokens = File.binread(ARGV[1]).split
fail("expected #{n} numbers, got #{tokens.size}") unless tokens.size == n
seen = {}
tokens.each_with_index do |token, i|
  fail("not an integer: #{token}") unless token.match?(/\A[0-9]+\z/)
  v = token.to_i
  fail('not a permutation') if v < 1 || v > n || seen[v]
  fail("fixed point at #{v}") if v == i + 1
  seen[v] = true
end
warn "a derangement of #{n}"
exit 0
