// shape.cc: views, indexing, joining and splitting, device and dtype moves.
#include "internal.h"

using sst::T;

extern "C" {

sst_status sst_view(sst_tensor t, const int64_t *shape, int ndim, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).view(sst::dims(shape, ndim))); SST_CATCH
}

sst_status sst_reshape(sst_tensor t, const int64_t *shape, int ndim, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).reshape(sst::dims(shape, ndim))); SST_CATCH
}

sst_status sst_expand(sst_tensor t, const int64_t *shape, int ndim, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).expand(sst::dims(shape, ndim))); SST_CATCH
}

sst_status sst_repeat(sst_tensor t, const int64_t *reps, int ndim, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).repeat(sst::dims(reps, ndim))); SST_CATCH
}

sst_status sst_permute(sst_tensor t, const int64_t *d, int ndim, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).permute(sst::dims(d, ndim))); SST_CATCH
}

sst_status sst_transpose(sst_tensor t, int64_t d0, int64_t d1, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).transpose(d0, d1)); SST_CATCH
}

sst_status sst_contiguous(sst_tensor t, int f, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).contiguous(sst::memory_format(f))); SST_CATCH
}

sst_status sst_narrow(sst_tensor t, int64_t dim, int64_t start, int64_t len, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).narrow(dim, start, len)); SST_CATCH
}

sst_status sst_slice(sst_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step,
                     sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).slice(dim, start, end, step)); SST_CATCH
}

sst_status sst_select(sst_tensor t, int64_t dim, int64_t index, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).select(dim, index)); SST_CATCH
}

sst_status sst_index_select(sst_tensor t, int64_t dim, sst_tensor index, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).index_select(dim, T(index))); SST_CATCH
}

sst_status sst_gather(sst_tensor t, int64_t dim, sst_tensor index, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).gather(dim, T(index))); SST_CATCH
}

sst_status sst_scatter(sst_tensor t, int64_t dim, sst_tensor index, sst_tensor src,
                       double value, int inplace, sst_tensor *out) {
  SST_TRY
  auto &self = T(t);
  if (inplace) {
    if (src) self.scatter_(dim, T(index), T(src));
    else self.scatter_(dim, T(index), value);
    return sst::ok();
  }
  if (src) SST_RETURN(self.scatter(dim, T(index), T(src)));
  SST_RETURN(self.scatter(dim, T(index), value));
  SST_CATCH
}

sst_status sst_masked_fill(sst_tensor t, sst_tensor mask, double value, int inplace,
                           sst_tensor *out) {
  SST_TRY
  if (inplace) {
    T(t).masked_fill_(T(mask), value);
    return sst::ok();
  }
  SST_RETURN(T(t).masked_fill(T(mask), value));
  SST_CATCH
}

sst_status sst_where(sst_tensor cond, sst_tensor a, sst_tensor b, sst_tensor *out) {
  SST_TRY SST_RETURN(at::where(T(cond), T(a), T(b))); SST_CATCH
}

sst_status sst_cat(const sst_tensor *ts, int n, int64_t dim, sst_tensor *out) {
  SST_TRY SST_RETURN(at::cat(sst::list(ts, n), dim)); SST_CATCH
}

sst_status sst_stack(const sst_tensor *ts, int n, int64_t dim, sst_tensor *out) {
  SST_TRY SST_RETURN(at::stack(sst::list(ts, n), dim)); SST_CATCH
}

sst_status sst_chunk(sst_tensor t, int64_t chunks, int64_t dim, sst_tensor **outs, int *n) {
  SST_TRY
  *outs = sst::box_all(T(t).chunk(chunks, dim), n);
  return sst::ok();
  SST_CATCH
}

sst_status sst_split(sst_tensor t, const int64_t *sizes, int nsizes, int64_t dim,
                     sst_tensor **outs, int *n) {
  SST_TRY
  // One size splits into equal pieces (the last may be smaller), as
  // torch.split(t, int); several are the exact sizes, as torch.split(t, list).
  auto parts = nsizes == 1 ? T(t).split(sizes[0], dim)
                           : T(t).split_with_sizes(sst::dims(sizes, nsizes), dim);
  *outs = sst::box_all(parts, n);
  return sst::ok();
  SST_CATCH
}

sst_status sst_flatten(sst_tensor t, int64_t start, int64_t end, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).flatten(start, end)); SST_CATCH
}

sst_status sst_unsqueeze(sst_tensor t, int64_t dim, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).unsqueeze(dim)); SST_CATCH
}

sst_status sst_squeeze(sst_tensor t, int64_t dim, int all, sst_tensor *out) {
  SST_TRY SST_RETURN(all ? T(t).squeeze() : T(t).squeeze(dim)); SST_CATCH
}

sst_status sst_to(sst_tensor h, int device_type, int device_index, int dtype,
                  int non_blocking, int copy, int memory_format, sst_tensor *out) {
  SST_TRY
  auto &t = T(h);
  auto device = device_type < 0
                    ? t.device()
                    : at::Device(static_cast<at::DeviceType>(device_type),
                                 static_cast<c10::DeviceIndex>(device_index));
  auto type = dtype < 0 ? t.scalar_type() : static_cast<at::ScalarType>(dtype);
  SST_RETURN(t.to(device, type, non_blocking != 0, copy != 0,
                  sst::memory_format(memory_format)));
  SST_CATCH
}

sst_status sst_pin_memory(sst_tensor t, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).pin_memory()); SST_CATCH
}

sst_status sst_is_pinned(sst_tensor t, int *pinned) {
  SST_TRY
  *pinned = T(t).is_pinned() ? 1 : 0;
  return sst::ok();
  SST_CATCH
}

sst_status sst_clone(sst_tensor t, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).clone()); SST_CATCH
}

sst_status sst_detach(sst_tensor t, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t).detach()); SST_CATCH
}

sst_status sst_copy_(sst_tensor dst, sst_tensor src, int non_blocking) {
  SST_TRY
  T(dst).copy_(T(src), non_blocking != 0);
  return sst::ok();
  SST_CATCH
}

sst_status sst_alias(sst_tensor t, sst_tensor *out) {
  SST_TRY SST_RETURN(T(t)); SST_CATCH
}

}  // extern "C"
