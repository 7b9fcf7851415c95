package torch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// pythonJSON runs script under the oracle's interpreter with in as JSON on
// stdin and decodes the JSON it prints into out.
func pythonJSON(t *testing.T, script string, in, out any) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", script)
	cmd.Stdin = bytes.NewReader(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("PyTorch oracle failed (it needs %s with Debian's python3-torch: make deps): %v\n%s", python, err, stderr.String())
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("PyTorch oracle printed bad JSON: %v\n%s", err, res)
	}
}

// autogradScript evaluates each row's expression of leaves a (and b) in
// PyTorch and prints the leaves' gradients after the row's backward mode:
// "scalar" (y.backward()), "with" (y.backward(g)) or "retain"
// (y.backward(g, retain_graph=True) then y.backward(g)).
const autogradScript = `
import json, sys, torch
out = {}
for r in json.load(sys.stdin):
    leaves = [torch.tensor(v, dtype=torch.float32).reshape(s).requires_grad_()
              for v, s in zip(r["leaves"], r["shapes"])]
    env = dict(zip("ab", leaves), torch=torch)
    y = eval(r["expr"], env)
    g = None if r["grad"] is None else torch.tensor(r["grad"], dtype=torch.float32).reshape(y.shape)
    if r["mode"] == "retain":
        y.backward(g, retain_graph=True)
    y.backward(g)
    out[r["name"]] = [x.grad.reshape(-1).tolist() for x in leaves]
print(json.dumps(out))
`

type autogradRow struct {
	name   string
	leaves [][]float32
	shapes [][]int64
	expr   string // the PyTorch twin of fn
	fn     func(a, b *Tensor) *Tensor
	grad   []float32 // upstream gradient for BackwardWith; nil for a scalar
	mode   string    // "scalar", "with" or "retain"
}

func autogradRows() []autogradRow {
	x := []float32{-1.5, -0.25, 0.5, 2}
	m := []float32{0.3, -1.2, 0.7, 1.1, -0.4, 2.2}
	n := []float32{1.0, -0.5, 0.25, 0.8, -1.3, 0.6}
	v, s22, s23, s32 := [][]int64{{4}}, [][]int64{{2, 2}}, []int64{2, 3}, []int64{3, 2}
	return []autogradRow{
		{"scalar_square_sum", [][]float32{x}, v, "(a*a).sum()",
			func(a, _ *Tensor) *Tensor { return a.Mul(a).Sum() }, nil, "scalar"},
		{"scalar_exp_sin_mean", [][]float32{x}, s22, "(a.exp()*a.sin()).mean()",
			func(a, _ *Tensor) *Tensor { return a.Exp().Mul(a.Sin()).Mean() }, nil, "scalar"},
		{"scalar_matmul_tanh_two_leaves", [][]float32{m, n}, [][]int64{s23, s32}, "a.matmul(b).tanh().sum()",
			func(a, b *Tensor) *Tensor { return a.Matmul(b).Tanh().Sum() }, nil, "scalar"},
		{"scalar_detach_cuts_graph", [][]float32{x}, v, "((a*a).detach()*a).sum()",
			func(a, _ *Tensor) *Tensor { return a.Mul(a).Detach().Mul(a).Sum() }, nil, "scalar"},
		{"with_elementwise", [][]float32{m, n}, [][]int64{s23, s23}, "a*b+a.sigmoid()",
			func(a, b *Tensor) *Tensor { return a.Mul(b).Add(a.Sigmoid()) }, []float32{1, -2, 0.5, 3, 0, -1}, "with"},
		{"with_matmul", [][]float32{m, n}, [][]int64{s23, s32}, "a.matmul(b)",
			func(a, b *Tensor) *Tensor { return a.Matmul(b) }, []float32{0.5, -1, 2, 0.25}, "with"},
		{"with_log_softmax", [][]float32{m}, [][]int64{s23}, "torch.log_softmax(a, 1)",
			func(a, _ *Tensor) *Tensor { return a.LogSoftmax(1) }, []float32{1, 0, -1, 2, 0.5, 0}, "with"},
		{"retain_scalar", [][]float32{x}, v, "(a.exp()*a).sum()",
			func(a, _ *Tensor) *Tensor { return a.Exp().Mul(a).Sum() }, nil, "retain"},
		{"retain_with_gradient", [][]float32{m, n}, [][]int64{s23, s23}, "a*b*b",
			func(a, b *Tensor) *Tensor { return a.Mul(b).Mul(b) }, []float32{1, 2, 3, -1, -2, -3}, "retain"},
	}
}

