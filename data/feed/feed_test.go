package feed

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/torch"
)

// memDataset is n 6×5 gray images whose pixels encode their index.
type memDataset struct{ n, k int }

func (d memDataset) Len() int { return d.n }

func (d memDataset) Item(i int) (data.Sample, error) {
	img := data.NewImage(6, 5, 1)
	for p := range img.Pix {
		img.Pix[p] = uint8(i*7 + p)
	}
	s := data.Sample{Path: "mem", Image: img, Label: i % 3}
	if d.k > 0 {
		s.Label = -1
		s.Labels = make([]float32, d.k)
		s.Labels[i%d.k] = 1
	}
	return s, nil
}

// copyPipe writes the pixels, scaled, into each of two views.
type copyPipe struct{}

func (copyPipe) Shapes() []data.Shape { return []data.Shape{{C: 1, H: 6, W: 5}, {C: 1, H: 6, W: 5}} }

func (copyPipe) Process(s data.Sample, r *rand.Rand, dst [][]float32) error {
	for v := range dst {
		for p, x := range s.Image.Pix {
			dst[v][p] = float32(x) / float32(v+1)
		}
	}
	return nil
}

func TestToDeviceCopiesEveryBuffer(t *testing.T) {
	for _, k := range []int{0, 4} {
		l, err := data.NewLoader(memDataset{n: 10, k: k}, copyPipe{}, data.LoaderOptions{BatchSize: 4, Epochs: 1, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		for l.Next() {
			b := l.Batch()
			tb := ToDevice(b, torch.CPU)
			for v := range b.Views {
				if got := tb.Views[v].Shape(); !slices.Equal(got, b.Dims(v)) {
					t.Errorf("view %d shape %v, want %v", v, got, b.Dims(v))
				}
				if !slices.Equal(torch.Data[float32](tb.Views[v]), b.Views[v]) {
					t.Errorf("view %d values differ from the batch", v)
				}
			}
			if !slices.Equal(torch.Data[int64](tb.Labels), b.Labels) {
				t.Errorf("labels %v, want %v", torch.Data[int64](tb.Labels), b.Labels)
			}
			if k > 0 {
				if !slices.Equal(tb.Targets.Shape(), []int64{int64(b.N), int64(k)}) ||
					!slices.Equal(torch.Data[float32](tb.Targets), b.Targets) {
					t.Errorf("targets differ")
				}
			} else if tb.Targets != nil {
				t.Error("single-label batch has targets")
			}
			// The tensors own copies: overwriting the batch's buffer leaves them.
			want := torch.Data[float32](tb.Views[0])
			b.Views[0][0] = -1
			if torch.Data[float32](tb.Views[0])[0] != want[0] {
				t.Error("tensor aliases the loader's buffer")
			}
			tb.Close()
		}
		if err := l.Err(); err != nil {
			t.Fatal(err)
		}
		l.Close()
	}
}

func TestToDeviceInsideTidy(t *testing.T) {
	l, err := data.NewLoader(memDataset{n: 4}, copyPipe{}, data.LoaderOptions{BatchSize: 4, Epochs: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !l.Next() {
		t.Fatal(l.Err())
	}
	before := torch.LiveTensors()
	tb := torch.Tidy(func() Batch { return ToDevice(l.Batch(), torch.CPU) })
	if n := torch.LiveTensors() - before; n != 3 {
		t.Fatalf("%d tensors alive after Tidy, want the batch's 3", n)
	}
	tb.Close()
	if n := torch.LiveTensors() - before; n != 0 {
		t.Fatalf("%d tensors leaked", n)
	}
}

// On a CUDA machine a batch arrives on the GPU with its values; without
// CUDA asking for it is an error, not a crash.
func TestToDeviceCUDA(t *testing.T) {
	b := &data.Batch{N: 2, Shapes: []data.Shape{{C: 1, H: 1, W: 2}}, Views: [][]float32{{1, 2, 3, 4}}, Labels: []int64{0, 1}}
	var tb Batch
	err := torch.Try(func() { tb = ToDevice(b, torch.CUDA(0)) })
	if !torch.CUDAAvailable() {
		var e *torch.Error
		if !errors.As(err, &e) {
			t.Fatalf("got %v, want a *torch.Error", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	if d := tb.Views[0].Device(); d.Type != torch.DeviceCUDA {
		t.Fatalf("view on %v", d)
	}
	if got := torch.Data[float32](tb.Views[0]); !slices.Equal(got, b.Views[0]) {
		t.Fatalf("view %v, want %v", got, b.Views[0])
	}
}

// With the Feeder's buffers, a batch reaches the CPU as views of the
// loader's memory: the same values, no copy, and nothing leaked.
func TestFeederHandsOverWithoutCopy(t *testing.T) {
	before := torch.LiveTensors()
	f := New(torch.CPU)
	l, err := data.NewLoader(memDataset{n: 10}, copyPipe{}, data.LoaderOptions{BatchSize: 4, Epochs: 1, Workers: 2, Alloc: f.Alloc})
	if err != nil {
		t.Fatal(err)
	}
	batches := 0
	for l.Next() {
		b := l.Batch()
		torch.Scoped(func() {
			tb := f.Batch(b)
			for v := range b.Views {
				if !slices.Equal(torch.Data[float32](tb.Views[v]), b.Views[v]) {
					t.Errorf("view %d differs from the batch", v)
				}
				if !slices.Equal(tb.Views[v].Shape(), b.Dims(v)) {
					t.Errorf("view %d shape %v", v, tb.Views[v].Shape())
				}
			}
			// A view, not a copy: a write to the buffer shows in the tensor.
			b.Views[1][0] = 1234
			if torch.Data[float32](tb.Views[1])[0] != 1234 {
				t.Error("the CPU hand-over copied the loader's buffer")
			}
			if !slices.Equal(torch.Data[int64](tb.Labels), b.Labels) {
				t.Error("labels differ")
			}
		})
		batches++
	}
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	if batches != 3 {
		t.Fatalf("%d batches, want 3", batches)
	}
	l.Close()
	f.Close()
	if n := torch.LiveTensors() - before; n != 0 {
		t.Fatalf("%d tensors left alive", n)
	}
}
