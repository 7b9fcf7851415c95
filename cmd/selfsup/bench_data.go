package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/spf13/pflag"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/data/feed"
	"github.com/selfsup/selfsup/torch"
)

// benchCommands are the subcommands of "selfsup bench"; files that add a
// benchmark register theirs here from init.
var benchCommands = map[string]command{}

func init() {
	commands["bench"] = command{summary: "measure throughput (bench data: the multi-view loader)", run: runBench}
	benchCommands["data"] = command{summary: "two-view loader throughput over a data set", run: runBenchData}
}

func runBench(args []string, stdout, stderr io.Writer) int {
	return commandSet{"selfsup bench", "benchmark", benchCommands}.dispatch(args, stdout, stderr)
}

// benchDataResult is the one JSON line "bench data" prints on stdout; the
// PyTorch side (third_party/pytorch/bench_data.py) prints the same.
type benchDataResult struct {
	TwoViewImgPerS float64 `json:"two_view_img_per_s"`
	Workers        int     `json:"workers"`
	Skipped        int64   `json:"skipped"`
}

func runBenchData(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("selfsup bench data", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", "", "the data set's folder")
	format := fs.String("format", "imagefolder", "how --root is laid out: "+strings.Join(formatNames(), "|"))
	preset := fs.String("preset", "simclr", "augmentations: "+strings.Join(presetNames(), "|"))
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "decoding goroutines")
	seconds := fs.Float64("seconds", 20, "measured duration, after the warm-up")
	warmup := fs.Float64("warmup", 3, "seconds run before measuring")
	size := fs.Int("size", 224, "output side of each view")
	batch := fs.Int("batch", 64, "batch size")
	prefetch := fs.Int("prefetch", 0, "batches in flight (0: the loader's default)")
	seed := fs.Uint64("seed", 0, "augmentation and shuffle seed")
	device := fs.String("device", "cpu", "where batches go: cpu|cuda")
	maxBroken := fs.Float64("max-broken", 0.01, "stop when more than this fraction of the samples tried are broken")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: selfsup bench data --root DIR [flags]\n\n"+
			"Runs the two-view loader over an ImageFolder and prints one JSON line,\n"+
			`{"two_view_img_per_s": x, "workers": n, "skipped": k}, on stdout.`+"\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "selfsup bench data: %v\n", err)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "selfsup bench data: unexpected arguments %q\n", fs.Args())
		return 2
	}
	res, err := benchData(benchDataConfig{root: *root, format: *format, preset: *preset, workers: *workers, batch: *batch,
		prefetch: *prefetch, size: *size, seed: *seed, device: *device,
		seconds: *seconds, warmup: *warmup, maxBroken: *maxBroken}, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "selfsup bench data: %v\n", err)
		return 1
	}
	line, _ := json.Marshal(res)
	fmt.Fprintln(stdout, string(line))
	return 0
}

type benchDataConfig struct {
	root, format    string
	preset, device  string
	workers, batch  int
	prefetch, size  int
	seed            uint64
	seconds, warmup float64
	maxBroken       float64
}

