/* Included first into SQLite's amalgamation for wasm32-wasi (build-cpython.sh). wasi-libc has no file locks, owners
   or permission bits; a guest is one process alone in its sandbox, so a lock is always granted and changing an
   owner or a mode does nothing, which is what SQLite's unix VFS then sees. */
#include <fcntl.h> /* its struct flock, without the lock commands */
#include <sys/types.h>

#define F_RDLCK 0x7f01
#define F_WRLCK 0x7f02
#define F_UNLCK 0x7f03
#define F_GETLK 0x7f04
#define F_SETLK 0x7f05
#define F_SETLKW 0x7f06


int sqlite_wasi_fcntl(int fd, int command, ...);
#define fcntl sqlite_wasi_fcntl

static inline int fchmod(int fd, mode_t mode) { (void)fd; (void)mode; return 0; }
static inline int fchown(int fd, uid_t owner, gid_t group) { (void)fd; (void)owner; (void)group; return 0; }
static inline uid_t geteuid(void) { return 0; }
