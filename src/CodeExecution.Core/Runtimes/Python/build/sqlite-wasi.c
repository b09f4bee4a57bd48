/* The fcntl SQLite's unix VFS calls on wasm32-wasi (see sqlite-wasi.h): locks are granted, a lock query finds none,
   every other command is wasi-libc's own. */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>

#define F_UNLCK 0x7f03
#define F_GETLK 0x7f04
#define F_SETLK 0x7f05
#define F_SETLKW 0x7f06


int sqlite_wasi_fcntl(int fd, int command, ...) {
    va_list args;
    va_start(args, command);
    void *argument = va_arg(args, void *);
    va_end(args);
    switch (command) {
    case F_GETLK:
        ((struct flock *)argument)->l_type = F_UNLCK;
        return 0;
    case F_SETLK:
    case F_SETLKW:
        return 0;
    default:
        return fcntl(fd, command, (int)(long)argument);
    }
}
