n = gets.to_i
puts (1..n).map { |i| i % n + 1 }.join(' ')
