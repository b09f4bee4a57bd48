/* Reads stdin line by line and writes each back numbered, then a summary: the reference for stdin and stdout. */
#include <stdio.h>
#include <string.h>

int main(void) {
    char line[4096];
    int lines = 0;
    size_t bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        lines++;
        bytes += strlen(line);
        printf("%3d| %s", lines, line);
    }
    printf("\n%d lines, %zu bytes, %.3f per line\n", lines, bytes, lines ? (double)bytes / lines : 0.0);
    return 0;
}
