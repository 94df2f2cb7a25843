#define _POSIX_C_SOURCE 200809L
#include "core/core_time.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

double core_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

bool core_serial(void)
{
    const char *serial = getenv("GLINT_SERIAL");
    return serial && serial[0] && strcmp(serial, "0") != 0;
}
