package torch

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strconv"
	"testing"
	"time"
)

// addInPlaceMicros times calls of a.Add_(b) on one-element tensors and
// returns the median µs per call over repeats, as bench_dispatch.py does.
func addInPlaceMicros(calls, repeats int) float64 {
	a, b := Ones([]int64{1}), Ones([]int64{1})
	defer CloseAll(a, b)
	for i := 0; i < 1000; i++ { // warm-up
		a.Add_(b)
	}
	times := make([]float64, repeats)
	for r := range times {
		t0 := time.Now()
		for i := 0; i < calls; i++ {
			a.Add_(b)
		}
		times[r] = time.Since(t0).Seconds() * 1e6 / float64(calls)
	}
	slices.Sort(times)
	return times[repeats/2]
}

// pythonAddInPlaceMicros runs the same measurement through PyTorch's Python
// API on the same libtorch.
func pythonAddInPlaceMicros(b *testing.B, calls, repeats int) float64 {
	out, err := exec.Command(python, "../third_party/pytorch/bench_dispatch.py",
		strconv.Itoa(calls), strconv.Itoa(repeats)).Output()
	if err != nil {
		b.Fatalf("bench_dispatch.py: %v", err)
	}
	var r struct {
		US float64 `json:"us_per_op"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		b.Fatalf("bench_dispatch.py printed %q: %v", out, err)
	}
	return r.US
}

// BenchmarkDispatchAddInPlace is 10,000 one-element in-place adds through Go
// and through Python, side by side: each iteration runs one Go round and one
// Python round, and the reported figures are medians over iterations. Run
// with -benchtime 5x; the figure to quote is go/torch.
func BenchmarkDispatchAddInPlace(b *testing.B) {
	const calls, repeats = 10000, 5
	prev := NumThreads()
	SetNumThreads(1)
	defer SetNumThreads(prev)
	var goUS, pyUS, ratios []float64
	for i := 0; i < b.N; i++ {
		g := addInPlaceMicros(calls, repeats)
		p := pythonAddInPlaceMicros(b, calls, repeats)
		goUS, pyUS, ratios = append(goUS, g), append(pyUS, p), append(ratios, g/p)
	}
	b.ReportMetric(median(goUS)*1000, "go-ns/call")
	b.ReportMetric(median(pyUS)*1000, "torch-ns/call")
	b.ReportMetric(median(ratios), "go/torch")
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
