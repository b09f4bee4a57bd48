name = $stdin.read.strip
name = "world" if name.empty?
puts "Hello, #{name}! from Ruby #{RUBY_VERSION} in a WebAssembly sandbox"
