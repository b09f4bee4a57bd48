# What Ruby evaluates once it has started (ruby-init, as `ruby -e_=0`), before any program: once for the snapshot
# every execution starts from, or at the start of a cold one. It defines CodeExecutionSandbox, whose run method
# each execution calls (see RubyRequestEncoding.cs) with its request: it takes itself out of the program's sight,
# reseeds what is random (a snapshot is shared), sets up ARGV, $0, the environment and the working directory, and
# runs the program as `ruby main.rb` would:
# - the program is evaluated at the top level (TOPLEVEL_BINDING) under its file name, so its frames read
#   "main.rb:1:in '<main>'";
# - exit, exit!, abort and an uncaught exception end it with Ruby's exit status and messages; at_exit blocks run
#   (last registered first) before an uncaught exception is reported, as ruby runs them;
# - stdout stays buffered as on a pipe and is flushed at the end (so `exit!` drops what is unflushed, as natively);
#   stderr is unbuffered.
# The run ends with Process.exit!(status), which is WASI's proc_exit: the host reads the status from it.
module CodeExecutionSandbox
  # This file's path in backtraces (RubyInterpreter.cs evaluates it under it), and that of the string each execution
  # evaluates to call run: frames with either are the sandbox's, below all of the program's, and never shown with an
  # uncaught exception.
  OWN_PATHS = ["<codeexec-sandbox>", "eval"].freeze

  # How a run ends, whatever the program redefines: WASI's proc_exit, with nothing flushed or run on the way.
  EXIT = Process.method(:exit!)

  class << self
    def run(code, file, directory, args, env)
      status = 1
      Object.send(:remove_const, :CodeExecutionSandbox)
      srand
      Dir.chdir(directory) unless directory.empty?
      env.each { |name, value| ENV[name] = value }
      ARGV.replace(args)
      $0 = file
      status = execute(code, file)
    ensure
      # Also when reporting failed (a program that replaced $stderr with something that cannot write): the run
      # still ends with a status, never back in the host.
      flush
      EXIT.call(status)
    end

    # Kernel#at_exit and Kernel.at_exit keep their blocks here: the interpreter never ends (it is a reactor), so
    # they run when the program does.
    def install_exit_handlers
      handlers = @exit_handlers = []
      at_exit = proc do |&block|
        raise ArgumentError, "called without a block" unless block
        handlers << block
        block
      end
      Kernel.define_method(:at_exit, &at_exit)
      Kernel.send(:private, :at_exit)
      Kernel.define_singleton_method(:at_exit, &at_exit)
    end

    private

    # Runs the program and its at_exit blocks; its exit status.
    def execute(code, file)
      TOPLEVEL_BINDING.eval(code, file, 1)
      finish(0)
    rescue SystemExit => e
      finish(e.status)
    rescue Exception => e
      status = finish(1)
      report(e) if status == 1
      status
    end

    # Runs the at_exit blocks, last registered first, with $! still the exception that ended the program; an exit
    # in one sets the status, an exception in one is reported and makes it 1.
    def finish(status)
      while (handler = @exit_handlers.pop)
        begin
          handler.call
        rescue SystemExit => e
          status = e.status
        rescue Exception => e
          report(e)
          status = 1
        end
      end
      status
    end

    # Prints an uncaught exception as ruby does, without the sandbox's frames below the program's.
    def report(exception)
      locations = exception.backtrace_locations
      first_own = locations&.index { |location| OWN_PATHS.include?(location.path) }
      if first_own == 0 && exception.is_a?(SyntaxError)
        # The program did not compile: ruby names itself, then the parser's message (which has the location).
        return $stderr.write("ruby: #{exception.detailed_message(highlight: false)}")
      end
      exception.set_backtrace(locations.first(first_own)) if first_own&.positive?
      $stderr.write(exception.full_message(highlight: false, order: :top))
    rescue Exception
      $stderr.write("#{exception.class}\n")
    end

    def flush
      $stdout.flush
      $stderr.flush
    rescue Exception
      nil
    end

    # A WASI program cannot start processes, but ruby.wasm's system and spawn answer as if one ran, and backticks
    # and IO.popen fail with a confusing ArgumentError: each raises what fork raises here instead.
    def refuse_processes
      refuse = proc do |name|
        raise NotImplementedError, "#{name}() function is unimplemented on this machine", caller_locations(2)
      end
      %i[system spawn exec `].each do |name|
        Kernel.define_method(name) { |*, **| refuse.call(name) }
        Kernel.send(:private, name)
        Kernel.define_singleton_method(name) { |*, **| refuse.call(name) }
      end
      %i[spawn exec].each { |name| Process.define_singleton_method(name) { |*, **| refuse.call(name) } }
      IO.define_singleton_method(:popen) { |*, **| refuse.call(:popen) }
    end
  end

  install_exit_handlers
  refuse_processes
end

GC.start
