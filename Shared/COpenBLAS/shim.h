// Swift view of OpenBLAS (Debian's libopenblas-dev): the CBLAS interface (`cblas_sgemm`, ...) and
// OpenBLAS's own thread controls (`openblas_set_num_threads`, `openblas_get_num_threads`).
#ifndef SEED_COPENBLAS_SHIM_H
#define SEED_COPENBLAS_SHIM_H

#include <cblas.h>

#endif