// TestBackwardMatchesPyTorch checks Backward, BackwardWith and retained
// graphs against PyTorch's gradients, and that a retained second pass
// accumulates (doubles) the gradients of a single pass.
func TestBackwardMatchesPyTorch(t *testing.T) {
	rows := autogradRows()
	type pyRow struct {
		Name   string      `json:"name"`
		Leaves [][]float32 `json:"leaves"`
		Shapes [][]int64   `json:"shapes"`
		Expr   string      `json:"expr"`
		Grad   []float32   `json:"grad"`
		Mode   string      `json:"mode"`
	}
	in := make([]pyRow, len(rows))
	for i, r := range rows {
		in[i] = pyRow{r.name, r.leaves, r.shapes, r.expr, r.grad, r.mode}
	}
	var want map[string][][]float64
	pythonJSON(t, autogradScript, in, &want)
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			Scoped(func() {
				// forward builds fresh leaves, runs the row's function and
				// returns the leaves and its output.
				forward := func() ([]*Tensor, *Tensor) {
					ls := make([]*Tensor, 2)
					for i, l := range r.leaves {
						ls[i] = FromSlice(l, r.shapes[i]...).SetRequiresGrad(true)
					}
					return ls, r.fn(ls[0], ls[1])
				}
				ls, y := forward()
				var g *Tensor
				if r.grad != nil {
					g = FromSlice(r.grad, y.Shape()...)
				}
				switch r.mode {
				case "scalar":
					y.Backward()
				case "with":
					y.BackwardWith(g, false)
				case "retain":
					y.BackwardWith(g, true)
					if g == nil {
						y.Backward()
					} else {
						y.BackwardWith(g, false)
					}
				}
				if len(want[r.name]) != len(r.leaves) {
					t.Fatalf("PyTorch gave %d gradients, want %d", len(want[r.name]), len(r.leaves))
				}
				for i := range r.leaves {
					got := Data[float32](ls[i].Grad())
					closeTo(t, fmt.Sprintf("grad of leaf %d", i), got, want[r.name][i], 1e-6)
				}
				if r.mode != "retain" {
					return
				}
				// One pass on fresh leaves gives half of the two retained passes.
				once, y1 := forward()
				y1.BackwardWith(g, false)
				for i := range r.leaves {
					single := Data[float32](once[i].Grad())
					double := Data[float32](ls[i].Grad())
					for k := range single {
						if double[k] != 2*single[k] {
							t.Errorf("leaf %d element %d: two passes give %v, one pass %v", i, k, double[k], single[k])
						}
					}
				}
			})
		})
	}
}

// closeTo compares float32 results with PyTorch's within rtol (and as much
// absolute tolerance).
func closeTo(t *testing.T, what string, got []float32, want []float64, rtol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d elements, PyTorch %d", what, len(got), len(want))
		return
	}
	for k := range got {
		if d := math.Abs(float64(got[k]) - want[k]); d > rtol*(1+math.Abs(want[k])) {
			t.Errorf("%s: element %d is %v, PyTorch %v", what, k, got[k], want[k])
		}
	}
}

// TestBackwardTwiceWithoutRetainIsAnError: the graph's saved tensors are
// freed by the first pass, so a second is libtorch's error, not a crash,
// and autograd keeps working afterwards.
func TestBackwardTwiceWithoutRetainIsAnError(t *testing.T) {
	Scoped(func() {
		x := FromSlice([]float32{1, 2, 3}).SetRequiresGrad(true)
		y := x.Mul(x).Sum()
		y.Backward()
		tests := []struct {
			name string
			op   string
			fn   func()
		}{
			{"Backward", "Backward", func() { y.Backward() }},
			{"BackwardWith", "BackwardWith", func() { y.BackwardWith(nil, false) }},
		}
		for _, tc := range tests {
			err := Try(tc.fn)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("%s: got %v (%T), want a *torch.Error", tc.name, err, err)
			}
			if e.Op != tc.op || !strings.Contains(e.Msg, "second time") {
				t.Errorf("%s: got op %q, message %q; want op %q and libtorch's \"second time\" message", tc.name, e.Op, e.Msg, tc.op)
			}
		}
		// The first pass's gradient is intact and a new graph works.
		if got := Data[float32](x.Grad()); fmt.Sprint(got) != "[2 4 6]" {
			t.Errorf("grad after the failed passes is %v, want [2 4 6]", got)
		}
		x.SetGradNone()
		x.Exp().Sum().Backward()
		closeTo(t, "grad of exp after the error", Data[float32](x.Grad()), []float64{math.E, math.Exp(2), math.Exp(3)}, 1e-6)
	})
}

