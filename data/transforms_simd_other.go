//go:build !amd64

package data

// useSIMD is false off amd64: the scalar loops run.
var useSIMD = false

// axpyPair sets acc[i] += w·(lo[i] + hi[i]).
func axpyPair(acc, lo, hi []float32, w float32) {
	lo, hi = lo[:len(acc)], hi[:len(acc)]
	for i := range acc {
		acc[i] += w * (lo[i] + hi[i])
	}
}

// scaleInto sets dst[i] = w·src[i].
func scaleInto(dst, src []float32, w float32) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] = w * src[i]
	}
}

// vlerp2 sets out[i] = round(fma(r0[i], w0, r1[i]·w1)): the vertical pass
// of a bilinear resize, as PyTorch's kernel computes it.
func vlerp2(out []uint8, r0, r1 []float32, w0, w1 float32) {
	r0, r1 = r0[:len(out)], r1[:len(out)]
	for i := range out {
		out[i] = roundU8(fma32(r0[i], w0, r1[i]*w1))
	}
}

// vcubic4 sets out[i] = round(clamp(r0·w0 + r1·w1 + r2·w2 + r3·w3)), in
// float32 left to right: the vertical pass of a bicubic resize.
func vcubic4(out []uint8, r0, r1, r2, r3 []float32, w0, w1, w2, w3 float32) {
	r0, r1, r2, r3 = r0[:len(out)], r1[:len(out)], r2[:len(out)], r3[:len(out)]
	for i := range out {
		out[i] = cubicRound(r0[i], r1[i], r2[i], r3[i], w0, w1, w2, w3)
	}
}
