package data

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// encodedDataset serves JPEG bytes from memory, so a benchmark measures
// decoding, augmentation and collation rather than the disk.
type encodedDataset struct{ blobs [][]byte }

func (d *encodedDataset) Len() int { return len(d.blobs) }

func (d *encodedDataset) Item(i int) (Sample, error) {
	return Sample{Path: fmt.Sprintf("mem/%04d.jpg", i), Encoded: d.blobs[i], Label: i % 10}, nil
}

var benchJPEGs = sync.OnceValue(func() *encodedDataset {
	d := &encodedDataset{}
	for i := range 32 {
		d.blobs = append(d.blobs, syntheticJPEG(500, 375, uint64(i), 90))
	}
	return d
})

// BenchmarkLoader measures the two-view loader on ImageNet-like JPEGs
// (500×375, q90) held in memory; b.N counts source images, each giving two
// 224² views. Run with -cpu to set the worker count:
//
//	go test -run '^$' -bench BenchmarkLoader -benchtime 200x -cpu 1,2 ./data
func BenchmarkLoader(b *testing.B) {
	for _, name := range []string{"simclr", "byol", "supcon"} {
		b.Run(name, func(b *testing.B) { benchLoader(b, benchJPEGs(), benchPipeline(name)) })
	}
}

// BenchmarkLoaderOverhead measures the loader alone: a pipeline that
// touches one value per view, so the time is scheduling, seeding,
// bookkeeping and reassembly in order.
func BenchmarkLoaderOverhead(b *testing.B) {
	touch := overheadPipe{Shape{C: 3, H: 224, W: 224}}
	benchLoader(b, &memDataset{n: 256, h: 1, w: 1}, touch)
}

type overheadPipe struct{ s Shape }

func (p overheadPipe) Shapes() []Shape { return []Shape{p.s, p.s} }
func (p overheadPipe) Process(s Sample, r *rand.Rand, dst [][]float32) error {
	dst[0][0], dst[1][0] = float32(r.Uint32()), float32(s.Label)
	return nil
}

func benchLoader(b *testing.B, ds Dataset, pipe Pipeline) {
	const batch = 32
	l, err := NewLoader(ds, pipe, LoaderOptions{BatchSize: batch, Log: quietLog()})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for range 4 { // start-up; fill the buffer pool (Prefetch+1 buffers)
		l.Next()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n += batch {
		if !l.Next() {
			b.Fatal(l.Err())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "img/s")
}

// benchPipeline returns a preset's views at 224².
func benchPipeline(name string) Pipeline {
	switch name {
	case "byol":
		return BYOL(224)
	case "supcon":
		return SupCon(224)
	}
	return SimCLR(224)
}
