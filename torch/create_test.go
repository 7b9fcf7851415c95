package torch

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Empty's values are undefined, so only its metadata is checked.
func TestEmptyShapeAndDType(t *testing.T) {
	tests := []struct {
		shape []int64
		opts  []Option
		dtype DType
		grad  bool
	}{
		{shp(2, 3), nil, Float32, false},
		{shp(), nil, Float32, false},
		{shp(0, 4), []Option{Int64}, Int64, false},
		{shp(5), []Option{Bool}, Bool, false},
		{shp(2, 1, 3), []Option{Float64, RequiresGrad}, Float64, true},
		{shp(4), []Option{RequiresGrad, BFloat16}, BFloat16, true},
		{shp(3), []Option{Uint8, CPU}, Uint8, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.shape, tt.dtype), func(t *testing.T) {
			Scoped(func() {
				e := Empty(tt.shape, tt.opts...)
				if got := e.Shape(); !slices.Equal(got, tt.shape) {
					t.Errorf("shape %v, want %v", got, tt.shape)
				}
				n := int64(1)
				for _, s := range tt.shape {
					n *= s
				}
				if got := e.Numel(); got != n {
					t.Errorf("numel %d, want %d", got, n)
				}
				if got := e.DType(); got != tt.dtype {
					t.Errorf("dtype %v, want %v", got, tt.dtype)
				}
				if got := e.Device(); got.Type != DeviceCPU {
					t.Errorf("device %v, want cpu", got)
				}
				if got := e.RequiresGrad(); got != tt.grad {
					t.Errorf("requires grad %v, want %v", got, tt.grad)
				}
				if !e.IsContiguous() || !e.IsLeaf() {
					t.Errorf("contiguous %v, leaf %v: want a contiguous leaf", e.IsContiguous(), e.IsLeaf())
				}
				if got := len(e.Bytes()); got != int(n)*tt.dtype.Size() {
					t.Errorf("%d bytes, want %d", got, int(n)*tt.dtype.Size())
				}
			})
		})
	}
}

type label int64

// Element types defined on the basic ones map to the same DType.
func TestFromSliceOfNamedTypes(t *testing.T) {
	Scoped(func() {
		x := FromSlice([]label{3, -1, 7}, 3, 1)
		if d := x.DType(); d != Int64 {
			t.Fatalf("dtype %v, want int64", d)
		}
		if got := Data[label](x.AddScalar(1)); !slices.Equal(got, []label{4, 0, 8}) {
			t.Errorf("labels + 1 = %v, want [4 0 8]", got)
		}
	})
}

// Detach shares storage with its source (PyTorch's detach is a view); Clone
// does not.
func TestDetachSharesStorageCloneDoesNot(t *testing.T) {
	Scoped(func() {
		x := Zeros(shp(3), RequiresGrad)
		d, c := x.Detach(), x.Clone()
		NoGrad(func() { d.AddScalar_(1) })
		if got := Data[float32](x); !slices.Equal(got, []float32{1, 1, 1}) {
			t.Errorf("x after detach().add_(1) is %v, want ones", got)
		}
		if got := Data[float32](c); !slices.Equal(got, []float32{0, 0, 0}) {
			t.Errorf("clone after x changed is %v, want zeros", got)
		}
		if d.RequiresGrad() || !c.RequiresGrad() {
			t.Errorf("requires grad: detached %v, clone %v; want false, true", d.RequiresGrad(), c.RequiresGrad())
		}
	})
}

func ExampleTensor_ProdDim() {
	Scoped(func() {
		x := Arange(1, 7, 1, Int64).View(2, 3)
		fmt.Println(Data[int64](x.ProdDim(1, false)), x.ProdDim(0, true).Shape())
	})
	// Output: [6 120] [1 3]
}

// ScatterValue writes into a copy, ScatterValue_ into the tensor itself.
func ExampleTensor_ScatterValue() {
	Scoped(func() {
		x := Zeros(shp(2, 3))
		index := FromSlice([]int64{2, 0}, 2, 1)
		fmt.Println(Data[float32](x.ScatterValue(1, index, 9)), Data[float32](x))
		x.ScatterValue_(1, index, 7)
		fmt.Println(Data[float32](x))
	})
	// Output:
	// [0 0 9 9 0 0] [0 0 0 0 0 0]
	// [0 0 7 7 0 0]
}

// Integral scalars act as Python ints: integer tensors stay integer.
func ExampleTensor_AddScalar() {
	Scoped(func() {
		labels := FromSlice([]int64{0, 1, 2})
		fmt.Println(labels.AddScalar(1).DType(), labels.AddScalar(0.5).DType())
		fmt.Println(Data[int64](labels.MulScalar_(10)))
	})
	// Output:
	// int64 float32
	// [0 10 20]
}

func TestCopyFrom(t *testing.T) {
	x := Zeros([]int64{2, 3})
	defer x.Close()
	CopyFrom(x, []float32{1, 2, 3, 4, 5, 6})
	if got := Data[float32](x); got[5] != 6 || got[0] != 1 {
		t.Fatalf("after CopyFrom: %v", got)
	}
	tests := []struct {
		name, msg string
		fn        func()
	}{
		{"wrong length", "holds 24 bytes, source 20", func() { CopyFrom(x, []float32{1, 2, 3, 4, 5}) }},
		{"wrong dtype", "data is int64", func() { CopyFrom(x, []int64{1, 2, 3, 4, 5, 6}) }},
		{"not contiguous", "not contiguous", func() {
			CopyFrom(x.Transpose(0, 1), []float32{1, 2, 3, 4, 5, 6})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Try(tt.fn)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want an error containing %q", err, tt.msg)
			}
		})
	}
}

func TestHostSliceAliasesTheTensor(t *testing.T) {
	x := Zeros([]int64{2, 3})
	defer x.Close()
	s := HostSlice[float32](x)
	if len(s) != 6 {
		t.Fatalf("len %d", len(s))
	}
	s[4] = 7
	if got := Data[float32](x); got[4] != 7 {
		t.Fatalf("write through the slice not seen: %v", got)
	}
	for _, tt := range []struct {
		name string
		fn   func()
	}{
		{"wrong dtype", func() { HostSlice[int64](x) }},
		{"not contiguous", func() { HostSlice[float32](x.Transpose(0, 1)) }},
	} {
		if err := Try(tt.fn); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
