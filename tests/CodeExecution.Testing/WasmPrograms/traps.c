/* Ends the way its argument says: a trap (unreachable, out-of-bounds access, stack overflow, C's stack running
   out of linear memory, division by zero),
   abort(), or exit(n) after writing some output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile unsigned calls;

/* Recursion on the wasm stack itself: no local lives in linear memory, and work after the call keeps it a call. */
static int depth(int n) {
    calls++;
    if (calls == 0) {
        return n;
    }
    int deeper = depth(n + 1);
    calls += (unsigned)deeper;
    return deeper;
}

/* Recursion with arrays on C's own stack, which lives in linear memory below the data: it runs off the bottom. */
static int frames(int n) {
    volatile char frame[4096];
    frame[n % 4096] = (char)n;
    return frames(n + 1) + frame[0];
}

int main(int argc, char **argv) {
    const char *how = argc > 1 ? argv[1] : "";
    printf("before %s\n", how);
    fflush(stdout);
    if (strcmp(how, "unreachable") == 0) {
        __builtin_trap();
    } else if (strcmp(how, "bounds") == 0) {
        volatile int *far = (int *)0x7ffffff0;
        return *far;
    } else if (strcmp(how, "stack") == 0) {
        return depth(0);
    } else if (strcmp(how, "frames") == 0) {
        return frames(0);
    } else if (strcmp(how, "divide") == 0) {
        volatile int zero = 0;
        return 10 / zero;
    } else if (strcmp(how, "abort") == 0) {
        abort();
    } else if (strcmp(how, "exit") == 0) {
        exit(atoi(argv[2]));
    }
    return 0;
}
