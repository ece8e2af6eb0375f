// Swift view of hiredis (Debian's libhiredis-dev). Commands go through
// `redisCommandArgv` / `redisAppendCommandArgv`: `redisCommand` is C-variadic.
#ifndef SEED_CHIREDIS_SHIM_H
#define SEED_CHIREDIS_SHIM_H

#include <hiredis/hiredis.h>

#endif
