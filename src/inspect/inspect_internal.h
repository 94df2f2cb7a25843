#ifndef GLINT_INSPECT_INTERNAL_H
#define GLINT_INSPECT_INTERNAL_H

/* Shared inside inspect only. */

/* A monotonic clock in seconds, for the timings. */
double inspect_seconds_now(void);

#endif