func benchData(c benchDataConfig, stderr io.Writer) (benchDataResult, error) {
	switch {
	case c.root == "":
		return benchDataResult{}, fmt.Errorf("--root is required")
	case c.seconds <= 0 || c.warmup < 0:
		return benchDataResult{}, fmt.Errorf("--seconds %g / --warmup %g: want > 0 / >= 0", c.seconds, c.warmup)
	case c.workers <= 0:
		return benchDataResult{}, fmt.Errorf("--workers %d: want > 0", c.workers)
	case c.maxBroken <= 0 || c.maxBroken > 1:
		return benchDataResult{}, fmt.Errorf("--max-broken %g: want a fraction in (0, 1]", c.maxBroken)
	}
	dev, err := torch.ParseDevice(c.device)
	if err != nil {
		return benchDataResult{}, fmt.Errorf("--device: %v", err)
	}
	if dev.Type == torch.DeviceCUDA && !torch.CUDAAvailable() {
		return benchDataResult{}, fmt.Errorf("--device %s: CUDA is not available to this libtorch (see selfsup version); use --device cpu", c.device)
	}
	pipe, err := presetPipeline(c.preset, c.size)
	if err != nil {
		return benchDataResult{}, err
	}
	open, ok := formats[c.format]
	if !ok {
		return benchDataResult{}, fmt.Errorf("--format %q: want one of %s", c.format, strings.Join(formatNames(), ", "))
	}
	ds, err := open(c.root)
	if err != nil {
		return benchDataResult{}, err
	}
	log := logrus.New()
	log.SetOutput(stderr)
	f := feed.New(dev)
	defer f.Close() // after the loader's Close: it frees the loader's buffers
	l, err := data.NewLoader(ds, pipe, data.LoaderOptions{BatchSize: c.batch, Seed: c.seed,
		Workers: c.workers, Prefetch: c.prefetch, MaxBrokenFraction: c.maxBroken, Log: log, Alloc: f.Alloc})
	if err != nil {
		return benchDataResult{}, err
	}
	defer l.Close()
	start := time.Now()
	var t0 time.Time
	var cpu0 float64
	images := 0
	for l.Next() {
		now := time.Now()
		if t0.IsZero() {
			if now.Sub(start).Seconds() >= c.warmup {
				t0, cpu0 = now, cpuSeconds() // batches up to here were warm-up
			}
			continue
		}
		// The batch goes to the device as a training step would take it,
		// so the figure includes the hand-over.
		b := l.Batch()
		if err := torch.Try(func() { torch.Scoped(func() { f.Batch(b) }) }); err != nil {
			return benchDataResult{}, err
		}
		images += b.N
		if el := now.Sub(t0).Seconds(); el >= c.seconds {
			rate, cpu := float64(images)/el, cpuSeconds()-cpu0
			fmt.Fprintf(stderr, "selfsup %s two-view: %.1f img/s (%.1f per worker), %d images in %.1f s, "+
				"%.1f CPU s (%.1f img per CPU second), %d files, %d skipped, views %v\n",
				c.preset, rate, rate/float64(c.workers), images, el, cpu, float64(images)/cpu, ds.Len(),
				l.Skipped(), l.Shapes())
			return benchDataResult{TwoViewImgPerS: round2(rate), Workers: c.workers, Skipped: l.Skipped()}, nil
		}
	}
	if err := l.Err(); err != nil {
		return benchDataResult{}, err
	}
	return benchDataResult{}, fmt.Errorf("loader ended early") // Epochs 0 never ends
}

// cpuSeconds is the user+system CPU time this process has used: on a
// shared machine, images per CPU second is steadier than per wall second.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }

// formats open the data set layouts "bench data" reads, by name.
var formats = map[string]func(root string) (data.Dataset, error){
	"imagefolder":   func(root string) (data.Dataset, error) { return data.NewImageFolder(root) },
	"fashion-mnist": func(root string) (data.Dataset, error) { return data.FashionMNIST(root, true) },
	"mnist":         func(root string) (data.Dataset, error) { return data.MNIST(root, true) },
	"cifar10":       func(root string) (data.Dataset, error) { return data.CIFAR10(root, true) },
}

func formatNames() []string { return sortedKeys(formats) }

// presets are the augmentation presets "bench data" knows by name.
var presets = map[string]func(size int) data.Views{
	"simclr": data.SimCLR,
	"byol":   data.BYOL,
	"supcon": data.SupCon,
}

func presetNames() []string { return sortedKeys(presets) }

// presetPipeline returns the named preset's views at the given size.
func presetPipeline(name string, size int) (data.Pipeline, error) {
	p, ok := presets[name]
	if !ok {
		return nil, fmt.Errorf("--preset %q: want one of %s", name, strings.Join(presetNames(), ", "))
	}
	vs := p(size)
	if err := vs.Validate(); err != nil {
		return nil, fmt.Errorf("--preset %s --size %d: %w", name, size, err)
	}
	return vs, nil
}
