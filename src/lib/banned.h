/*
 * Unsafe or clock-dependent libc calls that Sawat code must not use. Included
 * last by lib/util.h, so any use becomes a compile error that names the
 * replacement. Idea from git's banned.h.
 */
#ifndef SAWAT_BANNED_H
#define SAWAT_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_sawat

#undef strcpy
#define strcpy(x, y) BANNED(strcpy) /* use buf_puts or memcpy with a length */
#undef strcat
#define strcat(x, y) BANNED(strcat) /* use buf_puts */
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf) /* use buf_printf or snprintf */
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime) /* use gmtime_r */
#undef localtime
#define localtime(t) BANNED(localtime) /* use localtime_r */
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef gets
#define gets(x) BANNED(gets)

#endif
