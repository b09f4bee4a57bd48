/* A module of over 4 MiB: a constant table of non-zero bytes (a range designator, so the source stays small), which
   the linker keeps whole as a data segment; well within limits.maxModuleSize's 10 MiB. */
#include <stdio.h>

static const unsigned char table[4u << 20] = {[0 ...(4u << 20) - 2] = 7, [(4u << 20) - 1] = 35};

/* Read through a volatile pointer, so the compiler cannot fold the sum and drop the table. */
static const unsigned char *volatile reader = table;

int main(void) {
    printf("%d\n", reader[0] + reader[sizeof table - 1]);
    return 0;
}
