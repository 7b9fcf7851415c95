package torch

/*
#include "shim.h"
*/
import "C"

import (
	"unsafe"
)

// ManualSeed seeds the default CPU generator and those of every CUDA device
// (torch.manual_seed).
func ManualSeed(seed uint64) { check("ManualSeed", C.sst_manual_seed(C.uint64_t(seed))) }

// RNGState returns the state of the default generator of a device (CPU or
// one CUDA device) as bytes, as torch.get_rng_state and
// torch.cuda.get_rng_state do, so that a resumed run continues the same
// random stream.
func RNGState(d Device) []byte {
	var p *C.uint8_t
	var n C.int64_t
	check("RNGState", C.sst_get_rng_state(C.int(d.Type), C.int(d.Index), &p, &n))
	defer C.sst_free(unsafe.Pointer(p))
	return C.GoBytes(unsafe.Pointer(p), C.int(n))
}

// SetRNGState restores a state returned by RNGState for the same device.
func SetRNGState(d Device, state []byte) {
	check("SetRNGState", C.sst_set_rng_state(C.int(d.Type), C.int(d.Index), (*C.uint8_t)(first(state)), C.int64_t(len(state))))
}

// NumThreads is libtorch's intra-op thread count as the calling OS thread
// sees it (torch.get_num_threads).
func NumThreads() int { return int(C.sst_get_num_threads()) }

// SetNumThreads sets the intra-op thread count (torch.set_num_threads). The
// count is process-wide for OS threads that have not yet run a parallel
// libtorch op; with OpenMP, a thread that already has keeps its own count.
// So call it at start-up, before any tensor work, or from the goroutine that
// trains, locked to its thread. n must be positive.
func SetNumThreads(n int) {
	if n < 1 {
		fail("SetNumThreads", "thread count must be positive, got %d", n)
	}
	check("SetNumThreads", C.sst_set_num_threads(C.int(n)))
}

// NumInteropThreads is libtorch's inter-op thread count.
func NumInteropThreads() int { return int(C.sst_get_num_interop_threads()) }

// BuildInfo describes the libtorch the shim was built against and what it
// sees at run time.
type BuildInfo struct {
	TorchVersion    string `json:"torch_version"`
	ShimABI         int    `json:"shim_abi"`
	CXX11ABI        bool   `json:"cxx11_abi"`
	CUDAAvailable   bool   `json:"cuda_available"`
	CUDADeviceCount int    `json:"cuda_device_count"`
	NumThreads      int    `json:"num_threads"`
}

// Info returns the BuildInfo of the running process.
func Info() BuildInfo {
	var buf [64]C.char
	C.sst_torch_version(&buf[0], C.int(len(buf)))
	return BuildInfo{
		TorchVersion:    C.GoString(&buf[0]),
		ShimABI:         int(C.sst_abi_version()),
		CXX11ABI:        C.sst_cxx11_abi() != 0,
		CUDAAvailable:   CUDAAvailable(),
		CUDADeviceCount: CUDADeviceCount(),
		NumThreads:      NumThreads(),
	}
}
