/*
 * Writing a whole file at once, for exports and documents the command line
 * saves: the bytes go to a temporary file beside the target (mode 0600, as
 * exports hold personal data), are flushed to disk, and the file is renamed
 * into place, so the target appears whole or not at all and an existing
 * file is replaced only by a complete one.
 */
#ifndef SAWAT_FILE_H
#define SAWAT_FILE_H

#include "lib/err.h"

/*
 * Writes len bytes at data to path as above. Returns 0, or ERR_IO (the
 * message names the path and the system's reason) with nothing left
 * behind: no temporary file, and any old file at path unchanged.
 */
int file_write_atomic(const char *path, const void *data, size_t len, struct err *e);

#endif
