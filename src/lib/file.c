/*
 * Whole-file writes (see file.h): mkstemp beside the target, which gives
 * mode 0600 and a name on the same file system, so rename is atomic.
 */
#include <errno.h>
#include <unistd.h>
#include "lib/buf.h"
#include "lib/file.h"

int file_write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	struct buf tmp = BUF_INIT;
	const char *p = data;
	int fd, r = 0, saved;

	buf_printf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		saved = errno;
		buf_release(&tmp);
		return err_set(e, ERR_IO, "file", "เขียนแฟ้ม %s ไม่ได้: %s", "cannot write %s: %s",
			       path, strerror(saved));
	}
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp.ptr, path))
		goto fail;
	buf_release(&tmp);
	return 0;
fail:
	saved = errno ? errno : EIO;
	if (fd >= 0)
		close(fd);
	unlink(tmp.ptr);
	buf_release(&tmp);
	r = err_set(e, ERR_IO, "file", "เขียนแฟ้ม %s ไม่ได้: %s", "cannot write %s: %s", path,
		    strerror(saved));
	return r;
}
