// internal.h: what every shim translation unit shares. Only ATen headers:
// torch/torch.h would cost ~25 s of compile time per file.
#pragma once

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "shim.h"

struct sst_tensor_s {
  at::Tensor t;
};

namespace sst {

// The scope token of the calling thread; see sst_scope_swap. Initial-exec:
// the shim is loaded with the program, and every call reads this, so it
// should cost a plain TLS load, not a __tls_get_addr call.
extern thread_local uintptr_t scope_token __attribute__((tls_model("initial-exec")));

// The number of live handles, for leak tests (sst_live_tensors).
extern std::atomic<int64_t> live_handles;

inline sst_status ok() { return {nullptr, scope_token}; }

inline sst_status fail(const char *msg) {
  return {strdup(msg), scope_token};
}

// T dereferences a handle; a null handle is a caller bug reported as an error.
inline at::Tensor &T(sst_tensor t) {
  if (t == nullptr) throw std::invalid_argument("null tensor handle");
  return t->t;
}

// Opt maps a possibly-null handle onto an optional tensor argument.
inline c10::optional<at::Tensor> Opt(sst_tensor t) {
  if (t == nullptr) return c10::nullopt;
  return t->t;
}

inline sst_tensor box(at::Tensor t) {
  live_handles.fetch_add(1, std::memory_order_relaxed);
  return new sst_tensor_s{std::move(t)};
}

inline at::IntArrayRef dims(const int64_t *d, int n) {
  return at::IntArrayRef(d, static_cast<size_t>(n));
}

inline std::vector<at::Tensor> list(const sst_tensor *ts, int n) {
  std::vector<at::Tensor> v;
  v.reserve(n);
  for (int i = 0; i < n; i++) v.push_back(T(ts[i]));
  return v;
}

inline at::TensorOptions options(const sst_options &o) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(o.dtype))
      .device(at::Device(static_cast<at::DeviceType>(o.device_type),
                         static_cast<c10::DeviceIndex>(o.device_index)))
      .pinned_memory(o.pin_memory != 0);
}

// leaf applies requires_grad after creation: ATen's factories, unlike the
// torch:: ones, ignore it in TensorOptions.
inline at::Tensor leaf(at::Tensor t, const sst_options &o) {
  if (o.requires_grad) t.requires_grad_(true);
  return t;
}

inline at::MemoryFormat memory_format(int f) {
  switch (f) {
    case 0: return at::MemoryFormat::Contiguous;
    case 1: return at::MemoryFormat::ChannelsLast;
    case 2: return at::MemoryFormat::Preserve;
  }
  throw std::invalid_argument("unknown memory format " + std::to_string(f));
}

// A malloc'd array of boxed tensors, for ops with a variable number of results.
inline sst_tensor *box_all(const std::vector<at::Tensor> &v, int *n) {
  auto out = static_cast<sst_tensor *>(malloc(sizeof(sst_tensor) * (v.size() ? v.size() : 1)));
  for (size_t i = 0; i < v.size(); i++) out[i] = box(v[i]);
  *n = static_cast<int>(v.size());
  return out;
}

}  // namespace sst

// SST_TRY / SST_CATCH wrap every entry point: no exception crosses into Go.
// c10::Error's message is taken without its C++ backtrace.
#define SST_TRY try {
#define SST_CATCH                                                  \
  }                                                                \
  catch (const c10::Error &e) {                                    \
    return sst::fail(e.what_without_backtrace());                  \
  }                                                                \
  catch (const std::exception &e) {                                \
    return sst::fail(e.what());                                    \
  }                                                                \
  catch (...) {                                                    \
    return sst::fail("unknown C++ exception");                     \
  }

// SST_RETURN boxes a result into *out and reports success.
#define SST_RETURN(expr)      \
  do {                        \
    *out = sst::box(expr);    \
    return sst::ok();         \
  } while (0)
