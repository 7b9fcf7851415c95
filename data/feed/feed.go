// Package feed hands the loader's collated batches to torch: the one place
// where package data meets the binding. The loader's goroutines never touch
// libtorch; the training goroutine calls ToDevice on each batch it takes.
package feed

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/torch"
)

// Batch is a data.Batch as tensors on one device.
type Batch struct {
	// Views[v] is view v of every sample, float32 N×C×H×W.
	Views []*torch.Tensor
	// Labels are the class indices, int64 N (-1 where unlabelled).
	Labels *torch.Tensor
	// Targets are the multi-label targets, float32 N×K, nil for
	// single-label data.
	Targets *torch.Tensor
}

// Tensors lists the batch's tensors, so that a Batch returned from
// torch.Tidy survives the scope.
func (b Batch) Tensors() []*torch.Tensor {
	ts := append([]*torch.Tensor{}, b.Views...)
	ts = append(ts, b.Labels)
	if b.Targets != nil {
		ts = append(ts, b.Targets)
	}
	return ts
}

// Close frees the batch's tensors.
func (b Batch) Close() { torch.CloseAll(b.Tensors()...) }

// ToDevice copies b into new tensors on dev; b's buffers may be reused as
// soon as it returns. On the CPU that is one copy per buffer. On CUDA each
// buffer is staged in page-locked host memory and sent with a non-blocking
// copy, so the transfer overlaps with work already queued on the device;
// libtorch's pinned-memory allocator keeps the staging block until the
// copy has run. Errors from the binding panic as *torch.Error (see
// torch.Try), like any op.
func ToDevice(b *data.Batch, dev torch.Device) Batch {
	out := Batch{Views: make([]*torch.Tensor, len(b.Views))}
	for v, pix := range b.Views {
		out.Views[v] = upload(pix, b.Dims(v), dev)
	}
	out.Labels = upload(b.Labels, []int64{int64(b.N)}, dev)
	if b.K > 0 {
		out.Targets = upload(b.Targets, b.TargetDims(), dev)
	}
	return out
}

// upload makes one tensor of the given shape on dev from a host slice.
func upload[T torch.Elem](host []T, shape []int64, dev torch.Device) *torch.Tensor {
	n := int64(1)
	for _, d := range shape {
		n *= d
	}
	if int64(len(host)) != n {
		panic(&torch.Error{Op: "feed.ToDevice", Msg: fmt.Sprintf("buffer of %d values for shape %v", len(host), shape)})
	}
	if dev.Type == torch.DeviceCPU {
		return torch.FromSlice(host, shape...)
	}
	staging := torch.Empty(shape, torch.DTypeOf[T](), torch.PinMemory)
	defer staging.Close()
	torch.CopyFrom(staging, host)
	return staging.ToWith(torch.ToOptions{Device: &dev, NonBlocking: true})
}

// Feeder hands a loader's batches to one device. Its Alloc, given to
// data.LoaderOptions, places the loader's batch buffers in libtorch CPU
// tensors; Batch then hands a batch to the CPU without any copy (its
// tensors view those buffers) and to CUDA with one non-blocking transfer
// from pinned staging. A Feeder is safe for concurrent Alloc calls.
type Feeder struct {
	dev  torch.Device
	mu   sync.Mutex
	bufs map[*float32]*torch.Tensor // buffer start → the tensor that owns it
}

// New returns a Feeder for dev.
func New(dev torch.Device) *Feeder {
	return &Feeder{dev: dev, bufs: map[*float32]*torch.Tensor{}}
}

// Alloc is a data.Allocator: it returns n float32s owned by a libtorch
// tensor that lives until Close.
func (f *Feeder) Alloc(n int) []float32 {
	t := torch.Empty([]int64{int64(n)})
	s := torch.HostSlice[float32](t)
	f.mu.Lock()
	defer f.mu.Unlock()
	if n > 0 {
		f.bufs[&s[0]] = t
	}
	return s
}

// Batch returns b on the Feeder's device. On the CPU, views made by the
// Feeder's Alloc are not copied: like b itself, the returned tensors are
// then valid only until the loader's next Next call, which reuses the
// buffers (Clone what must outlive the step). Everything else is copied as
// ToDevice copies it. Close the returned Batch when done with it, or make
// it inside torch.Tidy.
func (f *Feeder) Batch(b *data.Batch) Batch {
	if f.dev.Type != torch.DeviceCPU {
		return ToDevice(b, f.dev)
	}
	out := Batch{Views: make([]*torch.Tensor, len(b.Views))}
	for v, pix := range b.Views {
		if owner := f.owner(pix); owner != nil {
			out.Views[v] = owner.Narrow(0, 0, int64(len(pix))).View(b.Dims(v)...)
		} else {
			out.Views[v] = upload(pix, b.Dims(v), f.dev)
		}
	}
	out.Labels = upload(b.Labels, []int64{int64(b.N)}, f.dev)
	if b.K > 0 {
		out.Targets = upload(b.Targets, b.TargetDims(), f.dev)
	}
	return out
}

// owner returns the tensor whose memory pix starts, or nil.
func (f *Feeder) owner(pix []float32) *torch.Tensor {
	if len(pix) == 0 {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.bufs[unsafe.SliceData(pix)]
	if t != nil && int64(len(pix)) > t.Numel() {
		return nil
	}
	return t
}

// Close frees the buffers Alloc made; the loader using them must be closed
// first.
func (f *Feeder) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for p, t := range f.bufs {
		t.Close()
		delete(f.bufs, p)
	}
}
