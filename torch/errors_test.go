package torch

import (
	"errors"
	"strings"
	"testing"
)

// Misuse of an op gives a *Error carrying the op's name and libtorch's own
// message, and the process goes on.
func TestOpMisuseIsAnErrorWithLibtorchsMessage(t *testing.T) {
	a := Ones([]int64{2, 3})
	defer a.Close()
	d := Ones([]int64{3, 2}, Float64)
	defer d.Close()
	tests := []struct {
		name, op, msg string
		fn            func()
	}{
		{"shape mismatch", "Mm", "cannot be multiplied", func() { a.Mm(a) }},
		{"broadcast mismatch", "Add", "must match the size", func() { a.Add(Ones([]int64{4})) }},
		{"dtype mismatch", "Mm", "expected", func() { a.Mm(d) }},
		{"bad view", "View", "invalid for input of size", func() { a.View(4, 2) }},
		{"dim out of range", "SumDims", "out of range", func() { a.SumDims([]int64{5}, false) }},
		{"conv rank", "Conv2d", "", func() { a.Conv2d(a, nil, Conv2dOptions{}) }},
		{"backward of non-scalar", "Backward", "implicitly created only for scalar outputs", func() {
			x := Ones([]int64{2}, RequiresGrad)
			x.MulScalar(2).Backward()
		}},
		{"backward without grad", "Backward", "does not require grad", func() { a.Sum().Backward() }},
		{"wrong Data type", "Data", "dtype float32", func() { Data[int64](a) }},
		{"zero threads", "SetNumThreads", "positive", func() { SetNumThreads(0) }},
		{"integer leaf requiring grad", "Randint", "floating point", func() { Randint(0, 3, []int64{2}, RequiresGrad) }},
	}
	if !CUDAAvailable() {
		// Device calls on a machine without CUDA fail cleanly too.
		tests = append(tests, []struct {
			name, op, msg string
			fn            func()
		}{
			{"CUDA tensor without CUDA", "To", "", func() { a.To(CUDA(0)) }},
			{"CUDA factory without CUDA", "Zeros", "", func() { Zeros([]int64{2}, CUDA(0)) }},
			{"pinned memory without CUDA", "PinMemory", "", func() { a.PinMemory() }},
		}...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := wantOpError(t, tt.fn, tt.op, tt.msg)
			if !strings.HasPrefix(err.Error(), "torch: "+tt.op+": ") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
	// Still alive and computing.
	if v := a.Sum().Item(); v != 6 {
		t.Fatalf("sum after errors = %v", v)
	}
}

// wantOpError checks that fn fails with a *Error that names op and carries
// a message containing msg without a C++ backtrace, and returns it.
func wantOpError(t *testing.T, fn func(), op, msg string) error {
	t.Helper()
	err := Try(fn)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a *Error", err)
	}
	if e.Op != op {
		t.Errorf("op %q, want %q (error: %v)", e.Op, op, err)
	}
	if !strings.Contains(e.Msg, msg) {
		t.Errorf("message %q lacks %q", e.Msg, msg)
	}
	if strings.Contains(e.Msg, "frame #") {
		t.Errorf("message carries a C++ backtrace: %q", e.Msg)
	}
	return err
}
