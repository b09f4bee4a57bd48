/* The README's example program, prog.c: prints its arguments after argv[0], then its stdin with each line numbered. */
#include <stdio.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        printf("arg %d: %s\n", i, argv[i]);
    }
    char line[4096];
    int number = 0;
    while (fgets(line, sizeof line, stdin)) {
        printf("%d: %s", ++number, line);
    }
    return 0;
}
