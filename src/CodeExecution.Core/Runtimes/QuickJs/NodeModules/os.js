// Node's os module as the sandbox is: one processor, no network interfaces, the user's home the sandbox directory.
// Nothing of the host machine shows through.
const signals = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
  SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16, SIGCONT: 18,
  SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27,
  SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
};

export function makeOs(process) {
  return {
    EOL: '\n',
    devNull: '/dev/null',
    arch: () => process.arch,
    machine: () => process.arch,
    platform: () => process.platform,
    type: () => 'Linux',
    release: () => '',
    version: () => '',
    hostname: () => 'sandbox',
    homedir: () => '/sandbox',
    tmpdir: () => '/tmp',
    endianness: () => 'LE',
    uptime: () => Math.floor(process.uptime()),
    loadavg: () => [0, 0, 0],
    cpus: () => [],
    availableParallelism: () => 1,
    totalmem: () => 0,
    freemem: () => 0,
    networkInterfaces: () => ({}),
    userInfo: () => ({ uid: -1, gid: -1, username: 'sandbox', homedir: '/sandbox', shell: null }),
    getPriority: () => 0,
    setPriority: () => {},
    constants: { signals, errno: {}, priority: {}, dlopen: {} },
  };
}
