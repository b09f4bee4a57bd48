/* Pushes a limit, as its argument says: malloc until refused, memory.grow until refused, an endless loop, an output
   flood, or a counted loop (for instruction budgets). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *volatile blocks;

int main(int argc, char **argv) {
    const char *how = argc > 1 ? argv[1] : "";
    if (strcmp(how, "malloc") == 0) {
        size_t total = 0;
        for (;;) {
            char *block = malloc(1 << 20);
            if (!block) {
                fprintf(stderr, "malloc refused after %zu MiB\n", total >> 20);
                return 1;
            }
            memset(block, 1, 1 << 20);
            /* Kept in a list that escapes, or the compiler may drop an allocation nothing reads. */
            *(char **)block = blocks;
            blocks = block;
            total += 1 << 20;
        }
    } else if (strcmp(how, "grow") == 0) {
        for (;;) {
            if (__builtin_wasm_memory_grow(0, 16) == (size_t)-1) {
                abort();
            }
        }
    } else if (strcmp(how, "loop") == 0) {
        volatile unsigned long spins = 0;
        for (;;) {
            spins++;
        }
    } else if (strcmp(how, "flood") == 0) {
        for (;;) {
            fputs("flood flood flood flood flood flood flood flood flood flood\n", stdout);
        }
    } else if (strcmp(how, "count") == 0) {
        volatile unsigned long sum = 0;
        for (unsigned long i = 0; i < strtoul(argv[2], NULL, 10); i++) {
            sum += i;
        }
        printf("%lu\n", sum);
    }
    return 0;
}
