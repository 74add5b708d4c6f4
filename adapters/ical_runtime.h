/* ical_runtime.h - process-wide libical state, for main() alone. */
#ifndef RK_ICAL_RUNTIME_H
#define RK_ICAL_RUNTIME_H

/* Makes libical report errors instead of aborting the process. */
void rk_ical_global_init(void);
/* Frees libical's caches (built-in time zones, its string ring), so that
 * valgrind sees no leaks at exit. */
void rk_ical_global_cleanup(void);

#endif
