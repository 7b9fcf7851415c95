package devaug

import (
	"math/rand/v2"
	"testing"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/torch"
)

// benchCrops draws n SimCLR(224) first-view crops (as uint8 images and as
// the Pipeline's float32 batch) with their colour parameters.
func benchCrops(b *testing.B, n int) (v data.View, imgs []*data.Image, cps []data.ColourParams, crops, params []float32) {
	vs := data.SimCLR(224)
	v = vs[0]
	ds := newJPEGSet(b, 8, 260, 300)
	hw := 3 * 224 * 224
	crops, params = make([]float32, n*hw), make([]float32, n*K)
	for i := 0; i < n; i++ {
		s, _ := ds.Item(i % ds.Len())
		err := vs.ProcessGeometry(s, rand.New(rand.NewPCG(uint64(i), 3)), func(vi int, crop *data.Image, cp data.ColourParams) error {
			if vi == 0 {
				imgs = append(imgs, &data.Image{H: crop.H, W: crop.W, C: crop.C, Pix: append([]uint8(nil), crop.Pix...)})
				cps = append(cps, cp)
				cropInto(crops[i*hw:(i+1)*hw], crop)
				ParamsInto(params[i*K:(i+1)*K], cp)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return v, imgs, cps, crops, params
}

// BenchmarkColour compares, per 224² SimCLR image in a batch of 64, the Go
// colour path (ApplyColour + Normalize, one goroutine) with Apply on the
// CPU (libtorch's own threads).
func BenchmarkColour(b *testing.B) {
	const n = 64
	v, imgs, cps, crops, params := benchCrops(b, n)
	b.Run("go", func(b *testing.B) {
		work := data.NewImage(224, 224, 3)
		dst := make([]float32, 3*224*224)
		b.ResetTimer()
		for it := 0; it < b.N; it++ {
			for i, img := range imgs {
				copy(work.Pix, img.Pix)
				v.ApplyColour(work, cps[i])
				v.Normalize.Into(dst, work)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)/1e6, "ms/image")
	})
	b.Run("torch-cpu", func(b *testing.B) {
		torch.Scoped(func() {
			x := torch.FromSlice(crops, n, 3, 224, 224)
			p := torch.FromSlice(params, n, K)
			b.ResetTimer()
			for it := 0; it < b.N; it++ {
				Apply(v, x, p).Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)/1e6, "ms/image")
			b.ReportMetric(float64(torch.NumThreads()), "threads")
		})
	})
}
