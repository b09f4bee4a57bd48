/* Copies stdin to stdout, byte for byte: a program whose output the test chooses. */
#include <stdio.h>

int main(void) {
    int c;
    while ((c = getchar()) != EOF) {
        putchar(c);
    }
    return 0;
}
