/* Reads /sandbox/input.txt, writes its lines reversed to /sandbox/out/reversed.txt, and lists /sandbox. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    FILE *in = fopen("/sandbox/input.txt", "r");
    if (!in) {
        perror("/sandbox/input.txt");
        return 2;
    }
    char lines[64][256];
    int count = 0;
    while (count < 64 && fgets(lines[count], sizeof lines[count], in)) {
        count++;
    }
    fclose(in);
    mkdir("/sandbox/out", 0755);
    if (chdir("/sandbox/out") != 0) {
        perror("chdir");
        return 3;
    }
    FILE *out = fopen("reversed.txt", "w");
    for (int i = count - 1; i >= 0; i--) {
        fputs(lines[i], out);
    }
    fclose(out);
    DIR *directory = opendir("/sandbox");
    int entries = 0;
    for (struct dirent *entry; (entry = readdir(directory));) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
            entries++;
        }
    }
    closedir(directory);
    printf("%d lines reversed, %d entries in /sandbox\n", count, entries);
    return 0;
}
