/* Adds the two numbers on stdin, or misbehaves as its input asks (loop, mem, out, fail): a program to grade. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *volatile kept;

int main(void) {
    char first[64] = "", second[64] = "";
    if (scanf("%63s %63s", first, second) < 1) {
        return 2;
    }
    if (strcmp(first, "loop") == 0) {
        for (volatile int spin = 0;; spin++) {
        }
    } else if (strcmp(first, "mem") == 0) {
        for (;;) {
            char *block = malloc(4 << 20);
            if (!block) {
                return 1;
            }
            memset(block, 1, 4 << 20);
            *(char **)block = kept;
            kept = block;
        }
    } else if (strcmp(first, "out") == 0) {
        for (;;) {
            puts("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        }
    } else if (strcmp(first, "fail") == 0) {
        return 3;
    }
    printf("%ld\n", strtol(first, NULL, 10) + strtol(second, NULL, 10));
    return 0;
}
