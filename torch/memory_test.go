package torch

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// rssBytes reads the resident set size of this process.
func rssBytes(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(b))
	pages, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// smallNet is conv(1→8, 3×3) → batch norm → relu → global average pool →
// linear(8→10), with its parameters and buffers owned outside any scope.
type smallNet struct {
	convW, convB, bnW, bnB, fcW, fcB *Tensor
	runMean, runVar                  *Tensor
}

func newSmallNet() *smallNet {
	ManualSeed(0)
	return &smallNet{
		convW:   Randn([]int64{8, 1, 3, 3}).MulScalar(0.3).SetRequiresGrad(true),
		convB:   Zeros([]int64{8}, RequiresGrad),
		bnW:     Ones([]int64{8}, RequiresGrad),
		bnB:     Zeros([]int64{8}, RequiresGrad),
		fcW:     Randn([]int64{10, 8}).MulScalar(0.3).SetRequiresGrad(true),
		fcB:     Zeros([]int64{10}, RequiresGrad),
		runMean: Zeros([]int64{8}),
		runVar:  Ones([]int64{8}),
	}
}

func (n *smallNet) params() []*Tensor {
	return []*Tensor{n.convW, n.convB, n.bnW, n.bnB, n.fcW, n.fcB}
}

func (n *smallNet) close() { CloseAll(append(n.params(), n.runMean, n.runVar)...) }

// step runs one SGD step on a batch and returns the loss.
func (n *smallNet) step(x, y *Tensor, lr float64) float64 {
	var loss float64
	Scoped(func() {
		h := x.Conv2d(n.convW, n.convB, Conv2dOptions{Padding: [2]int64{1, 1}})
		h = h.BatchNorm(n.runMean, n.runVar, n.bnW, n.bnB, true, 0.1, 1e-5).Relu()
		logits := h.MeanDims([]int64{2, 3}, false).Linear(n.fcW, n.fcB)
		l := CrossEntropy(logits, y, CrossEntropyOptions{})
		l.Backward()
		NoGrad(func() {
			for _, p := range n.params() {
				p.AddScaled_(p.Grad(), -lr)
				p.SetGradNone()
			}
		})
		loss = l.Item()
	})
	return loss
}

// A long training loop holds memory flat: every intermediate is freed by its
// scope, none is left to the garbage collector.
func TestTrainingLoopHoldsMemoryFlat(t *testing.T) {
	const steps, measureFrom = 10000, 1000
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	net := newSmallNet()
	defer net.close()
	x := Randn([]int64{16, 1, 8, 8})
	y := Randint(0, 10, []int64{16})
	defer CloseAll(x, y)

	var rss0, live0 int64
	first := net.step(x, y, 0.1)
	var last float64
	for i := 1; i <= steps; i++ {
		last = net.step(x, y, 0.1)
		if i%2000 == 0 && testing.Verbose() {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			t.Logf("step %d: RSS %.2f MB, Go heap in use %.2f MB, Go sys %.2f MB", i, float64(rssBytes(t))/1e6, float64(ms.HeapInuse)/1e6, float64(ms.Sys)/1e6)
		}
		if i == measureFrom {
			debug.FreeOSMemory()
			rss0, live0 = rssBytes(t), LiveTensors()
		}
	}
	// FreeOSMemory collects and returns freed Go heap pages to the OS, so
	// RSS measures what the process holds, not what Go's background
	// scavenger has yet to give back (a few MB that come and go).
	debug.FreeOSMemory()
	rss1, live1 := rssBytes(t), LiveTensors()
	growth := rss1 - rss0
	t.Logf("RSS at step %d: %.1f MB, at step %d: %.1f MB, growth %.2f MB; live tensors %d → %d; loss %.3f → %.3f",
		measureFrom, float64(rss0)/1e6, steps, float64(rss1)/1e6, float64(growth)/1e6, live0, live1, first, last)
	if live1 != live0 {
		t.Errorf("live tensors went from %d to %d", live0, live1)
	}
	if growth > 5<<20 {
		t.Errorf("RSS grew by %.2f MB between steps %d and %d, limit 5 MB", float64(growth)/1e6, measureFrom, steps)
	}
	if !(last < first) {
		t.Errorf("loss did not decrease: %.4f → %.4f", first, last)
	}
}
