package torch

import (
	"runtime"
	"sync"
	"testing"
)

// requiresGradOfOp reports whether an op on a grad-requiring leaf records
// a graph on the calling thread: the observable effect of grad mode.
func requiresGradOfOp() bool {
	var rg bool
	Scoped(func() {
		x := Ones([]int64{2}, RequiresGrad)
		rg = x.MulScalar(2).RequiresGrad()
	})
	return rg
}

func TestNoGradDoesNotLeakToOtherGoroutines(t *testing.T) {
	inside := make(chan struct{})
	checked := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		NoGrad(func() {
			if requiresGradOfOp() {
				t.Error("op inside NoGrad recorded a graph")
			}
			close(inside)
			<-checked // hold grad mode off while the other goroutine works
		})
	}()
	<-inside
	// Every other goroutine, whatever thread it lands on, still records.
	var others sync.WaitGroup
	for i := 0; i < 8; i++ {
		others.Add(1)
		go func() {
			defer others.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			if !GradEnabled() || !requiresGradOfOp() {
				t.Error("grad mode leaked into another goroutine")
			}
		}()
	}
	others.Wait()
	close(checked)
	wg.Wait()
}

func TestNoGradRestoresTheThreadsMode(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	NoGrad(func() {
		if GradEnabled() {
			t.Fatal("grad enabled inside NoGrad")
		}
		EnableGrad(func() {
			if !requiresGradOfOp() {
				t.Error("EnableGrad inside NoGrad did not record")
			}
		})
		if GradEnabled() {
			t.Error("EnableGrad did not restore no-grad")
		}
	})
	if !GradEnabled() || !requiresGradOfOp() {
		t.Fatal("grad mode not restored on the same thread")
	}
	func() {
		defer func() { _ = recover() }()
		NoGrad(func() { panic("boom") })
	}()
	if !GradEnabled() {
		t.Fatal("grad mode not restored after a panic in NoGrad")
	}
}

// Many goroutines toggling grad mode at once never see each other's mode.
func TestNoGradUnderConcurrency(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(off bool) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if off {
					NoGrad(func() {
						if requiresGradOfOp() {
							t.Error("recorded under NoGrad")
						}
					})
				} else {
					runtime.LockOSThread()
					if !requiresGradOfOp() {
						t.Error("grad mode off outside NoGrad")
					}
					runtime.UnlockOSThread()
				}
				runtime.Gosched()
			}
		}(g%2 == 0)
	}
	wg.Wait()
}
