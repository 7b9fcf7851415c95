/*
 * shim.h: the plain-C ABI between Go and libtorch.
 *
 * Every entry point is noexcept: C++ exceptions are caught inside and
 * returned as an error string in sst_status. A tensor handle (sst_tensor) is
 * an opaque pointer to a heap-allocated at::Tensor owned by the caller, freed
 * with sst_tensor_free. Functions that create tensors write them to *out and
 * report, in sst_status.scope, the scope token current on the calling thread,
 * so the caller registers the new tensor in that scope from the same call.
 */
#ifndef SELFSUP_SHIM_H
#define SELFSUP_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SST_ABI_VERSION changes whenever a declaration in these headers changes
 * incompatibly; the Go side refuses a shim of another version at start. */
#define SST_ABI_VERSION 1

typedef struct sst_tensor_s *sst_tensor;

/* sst_status is what every call returns: err is NULL on success, otherwise a
 * malloc'd message (free it with sst_free); scope is the calling thread's
 * current scope token (0 when none). */
typedef struct {
  char *err;
  uintptr_t scope;
} sst_status;

void sst_free(void *p);

/* Build and runtime facts. */
int sst_abi_version(void);
/* Writes e.g. "1.13.0" (libtorch's TORCH_VERSION) into buf. */
void sst_torch_version(char *buf, int n);
/* 1 if the shim was built with the C++11 std::string ABI. */
int sst_cxx11_abi(void);
int sst_cuda_available(void);
int sst_cuda_device_count(void);
int sst_get_num_threads(void);
sst_status sst_set_num_threads(int n);
int sst_get_num_interop_threads(void);

/* Scopes: a token per OS thread, set and restored by the Go side. */
uintptr_t sst_scope_swap(uintptr_t token);

/* Lifetime. */
void sst_tensor_free(sst_tensor t);
void sst_tensor_free_many(sst_tensor *ts, int n);
/* The number of handles made and not yet freed, for leak tests. */
int64_t sst_live_tensors(void);

#include "shim_tensor.h"
#include "shim_math.h"
#include "shim_nn.h"

#ifdef __cplusplus
}
#endif

#endif
