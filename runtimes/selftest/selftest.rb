word = $stdin.read.strip
puts "ruby self-test ok: #{word} #{(0...7).sum * 2}"
