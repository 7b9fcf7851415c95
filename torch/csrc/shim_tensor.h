/* shim_tensor.h: creation, metadata, data movement, shape and memory ops,
 * autograd and random state. Included by shim.h. */

/* Tensor options. dtype values are c10::ScalarType's; device_type values
 * are c10::DeviceType's (0 CPU, 1 CUDA). */
typedef struct {
  int dtype;
  int device_type;
  int device_index;
  int requires_grad;
  int pin_memory;
} sst_options;

enum sst_factory_kind {
  SST_EMPTY, SST_ZEROS, SST_ONES, SST_FULL, SST_RAND, SST_RANDN
};

sst_status sst_factory(int kind, const int64_t *shape, int ndim, double fill,
                       sst_options o, sst_tensor *out);
sst_status sst_arange(double start, double end, double step, sst_options o,
                      sst_tensor *out);
sst_status sst_linspace(double start, double end, int64_t steps,
                        sst_options o, sst_tensor *out);
sst_status sst_eye(int64_t n, int64_t m, sst_options o, sst_tensor *out);
sst_status sst_randint(int64_t low, int64_t high, const int64_t *shape,
                       int ndim, sst_options o, sst_tensor *out);
sst_status sst_randperm(int64_t n, sst_options o, sst_tensor *out);
/* Copies nbytes of host memory into a new CPU tensor of dtype. */
sst_status sst_from_data(const void *data, int64_t nbytes,
                         const int64_t *shape, int ndim, int dtype,
                         sst_tensor *out);
/* Copies the tensor's elements, in row-major order, into host memory. */
sst_status sst_copy_to_host(sst_tensor t, void *dst, int64_t nbytes);
/* The address of a contiguous CPU tensor's first element. */
sst_status sst_data_ptr(sst_tensor t, void **p);
/* Overwrites a contiguous CPU tensor's elements with nbytes of host memory. */
sst_status sst_copy_from_host(sst_tensor t, const void *src, int64_t nbytes);

/* sst_info is a tensor's metadata, fetched in one call. */
#define SST_MAX_DIMS 16
typedef struct {
  int ndim;
  int dtype;
  int device_type;
  int device_index;
  int requires_grad;
  int is_contiguous;
  int is_leaf;
  int defined;
  int64_t numel;
  int64_t sizes[SST_MAX_DIMS];
  int64_t strides[SST_MAX_DIMS];
} sst_info;
sst_status sst_tensor_info(sst_tensor t, sst_info *info);
sst_status sst_item_double(sst_tensor t, double *v);
sst_status sst_item_int64(sst_tensor t, int64_t *v);
/* Writes libtorch's printed form of t into a malloc'd *s. */
sst_status sst_to_string(sst_tensor t, char **s);

/* Shape and memory. */
sst_status sst_view(sst_tensor t, const int64_t *shape, int ndim, sst_tensor *out);
sst_status sst_reshape(sst_tensor t, const int64_t *shape, int ndim, sst_tensor *out);
sst_status sst_expand(sst_tensor t, const int64_t *shape, int ndim, sst_tensor *out);
sst_status sst_repeat(sst_tensor t, const int64_t *reps, int ndim, sst_tensor *out);
sst_status sst_permute(sst_tensor t, const int64_t *dims, int ndim, sst_tensor *out);
sst_status sst_transpose(sst_tensor t, int64_t d0, int64_t d1, sst_tensor *out);
/* memory_format: 0 contiguous, 1 channels_last, 2 preserve. */
sst_status sst_contiguous(sst_tensor t, int memory_format, sst_tensor *out);
sst_status sst_narrow(sst_tensor t, int64_t dim, int64_t start, int64_t len, sst_tensor *out);
sst_status sst_slice(sst_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step, sst_tensor *out);
sst_status sst_select(sst_tensor t, int64_t dim, int64_t index, sst_tensor *out);
sst_status sst_index_select(sst_tensor t, int64_t dim, sst_tensor index, sst_tensor *out);
sst_status sst_gather(sst_tensor t, int64_t dim, sst_tensor index, sst_tensor *out);
/* src may be NULL, then value is scattered. inplace != 0 writes into t. */
sst_status sst_scatter(sst_tensor t, int64_t dim, sst_tensor index, sst_tensor src,
                       double value, int inplace, sst_tensor *out);
sst_status sst_masked_fill(sst_tensor t, sst_tensor mask, double value, int inplace, sst_tensor *out);
sst_status sst_where(sst_tensor cond, sst_tensor a, sst_tensor b, sst_tensor *out);
sst_status sst_cat(const sst_tensor *ts, int n, int64_t dim, sst_tensor *out);
sst_status sst_stack(const sst_tensor *ts, int n, int64_t dim, sst_tensor *out);
/* chunk and split return a malloc'd array of *n tensors (free with sst_free). */
sst_status sst_chunk(sst_tensor t, int64_t chunks, int64_t dim, sst_tensor **outs, int *n);
sst_status sst_split(sst_tensor t, const int64_t *sizes, int nsizes, int64_t dim, sst_tensor **outs, int *n);
sst_status sst_flatten(sst_tensor t, int64_t start, int64_t end, sst_tensor *out);
sst_status sst_unsqueeze(sst_tensor t, int64_t dim, sst_tensor *out);
/* all != 0 squeezes every size-1 dimension and ignores dim. */
sst_status sst_squeeze(sst_tensor t, int64_t dim, int all, sst_tensor *out);
/* device_type < 0 keeps the device, dtype < 0 keeps the dtype. */
sst_status sst_to(sst_tensor t, int device_type, int device_index, int dtype,
                  int non_blocking, int copy, int memory_format, sst_tensor *out);
sst_status sst_pin_memory(sst_tensor t, sst_tensor *out);
sst_status sst_is_pinned(sst_tensor t, int *pinned);
sst_status sst_clone(sst_tensor t, sst_tensor *out);
sst_status sst_detach(sst_tensor t, sst_tensor *out);
sst_status sst_copy_(sst_tensor dst, sst_tensor src, int non_blocking);
/* A new handle to the same tensor (shares storage and autograd identity). */
sst_status sst_alias(sst_tensor t, sst_tensor *out);

/* Autograd. */
sst_status sst_set_requires_grad(sst_tensor t, int requires_grad);
/* grad may be NULL (implicit 1 for scalars). */
sst_status sst_backward(sst_tensor t, sst_tensor grad, int retain_graph);
/* *out is NULL when t has no gradient. */
sst_status sst_grad(sst_tensor t, sst_tensor *out);
sst_status sst_set_grad_none(sst_tensor t);
int sst_set_grad_enabled(int enabled);
int sst_is_grad_enabled(void);

/* Random state. */
sst_status sst_manual_seed(uint64_t seed);
/* device_type 0: CPU generator; 1: CUDA generator of device_index.
 * *state is a malloc'd copy of the state bytes (free with sst_free). */
sst_status sst_get_rng_state(int device_type, int device_index, uint8_t **state, int64_t *n);
sst_status sst_set_rng_state(int device_type, int device_index, const uint8_t *state, int64_t n);
