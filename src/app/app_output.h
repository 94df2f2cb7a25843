#ifndef GLINT_APP_OUTPUT_H
#define GLINT_APP_OUTPUT_H

/* Checking an output before any rendering, so that a run that cannot write
 * its file says why at once instead of after minutes of work. */

#include "core/core_result.h"

#include <stdbool.h>

/* `path`, given with `flag`, as it will be written: an empty name
 * (CORE_ERR_ARGUMENT, naming the flag), an existing file without `overwrite`
 * (CORE_ERR_EXISTS, saying to pass --overwrite), a directory, FIFO or device
 * (whatever `overwrite` says), a missing or unwritable folder (CORE_ERR_IO). */
core_result app_output_check(const char *flag, const char *path, bool overwrite);
/* Whether writing may ask before replacing (app_write_png does, on a terminal),
 * so that an existing file is left for that question rather than refused. */
bool app_output_may_ask(void);
/* Reports a failed check and returns its exit code: 2 for an empty name,
 * else 4. */
int app_output_exit(core_result result);

#endif
