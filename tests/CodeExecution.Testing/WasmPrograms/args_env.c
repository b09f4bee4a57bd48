/* Prints its arguments and environment, and exits with the code its first argument names. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    int variables = 0;
    for (char **entry = environ; *entry; entry++) {
        printf("env %s\n", *entry);
        variables++;
    }
    printf("%d variables\n", variables);
    fprintf(stderr, "exiting with %s\n", argc > 1 ? argv[1] : "0");
    return argc > 1 ? atoi(argv[1]) : 0;
}
