// core.cc: build facts, threads, scopes, lifetime, creation, host copies,
// metadata, autograd and random state.
#include <ATen/Parallel.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/api/include/torch/version.h>

#include <mutex>
#include <sstream>

#include "internal.h"

using sst::T;

namespace sst {
thread_local uintptr_t scope_token __attribute__((tls_model("initial-exec"))) = 0;
std::atomic<int64_t> live_handles{0};
}

extern "C" {

void sst_free(void *p) { free(p); }

int sst_abi_version(void) { return SST_ABI_VERSION; }

void sst_torch_version(char *buf, int n) { snprintf(buf, n, "%s", TORCH_VERSION); }

int sst_cxx11_abi(void) { return _GLIBCXX_USE_CXX11_ABI; }

int sst_cuda_available(void) {
  try {
    return at::detail::getCUDAHooks().hasCUDA() ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

int sst_cuda_device_count(void) {
  try {
    return sst_cuda_available() ? at::detail::getCUDAHooks().getNumGPUs() : 0;
  } catch (...) {
    return 0;
  }
}

int sst_get_num_threads(void) {
  try {
    return at::get_num_threads();
  } catch (...) {
    return -1;
  }
}
sst_status sst_set_num_threads(int n) {
  SST_TRY
  at::set_num_threads(n);
  return sst::ok();
  SST_CATCH
}
int sst_get_num_interop_threads(void) {
  try {
    return at::get_num_interop_threads();
  } catch (...) {
    return -1;
  }
}

uintptr_t sst_scope_swap(uintptr_t token) {
  uintptr_t prev = sst::scope_token;
  sst::scope_token = token;
  return prev;
}

void sst_tensor_free(sst_tensor t) {
  if (t == nullptr) return;
  sst::live_handles.fetch_sub(1, std::memory_order_relaxed);
  delete t;
}

void sst_tensor_free_many(sst_tensor *ts, int n) {
  for (int i = 0; i < n; i++) sst_tensor_free(ts[i]);
}

int64_t sst_live_tensors(void) { return sst::live_handles.load(std::memory_order_relaxed); }

sst_status sst_factory(int kind, const int64_t *shape, int ndim, double fill,
                       sst_options o, sst_tensor *out) {
  SST_TRY
  auto size = sst::dims(shape, ndim);
  auto opts = sst::options(o);
  switch (kind) {
    case SST_EMPTY: SST_RETURN(sst::leaf(at::empty(size, opts), o));
    case SST_ZEROS: SST_RETURN(sst::leaf(at::zeros(size, opts), o));
    case SST_ONES: SST_RETURN(sst::leaf(at::ones(size, opts), o));
    case SST_FULL: SST_RETURN(sst::leaf(at::full(size, fill, opts), o));
    case SST_RAND: SST_RETURN(sst::leaf(at::rand(size, opts), o));
    case SST_RANDN: SST_RETURN(sst::leaf(at::randn(size, opts), o));
  }
  throw std::invalid_argument("unknown factory kind");
  SST_CATCH
}

sst_status sst_arange(double start, double end, double step, sst_options o,
                      sst_tensor *out) {
  SST_TRY
  auto opts = sst::options(o);
  at::Tensor t;
  if (at::isIntegralType(opts.dtype().toScalarType(), /*includeBool=*/false)) {
    t = at::arange(static_cast<int64_t>(start), static_cast<int64_t>(end),
                   static_cast<int64_t>(step), opts);
  } else {
    t = at::arange(start, end, step, opts);
  }
  SST_RETURN(sst::leaf(t, o));
  SST_CATCH
}

sst_status sst_linspace(double start, double end, int64_t steps, sst_options o,
                        sst_tensor *out) {
  SST_TRY
  SST_RETURN(sst::leaf(at::linspace(start, end, steps, sst::options(o)), o));
  SST_CATCH
}

sst_status sst_eye(int64_t n, int64_t m, sst_options o, sst_tensor *out) {
  SST_TRY
  SST_RETURN(sst::leaf(at::eye(n, m, sst::options(o)), o));
  SST_CATCH
}

sst_status sst_randint(int64_t low, int64_t high, const int64_t *shape, int ndim,
                       sst_options o, sst_tensor *out) {
  SST_TRY
  SST_RETURN(sst::leaf(at::randint(low, high, sst::dims(shape, ndim), sst::options(o)), o));
  SST_CATCH
}

sst_status sst_randperm(int64_t n, sst_options o, sst_tensor *out) {
  SST_TRY
  SST_RETURN(sst::leaf(at::randperm(n, sst::options(o)), o));
  SST_CATCH
}

sst_status sst_from_data(const void *data, int64_t nbytes, const int64_t *shape,
                         int ndim, int dtype, sst_tensor *out) {
  SST_TRY
  auto t = at::empty(sst::dims(shape, ndim), at::TensorOptions().dtype(
                                                 static_cast<at::ScalarType>(dtype)));
  int64_t want = t.numel() * static_cast<int64_t>(t.element_size());
  if (want != nbytes) {
    throw std::invalid_argument("from_data: shape " + c10::str(t.sizes()) + " needs " +
                                std::to_string(want) + " bytes, got " +
                                std::to_string(nbytes));
  }
  if (nbytes > 0) memcpy(t.data_ptr(), data, nbytes);
  SST_RETURN(t);
  SST_CATCH
}

sst_status sst_copy_to_host(sst_tensor h, void *dst, int64_t nbytes) {
  SST_TRY
  auto t = T(h).detach().to(at::kCPU).contiguous();
  int64_t have = t.numel() * static_cast<int64_t>(t.element_size());
  if (have != nbytes) {
    throw std::invalid_argument("copy_to_host: tensor holds " + std::to_string(have) +
                                " bytes, destination " + std::to_string(nbytes));
  }
  if (nbytes > 0) memcpy(dst, t.data_ptr(), nbytes);
  return sst::ok();
  SST_CATCH
}

sst_status sst_data_ptr(sst_tensor h, void **p) {
  SST_TRY
  auto &t = T(h);
  if (!t.device().is_cpu() || !t.is_contiguous()) {
    throw std::invalid_argument("data_ptr: want a contiguous CPU tensor, got one on " +
                                t.device().str() + (t.is_contiguous() ? "" : ", not contiguous"));
  }
  *p = t.data_ptr();
  return sst::ok();
  SST_CATCH
}

sst_status sst_copy_from_host(sst_tensor h, const void *src, int64_t nbytes) {
  SST_TRY
  auto &t = T(h);
  if (!t.device().is_cpu() || !t.is_contiguous()) {
    throw std::invalid_argument("copy_from_host: want a contiguous CPU tensor, got one on " +
                                t.device().str() + (t.is_contiguous() ? "" : ", not contiguous"));
  }
  int64_t have = t.numel() * static_cast<int64_t>(t.element_size());
  if (have != nbytes) {
    throw std::invalid_argument("copy_from_host: tensor holds " + std::to_string(have) +
                                " bytes, source " + std::to_string(nbytes));
  }
  if (nbytes > 0) memcpy(t.data_ptr(), src, nbytes);
  return sst::ok();
  SST_CATCH
}

sst_status sst_tensor_info(sst_tensor h, sst_info *info) {
  SST_TRY
  auto &t = T(h);
  memset(info, 0, sizeof(*info));
  info->defined = t.defined();
  if (!t.defined()) return sst::ok();
  if (t.dim() > SST_MAX_DIMS) throw std::invalid_argument("tensor has more than 16 dimensions");
  info->ndim = static_cast<int>(t.dim());
  info->dtype = static_cast<int>(t.scalar_type());
  info->device_type = static_cast<int>(t.device().type());
  info->device_index = t.device().index();
  info->requires_grad = t.requires_grad();
  info->is_contiguous = t.is_contiguous();
  info->is_leaf = t.is_leaf();
  info->numel = t.numel();
  for (int i = 0; i < info->ndim; i++) {
    info->sizes[i] = t.size(i);
    info->strides[i] = t.stride(i);
  }
  return sst::ok();
  SST_CATCH
}

sst_status sst_item_double(sst_tensor t, double *v) {
  SST_TRY
  *v = T(t).item<double>();
  return sst::ok();
  SST_CATCH
}

sst_status sst_item_int64(sst_tensor t, int64_t *v) {
  SST_TRY
  *v = T(t).item<int64_t>();
  return sst::ok();
  SST_CATCH
}

sst_status sst_to_string(sst_tensor t, char **s) {
  SST_TRY
  std::ostringstream os;
  os << T(t);
  *s = strdup(os.str().c_str());
  return sst::ok();
  SST_CATCH
}

sst_status sst_set_requires_grad(sst_tensor t, int requires_grad) {
  SST_TRY
  T(t).requires_grad_(requires_grad != 0);
  return sst::ok();
  SST_CATCH
}

sst_status sst_backward(sst_tensor t, sst_tensor grad, int retain_graph) {
  SST_TRY
  at::Tensor g;
  if (grad != nullptr) g = T(grad);
  T(t).backward(g, retain_graph != 0);
  return sst::ok();
  SST_CATCH
}

sst_status sst_grad(sst_tensor t, sst_tensor *out) {
  SST_TRY
  const auto &g = T(t).grad();
  *out = g.defined() ? sst::box(g) : nullptr;
  return sst::ok();
  SST_CATCH
}

sst_status sst_set_grad_none(sst_tensor t) {
  SST_TRY
  T(t).mutable_grad() = at::Tensor();
  return sst::ok();
  SST_CATCH
}

int sst_set_grad_enabled(int enabled) {
  bool prev = c10::GradMode::is_enabled();
  c10::GradMode::set_enabled(enabled != 0);
  return prev ? 1 : 0;
}

int sst_is_grad_enabled(void) { return c10::GradMode::is_enabled() ? 1 : 0; }

static at::Generator generator(int device_type, int device_index) {
  if (device_type == 0) return at::globalContext().defaultGenerator(at::kCPU);
  if (!sst_cuda_available()) throw std::runtime_error("CUDA is not available");
  if (device_index < 0) device_index = at::detail::getCUDAHooks().current_device();
  return at::globalContext().defaultGenerator(
      at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(device_index)));
}

sst_status sst_manual_seed(uint64_t seed) {
  SST_TRY
  int n = sst_cuda_device_count();
  for (int i = -1; i < n; i++) {
    auto gen = i < 0 ? generator(0, 0) : generator(1, i);
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_current_seed(seed);
  }
  return sst::ok();
  SST_CATCH
}

sst_status sst_get_rng_state(int device_type, int device_index, uint8_t **state,
                             int64_t *n) {
  SST_TRY
  auto gen = generator(device_type, device_index);
  at::Tensor s;
  {
    std::lock_guard<std::mutex> lock(gen.mutex());
    s = gen.get_state();
  }
  *n = s.numel();
  *state = static_cast<uint8_t *>(malloc(*n > 0 ? *n : 1));
  memcpy(*state, s.data_ptr(), *n);
  return sst::ok();
  SST_CATCH
}

sst_status sst_set_rng_state(int device_type, int device_index, const uint8_t *state,
                             int64_t n) {
  SST_TRY
  auto gen = generator(device_type, device_index);
  auto s = at::empty({n}, at::kByte);
  if (n > 0) memcpy(s.data_ptr(), state, n);
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(s);
  return sst::ok();
  SST_CATCH
}

}  // extern "C"