// TestGradLifecycle covers Grad before any pass, SetGradNone and
// SetRequiresGrad, including libtorch's refusals.
func TestGradLifecycle(t *testing.T) {
	Scoped(func() {
		x := FromSlice([]float32{1, -2, 3})
		if x.RequiresGrad() || x.Grad() != nil {
			t.Errorf("a new tensor: RequiresGrad %v, Grad %v; want false, nil", x.RequiresGrad(), x.Grad())
		}
		if r := x.SetRequiresGrad(true); r != x {
			t.Errorf("SetRequiresGrad returned another tensor")
		}
		if !x.RequiresGrad() || !x.IsLeaf() || x.Grad() != nil {
			t.Errorf("after SetRequiresGrad(true): RequiresGrad %v, IsLeaf %v, Grad %v; want true, true, nil",
				x.RequiresGrad(), x.IsLeaf(), x.Grad())
		}
		y := x.MulScalar(3)
		if !y.RequiresGrad() || y.IsLeaf() {
			t.Errorf("op on a leaf that requires grad: RequiresGrad %v, IsLeaf %v; want true, false", y.RequiresGrad(), y.IsLeaf())
		}
		if d := y.Detach(); d.RequiresGrad() || !d.IsLeaf() {
			t.Errorf("Detach: RequiresGrad %v, IsLeaf %v; want false, true", d.RequiresGrad(), d.IsLeaf())
		}
		y.Sum().Backward()
		if got := Data[float32](x.Grad()); fmt.Sprint(got) != "[3 3 3]" {
			t.Errorf("grad of sum(3x) is %v, want [3 3 3]", got)
		}
		// A second graph accumulates; after SetGradNone it starts afresh.
		x.MulScalar(3).Sum().Backward()
		if got := Data[float32](x.Grad()); fmt.Sprint(got) != "[6 6 6]" {
			t.Errorf("accumulated grad is %v, want [6 6 6]", got)
		}
		x.SetGradNone()
		if x.Grad() != nil {
			t.Errorf("Grad after SetGradNone is not nil")
		}
		x.MulScalar(3).Sum().Backward()
		if got := Data[float32](x.Grad()); fmt.Sprint(got) != "[3 3 3]" {
			t.Errorf("grad after SetGradNone and one pass is %v, want [3 3 3]", got)
		}
		x.SetRequiresGrad(false)
		if x.RequiresGrad() || x.MulScalar(3).RequiresGrad() {
			t.Errorf("after SetRequiresGrad(false) the leaf or an op on it still requires grad")
		}

		errs := []struct {
			name, msg string
			fn        func()
		}{
			{"non-leaf", "leaf variables", func() { y.SetRequiresGrad(false) }},
			{"integer tensor", "floating point", func() { FromSlice([]int64{1, 2}).SetRequiresGrad(true) }},
			{"backward of a non-scalar without gradient", "scalar outputs", func() { y.Backward() }},
		}
		for _, tc := range errs {
			err := Try(tc.fn)
			if !IsError(err) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("%s: got %v, want a *torch.Error mentioning %q", tc.name, err, tc.msg)
			}
		}
	})
}

// TestGradModes: NoGrad turns recording off for its function and restores
// the previous mode afterwards, also when the function panics; EnableGrad
// turns it back on inside NoGrad.
func TestGradModes(t *testing.T) {
	runtime.LockOSThread() // GradEnabled is per OS thread
	defer runtime.UnlockOSThread()
	Scoped(func() {
		w := FromSlice([]float32{1, 2}).SetRequiresGrad(true)
		records := func() bool { return w.MulScalar(2).RequiresGrad() }
		if !GradEnabled() || !records() {
			t.Fatalf("grad mode is off at the start of the test")
		}
		tests := []struct {
			name string
			fn   func(t *testing.T)
		}{
			{"NoGrad", func(t *testing.T) {
				NoGrad(func() {
					if GradEnabled() || records() {
						t.Errorf("inside NoGrad: GradEnabled %v, op requires grad %v", GradEnabled(), records())
					}
				})
			}},
			{"nested NoGrad restores off", func(t *testing.T) {
				NoGrad(func() {
					NoGrad(func() {})
					if GradEnabled() {
						t.Errorf("an inner NoGrad turned grad mode on for the outer one")
					}
				})
			}},
			{"EnableGrad inside NoGrad", func(t *testing.T) {
				NoGrad(func() {
					EnableGrad(func() {
						if !GradEnabled() || !records() {
							t.Errorf("inside EnableGrad: GradEnabled %v, op requires grad %v", GradEnabled(), records())
						}
					})
					if GradEnabled() || records() {
						t.Errorf("after EnableGrad inside NoGrad, grad mode is back on")
					}
				})
			}},
			{"NoGrad restores after a panic", func(t *testing.T) {
				func() {
					defer func() {
						if r := recover(); r != "boom" {
							t.Errorf("recovered %v, want boom", r)
						}
					}()
					NoGrad(func() { panic("boom") })
				}()
			}},
			{"NoGrad restores after a *torch.Error", func(t *testing.T) {
				err := Try(func() { NoGrad(func() { w.Mm(w) }) })
				if !IsError(err) {
					t.Errorf("got %v, want a *torch.Error", err)
				}
			}},
			{"EnableGrad restores after a panic inside NoGrad", func(t *testing.T) {
				NoGrad(func() {
					func() {
						defer func() { _ = recover() }()
						EnableGrad(func() { panic("boom") })
					}()
					if GradEnabled() {
						t.Errorf("a panicking EnableGrad left grad mode on")
					}
				})
			}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				// Subtests run on their own goroutines; grad mode is per thread.
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				tc.fn(t)
				if !GradEnabled() || !records() {
					t.Errorf("after %s grad mode is off", tc.name)
				}
			})
		}
	})
}

// ExampleTensor_Backward differentiates sum(x²).
func ExampleTensor_Backward() {
	Scoped(func() {
		x := FromSlice([]float32{1, 2, 3}).SetRequiresGrad(true)
		x.Mul(x).Sum().Backward()
		fmt.Println(Data[float32](x.Grad()))
	})
	// Output: [2 4 6]
}
