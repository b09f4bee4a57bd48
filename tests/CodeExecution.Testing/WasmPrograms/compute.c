/* CPU-bound work for the benchmark: a sieve of primes below N and an insertion-sorted checksum; prints the results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 2000000;
    char *composite = calloc(n, 1);
    unsigned primes = 0;
    unsigned long long sum = 0;
    for (unsigned i = 2; i < n; i++) {
        if (!composite[i]) {
            primes++;
            sum += i;
            for (unsigned long long j = (unsigned long long)i * i; j < n; j += i) {
                composite[j] = 1;
            }
        }
    }
    unsigned values[4000];
    unsigned state = 12345;
    for (int i = 0; i < 4000; i++) {
        state = state * 1103515245u + 12345u;
        unsigned value = state >> 8;
        int j = i;
        while (j > 0 && values[j - 1] > value) {
            values[j] = values[j - 1];
            j--;
        }
        values[j] = value;
    }
    printf("%u primes below %u, sum %llu, median %u\n", primes, n, sum, values[2000]);
    free(composite);
    return 0;
}
