#ifndef GLINT_CORE_TIME_H
#define GLINT_CORE_TIME_H

#include <stdbool.h>

/* Seconds on a monotonic clock: for durations (progress, frame times, the
 * detector's timing), never for dates. */
double core_seconds(void);

/* True when GLINT_SERIAL is set to anything but "" or "0": batch commands then
 * do every step on the main thread, one after the other (no rendering while
 * the detector runs, no PNG written while the next frame renders). The output
 * is the same either way; tests compare the two. */
bool core_serial(void);

#endif
