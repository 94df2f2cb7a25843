#ifndef GLINT_CORE_TIME_H
#define GLINT_CORE_TIME_H

/* Seconds on a monotonic clock: for durations (progress, frame times, the
 * detector's timing), never for dates. */
double core_seconds(void);

#endif
