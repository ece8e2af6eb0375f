// Thread naming for the threads the suite starts itself (the bus's and the Redis client's connections).
#ifndef SEED_CTHREADNAME_SHIM_H
#define SEED_CTHREADNAME_SHIM_H

#include <pthread.h>

/// Names the calling thread as `top -H`, `perf` and debuggers show it (at most 15 bytes; a longer name
/// is refused with ERANGE). glibc declares `pthread_setname_np` only under `_GNU_SOURCE`, which Swift's
/// Glibc module does not define, so it is declared here. Returns 0 or an errno value.
static inline int seed_name_this_thread(const char *name) {
    extern int pthread_setname_np(pthread_t thread, const char *name);
    return pthread_setname_np(pthread_self(), name);
}

#endif
