/* shim_math.h: element-wise math, linear algebra, reductions, comparisons
 * and _foreach_ ops. Families share one entry point dispatched by an op code,
 * so the ABI stays small. Included by shim.h. */

enum sst_unary_op {
  SST_NEG, SST_ABS, SST_SIGN, SST_EXP, SST_LOG, SST_SQRT, SST_RSQRT,
  SST_SIN, SST_COS, SST_TANH, SST_SIGMOID, SST_RELU, SST_RECIPROCAL,
  SST_FLOOR, SST_CEIL, SST_ROUND, SST_LOG1P, SST_EXPM1, SST_SQUARE,
  SST_LOGICAL_NOT, SST_ZERO, SST_UNARY_COUNT
};

enum sst_binary_op {
  SST_ADD, SST_SUB, SST_MUL, SST_DIV, SST_POW, SST_MAXIMUM, SST_MINIMUM,
  SST_REMAINDER, SST_EQ, SST_NE, SST_LT, SST_LE, SST_GT, SST_GE,
  SST_LOGICAL_AND, SST_LOGICAL_OR, SST_MATMUL, SST_MM, SST_BMM,
  SST_BINARY_COUNT
};

/* inplace != 0 applies the op to t itself and writes no *out. */
sst_status sst_unary(int op, sst_tensor t, int inplace, sst_tensor *out);
/* alpha scales b for SST_ADD and SST_SUB (PyTorch's alpha=). */
sst_status sst_binary(int op, sst_tensor a, sst_tensor b, double alpha,
                      int inplace, sst_tensor *out);
sst_status sst_binary_scalar(int op, sst_tensor a, double b, int inplace,
                             sst_tensor *out);
/* The hot in-place add, a.add_(b, alpha), without dispatch on an op code. */
sst_status sst_add_(sst_tensor a, sst_tensor b, double alpha);
sst_status sst_addmm(sst_tensor input, sst_tensor m1, sst_tensor m2,
                     double beta, double alpha, sst_tensor *out);
/* has_min/has_max select which bounds apply. */
sst_status sst_clamp(sst_tensor t, int has_min, double min, int has_max,
                     double max, int inplace, sst_tensor *out);

enum sst_reduce_op {
  SST_SUM, SST_MEAN, SST_AMAX, SST_AMIN, SST_LOGSUMEXP, SST_PROD,
  SST_ALL, SST_ANY, SST_MAX, SST_MIN, SST_REDUCE_COUNT
};
/* ndims == 0 reduces over all dimensions (not for LOGSUMEXP).
 * dtype >= 0 sets the accumulation/output dtype of SUM, MEAN, PROD. */
sst_status sst_reduce(int op, sst_tensor t, const int64_t *dims, int ndims,
                      int keepdim, int dtype, sst_tensor *out);
/* max/min along a dim: values and indices. is_max selects. */
sst_status sst_max_dim(sst_tensor t, int64_t dim, int keepdim, int is_max,
                       sst_tensor *values, sst_tensor *indices);
/* has_dim == 0: over the flattened tensor. */
sst_status sst_argmax(sst_tensor t, int has_dim, int64_t dim, int keepdim,
                      int is_max, sst_tensor *out);
sst_status sst_norm(sst_tensor t, double p, const int64_t *dims, int ndims,
                    int keepdim, sst_tensor *out);
/* is_std selects std over var; correction 1 is Bessel's (unbiased). */
sst_status sst_var(sst_tensor t, const int64_t *dims, int ndims,
                   int64_t correction, int keepdim, int is_std, sst_tensor *out);

/* _foreach_ ops over lists of n tensors, in place. */
sst_status sst_foreach_add_(sst_tensor *self, const sst_tensor *other, int n, double alpha);
sst_status sst_foreach_mul_scalar_(sst_tensor *self, int n, double s);
sst_status sst_foreach_zero_(sst_tensor *self, int n);
