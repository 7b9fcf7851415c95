/* shim_nn.h: neural-network functions (torch.nn.functional). Optional
 * tensor arguments are NULL when absent. Included by shim.h. */

sst_status sst_conv2d(sst_tensor x, sst_tensor w, sst_tensor b,
                      const int64_t *stride, const int64_t *padding,
                      const int64_t *dilation, int64_t groups, sst_tensor *out);
sst_status sst_batch_norm(sst_tensor x, sst_tensor w, sst_tensor b,
                          sst_tensor running_mean, sst_tensor running_var,
                          int training, double momentum, double eps,
                          sst_tensor *out);
sst_status sst_linear(sst_tensor x, sst_tensor w, sst_tensor b, sst_tensor *out);
/* approximate: 0 none, 1 tanh. */
sst_status sst_gelu(sst_tensor x, int approximate, sst_tensor *out);
sst_status sst_max_pool2d(sst_tensor x, const int64_t *kernel, const int64_t *stride,
                          const int64_t *padding, const int64_t *dilation,
                          int ceil_mode, sst_tensor *out);
sst_status sst_avg_pool2d(sst_tensor x, const int64_t *kernel, const int64_t *stride,
                          const int64_t *padding, int ceil_mode,
                          int count_include_pad, sst_tensor *out);
sst_status sst_adaptive_avg_pool2d(sst_tensor x, const int64_t *size, sst_tensor *out);
sst_status sst_dropout(sst_tensor x, double p, int training, int inplace, sst_tensor *out);
/* is_log selects log_softmax. */
sst_status sst_softmax(sst_tensor x, int64_t dim, int is_log, sst_tensor *out);
/* reduction: 0 none, 1 mean, 2 sum (at::Reduction). target holds class
 * indices (int64) or class probabilities (float, same shape as logits). */
sst_status sst_cross_entropy(sst_tensor logits, sst_tensor target, sst_tensor weight,
                             int reduction, int64_t ignore_index,
                             double label_smoothing, sst_tensor *out);
sst_status sst_bce_with_logits(sst_tensor x, sst_tensor target, sst_tensor weight,
                               sst_tensor pos_weight, int reduction, sst_tensor *out);
sst_status sst_normalize(sst_tensor x, double p, int64_t dim, double eps, sst_tensor *out);
sst_status sst_cosine_similarity(sst_tensor a, sst_tensor b, int64_t dim, double eps,
                                 sst_tensor *out);
sst_status sst_one_hot(sst_tensor t, int64_t num_classes, sst_tensor *out);
sst_status sst_topk(sst_tensor t, int64_t k, int64_t dim, int largest, int sorted,
                    sst_tensor *values, sst_tensor *indices);
/* mode: 0 nearest, 1 bilinear, 2 bicubic. Either size (2 values) or
 * scale (2 values) is non-NULL. */
sst_status sst_interpolate(sst_tensor x, const int64_t *size, const double *scale,
                           int mode, int align_corners, int antialias, sst_tensor *out);
/* F.pad of the last npad/2 dimensions, pad as in Python (last dimension
 * first, low then high). mode: 0 constant (filled with value), 1 reflect,
 * 2 replicate, 3 circular. */
sst_status sst_pad(sst_tensor x, const int64_t *pad, int npad, int mode, double value,
                   sst_tensor *out);
