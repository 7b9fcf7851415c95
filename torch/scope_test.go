package torch

import (
	"fmt"
	"runtime"
	"testing"
)

// live runs fn and returns how many tensor handles it left alive.
func live(fn func()) int64 {
	before := LiveTensors()
	fn()
	return LiveTensors() - before
}

func TestTidyFreesAllButTheResult(t *testing.T) {
	var tmp []*Tensor
	var got *Tensor
	leaked := live(func() {
		got = Tidy(func() *Tensor {
			a := Ones([]int64{4, 4})
			b := a.MulScalar(2)
			c := b.Add(a).Exp()
			tmp = []*Tensor{a, b}
			return c.Sum()
		})
	})
	if leaked != 1 {
		t.Fatalf("%d handles alive after Tidy, want 1 (the result)", leaked)
	}
	for i, x := range tmp {
		if !x.Closed() {
			t.Errorf("temporary %d survived its scope", i)
		}
	}
	if got.Closed() {
		t.Fatal("result was closed")
	}
	got.Close()
	if !got.Closed() {
		t.Fatal("Close did not close")
	}
}

func TestTidyResultKinds(t *testing.T) {
	tests := []struct {
		name string
		run  func() []*Tensor
	}{
		{"tensor", func() []*Tensor { return []*Tensor{Tidy(func() *Tensor { return Zeros([]int64{2}) })} }},
		{"slice", func() []*Tensor {
			return Tidy(func() []*Tensor { return Ones([]int64{6}).Chunk(3, 0) })
		}},
		{"Tensors method", func() []*Tensor {
			return Tidy(func() tensorPair { return tensorPair{Ones([]int64{1}), Zeros([]int64{1})} }).Tensors()
		}},
		{"keep", func() []*Tensor {
			var k *Tensor
			Scoped(func() { k = Keep(Ones([]int64{3}).MulScalar(3)) })
			return []*Tensor{k}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out []*Tensor
			leaked := live(func() { out = tt.run() })
			if int(leaked) != len(out) {
				t.Fatalf("%d handles alive, want %d", leaked, len(out))
			}
			for i, x := range out {
				if x.Closed() {
					t.Errorf("result %d closed", i)
				}
			}
			if n := live(func() { CloseAll(out...) }); int(n) != -len(out) {
				t.Errorf("closing freed %d handles, want %d", -n, len(out))
			}
		})
	}
}

type tensorPair struct{ a, b *Tensor }

func (p tensorPair) Tensors() []*Tensor { return []*Tensor{p.a, p.b} }

func TestNestedTidyMovesResultToParent(t *testing.T) {
	var inner *Tensor
	leaked := live(func() {
		Scoped(func() {
			inner = Tidy(func() *Tensor { return Ones([]int64{2}).MulScalar(5) })
			if inner.Closed() {
				t.Fatal("inner result closed at the end of the inner scope")
			}
			if v := Data[float32](inner); v[0] != 5 {
				t.Fatalf("inner result %v", v)
			}
		})
	})
	if leaked != 0 {
		t.Fatalf("%d handles leaked", leaked)
	}
	if !inner.Closed() {
		t.Fatal("inner result outlived the outer scope")
	}
}

func TestTidyFreesOnPanic(t *testing.T) {
	var a *Tensor
	leaked := live(func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Fatalf("recovered %v", r)
			}
		}()
		Scoped(func() {
			a = Ones([]int64{3})
			panic("boom")
		})
	})
	if leaked != 0 || !a.Closed() {
		t.Fatalf("leaked %d handles, a closed: %v", leaked, a.Closed())
	}
}

func TestCloseIsIdempotentAndNilSafe(t *testing.T) {
	var nilT *Tensor
	nilT.Close()
	a := Ones([]int64{2})
	n := live(func() {
		a.Close()
		a.Close()
	})
	if n != -1 {
		t.Fatalf("two Closes freed %d handles, want 1", -n)
	}
	CloseAll(nil, a)
}

func TestUseAfterCloseIsAnError(t *testing.T) {
	a := Ones([]int64{2})
	b := Ones([]int64{2})
	defer b.Close()
	a.Close()
	var escaped *Tensor
	Scoped(func() { escaped = Ones([]int64{2}) })
	tests := []struct {
		name, op, msg string
		fn            func()
	}{
		{"closed receiver", "Exp", "use of closed tensor", func() { a.Exp() }},
		{"closed argument", "Add", "use of closed tensor", func() { b.Add(a) }},
		{"ended scope", "Sum", "use of closed tensor", func() { escaped.Sum() }},
		{"metadata", "Shape", "use of closed tensor", func() { a.Shape() }},
		{"nil", "Relu", "nil tensor", func() { var n *Tensor; n.Relu() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantOpError(t, tt.fn, tt.op, tt.msg) })
	}
}

func TestTryPassesOtherPanicsThrough(t *testing.T) {
	defer func() {
		if r := recover(); r != "not torch" {
			t.Fatalf("recovered %v", r)
		}
	}()
	_ = Try(func() { panic("not torch") })
	t.Fatal("Try swallowed a foreign panic")
}

func TestCleanupBackstopFreesUnreachableTensors(t *testing.T) {
	before := LiveTensors()
	for i := 0; i < 100; i++ {
		_ = Ones([]int64{8})
	}
	for i := 0; i < 20 && LiveTensors() > before; i++ {
		runtime.GC()
	}
	if n := LiveTensors() - before; n > 0 {
		t.Fatalf("%d unreachable tensors still alive after GC", n)
	}
}

func ExampleTidy() {
	w := Ones([]int64{3}) // owned by the caller, like a parameter
	defer w.Close()
	loss := Tidy(func() *Tensor {
		x := Arange(0, 3, 1)  // freed when Tidy returns
		return x.Mul(w).Sum() // survives: it is the result
	})
	defer loss.Close()
	fmt.Println(loss.Item())
	// Output: 3
}

// A tensor that no scope owns and nothing references after the call starts
// must not be freed by its cleanup while libtorch is still using it.
func TestUnownedArgumentsOutliveTheCall(t *testing.T) {
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				runtime.GC()
			}
		}
	}()
	defer func() { close(stop); <-done }()
	const n = 2_000_000
	one := Ones([]int64{1})
	defer one.Close()
	for i := 0; i < 20; i++ {
		sum := one.Add(Ones([]int64{n})).Sum() // the big temporary is garbage once passed
		if got := sum.Item(); got != 2*n {
			t.Fatalf("iteration %d: sum %v, want %v", i, got, 2*n)
		}
		sum.Close()
	}
}
