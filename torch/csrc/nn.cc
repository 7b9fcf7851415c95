// nn.cc: torch.nn.functional on ATen.
#include "internal.h"

using sst::Opt;
using sst::T;

extern "C" {

sst_status sst_conv2d(sst_tensor x, sst_tensor w, sst_tensor b, const int64_t *stride,
                      const int64_t *padding, const int64_t *dilation, int64_t groups,
                      sst_tensor *out) {
  SST_TRY
  SST_RETURN(at::conv2d(T(x), T(w), Opt(b), sst::dims(stride, 2), sst::dims(padding, 2),
                        sst::dims(dilation, 2), groups));
  SST_CATCH
}

sst_status sst_batch_norm(sst_tensor x, sst_tensor w, sst_tensor b, sst_tensor rm,
                          sst_tensor rv, int training, double momentum, double eps,
                          sst_tensor *out) {
  SST_TRY
  SST_RETURN(at::batch_norm(T(x), Opt(w), Opt(b), Opt(rm), Opt(rv), training != 0, momentum,
                            eps, at::globalContext().userEnabledCuDNN()));
  SST_CATCH
}

sst_status sst_linear(sst_tensor x, sst_tensor w, sst_tensor b, sst_tensor *out) {
  SST_TRY SST_RETURN(at::linear(T(x), T(w), Opt(b))); SST_CATCH
}

sst_status sst_gelu(sst_tensor x, int approximate, sst_tensor *out) {
  SST_TRY SST_RETURN(at::gelu(T(x), approximate ? "tanh" : "none")); SST_CATCH
}

sst_status sst_max_pool2d(sst_tensor x, const int64_t *kernel, const int64_t *stride,
                          const int64_t *padding, const int64_t *dilation, int ceil_mode,
                          sst_tensor *out) {
  SST_TRY
  SST_RETURN(at::max_pool2d(T(x), sst::dims(kernel, 2), sst::dims(stride, 2),
                            sst::dims(padding, 2), sst::dims(dilation, 2), ceil_mode != 0));
  SST_CATCH
}

sst_status sst_avg_pool2d(sst_tensor x, const int64_t *kernel, const int64_t *stride,
                          const int64_t *padding, int ceil_mode, int count_include_pad,
                          sst_tensor *out) {
  SST_TRY
  SST_RETURN(at::avg_pool2d(T(x), sst::dims(kernel, 2), sst::dims(stride, 2),
                            sst::dims(padding, 2), ceil_mode != 0, count_include_pad != 0));
  SST_CATCH
}

sst_status sst_adaptive_avg_pool2d(sst_tensor x, const int64_t *size, sst_tensor *out) {
  SST_TRY SST_RETURN(at::adaptive_avg_pool2d(T(x), sst::dims(size, 2))); SST_CATCH
}

sst_status sst_dropout(sst_tensor x, double p, int training, int inplace, sst_tensor *out) {
  SST_TRY
  if (inplace) {
    at::dropout_(T(x), p, training != 0);
    return sst::ok();
  }
  SST_RETURN(at::dropout(T(x), p, training != 0));
  SST_CATCH
}

sst_status sst_softmax(sst_tensor x, int64_t dim, int is_log, sst_tensor *out) {
  SST_TRY
  SST_RETURN(is_log ? at::log_softmax(T(x), dim) : at::softmax(T(x), dim));
  SST_CATCH
}

sst_status sst_cross_entropy(sst_tensor logits, sst_tensor target, sst_tensor weight,
                             int reduction, int64_t ignore_index, double label_smoothing,
                             sst_tensor *out) {
  SST_TRY
  SST_RETURN(at::cross_entropy_loss(T(logits), T(target), Opt(weight), reduction, ignore_index,
                                    label_smoothing));
  SST_CATCH
}

sst_status sst_bce_with_logits(sst_tensor x, sst_tensor target, sst_tensor weight,
                               sst_tensor pos_weight, int reduction, sst_tensor *out) {
  SST_TRY
  // As F.binary_cross_entropy_with_logits: the target is not broadcast.
  if (T(target).sizes() != T(x).sizes())
    throw std::invalid_argument("target size " + c10::str(T(target).sizes()) +
                                " must be the same as input size " + c10::str(T(x).sizes()));
  SST_RETURN(at::binary_cross_entropy_with_logits(T(x), T(target), Opt(weight), Opt(pos_weight),
                                                  reduction));
  SST_CATCH
}

sst_status sst_normalize(sst_tensor x, double p, int64_t dim, double eps, sst_tensor *out) {
  SST_TRY
  // torch.nn.functional.normalize: x / max(||x||_p, eps) along dim.
  auto &t = T(x);
  auto denom = t.norm(p, {dim}, /*keepdim=*/true).clamp_min(eps).expand_as(t);
  SST_RETURN(t / denom);
  SST_CATCH
}

sst_status sst_cosine_similarity(sst_tensor a, sst_tensor b, int64_t dim, double eps,
                                 sst_tensor *out) {
  SST_TRY SST_RETURN(at::cosine_similarity(T(a), T(b), dim, eps)); SST_CATCH
}

sst_status sst_one_hot(sst_tensor t, int64_t num_classes, sst_tensor *out) {
  SST_TRY SST_RETURN(at::one_hot(T(t), num_classes)); SST_CATCH
}

sst_status sst_topk(sst_tensor t, int64_t k, int64_t dim, int largest, int sorted,
                    sst_tensor *values, sst_tensor *indices) {
  SST_TRY
  auto r = T(t).topk(k, dim, largest != 0, sorted != 0);
  *values = sst::box(std::get<0>(r));
  *indices = sst::box(std::get<1>(r));
  return sst::ok();
  SST_CATCH
}

sst_status sst_interpolate(sst_tensor x, const int64_t *size, const double *scale, int mode,
                           int align_corners, int antialias, sst_tensor *out) {
  SST_TRY
  at::OptionalIntArrayRef osize;
  if (size) osize = sst::dims(size, 2);
  c10::optional<at::ArrayRef<double>> scales;
  if (scale) scales = at::ArrayRef<double>(scale, 2);
  auto &t = T(x);
  bool ac = align_corners != 0;
  switch (mode) {
    case 0:
      if (antialias) throw std::invalid_argument("antialias needs bilinear or bicubic");
      // As F.interpolate: nearest has no corners to align.
      if (ac) throw std::invalid_argument("align_corners needs bilinear or bicubic");
      SST_RETURN(at::upsample_nearest2d(t, osize, scales));
    case 1:
      SST_RETURN(antialias ? at::_upsample_bilinear2d_aa(t, osize, ac, scales)
                           : at::upsample_bilinear2d(t, osize, ac, scales));
    case 2:
      SST_RETURN(antialias ? at::_upsample_bicubic2d_aa(t, osize, ac, scales)
                           : at::upsample_bicubic2d(t, osize, ac, scales));
  }
  throw std::invalid_argument("unknown mode " + std::to_string(mode));
  SST_CATCH
}

sst_status sst_pad(sst_tensor x, const int64_t *pad, int npad, int mode, double value,
                   sst_tensor *out) {
  SST_TRY
  static const char *const modes[] = {"constant", "reflect", "replicate", "circular"};
  if (mode < 0 || mode > 3) throw std::invalid_argument("unknown mode " + std::to_string(mode));
  c10::optional<double> v;
  if (mode == 0) v = value;
  else if (value != 0) throw std::invalid_argument("a fill value needs constant mode");
  SST_RETURN(at::pad(T(x), sst::dims(pad, npad), modes[mode], v));
  SST_CATCH
}

}  // extern "C"
