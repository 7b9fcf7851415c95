//go:build amd64

package data

// The inner loops of the blur and of the resizes' vertical pass in
// AVX2+FMA assembly (transforms_simd_amd64.s), used when the CPU and OS
// support them; the scalar loops here and in transforms_simd_other.go are
// the portable path. The blur differs from its scalar loop only in float32
// rounding (one fused multiply-add instead of a multiply and an add); the
// resize loops compute the same IEEE operations as theirs.

func cpuid(leaf, sub uint32) (a, b, c, d uint32)
func xgetbv0() (lo, hi uint32)

//go:noescape
func axpyPairAVX2(acc, lo, hi *float32, n int, w float32)

//go:noescape
func scaleAVX2(dst, src *float32, n int, w float32)

// hasAVX2FMA reports AVX2 and FMA with the YMM state enabled by the OS.
func hasAVX2FMA() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, c1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if c1&fma == 0 || c1&osxsave == 0 || c1&avx == 0 {
		return false
	}
	if lo, _ := xgetbv0(); lo&6 != 6 { // XMM and YMM state
		return false
	}
	_, b7, _, _ := cpuid(7, 0)
	return b7&(1<<5) != 0
}

// useSIMD selects the assembly loops; tests switch it off to check the
// scalar path.
var useSIMD = hasAVX2FMA()

// axpyPair sets acc[i] += w·(lo[i] + hi[i]).
func axpyPair(acc, lo, hi []float32, w float32) {
	n := len(acc)
	lo, hi = lo[:n], hi[:n]
	i := 0
	if useSIMD && n >= 8 {
		i = n &^ 7
		axpyPairAVX2(&acc[0], &lo[0], &hi[0], i, w)
	}
	for ; i < n; i++ {
		acc[i] += w * (lo[i] + hi[i])
	}
}

// scaleInto sets dst[i] = w·src[i].
func scaleInto(dst, src []float32, w float32) {
	n := len(dst)
	src = src[:n]
	i := 0
	if useSIMD && n >= 8 {
		i = n &^ 7
		scaleAVX2(&dst[0], &src[0], i, w)
	}
	for ; i < n; i++ {
		dst[i] = w * src[i]
	}
}

//go:noescape
func lerp2AVX2(out *uint8, r0, r1 *float32, n int, w0, w1 float32)

//go:noescape
func cubic4AVX2(out *uint8, r0, r1, r2, r3 *float32, n int, w0, w1, w2, w3 float32)

// vlerp2 sets out[i] = round(fma(r0[i], w0, r1[i]·w1)): the vertical pass
// of a bilinear resize, as PyTorch's kernel computes it.
func vlerp2(out []uint8, r0, r1 []float32, w0, w1 float32) {
	n := len(out)
	r0, r1 = r0[:n], r1[:n]
	i := 0
	if useSIMD && n >= 8 {
		i = n &^ 7
		lerp2AVX2(&out[0], &r0[0], &r1[0], i, w0, w1)
	}
	for ; i < n; i++ {
		out[i] = roundU8(fma32(r0[i], w0, r1[i]*w1))
	}
}

// vcubic4 sets out[i] = round(clamp(r0·w0 + r1·w1 + r2·w2 + r3·w3)), in
// float32 left to right: the vertical pass of a bicubic resize.
func vcubic4(out []uint8, r0, r1, r2, r3 []float32, w0, w1, w2, w3 float32) {
	n := len(out)
	r0, r1, r2, r3 = r0[:n], r1[:n], r2[:n], r3[:n]
	i := 0
	if useSIMD && n >= 8 {
		i = n &^ 7
		cubic4AVX2(&out[0], &r0[0], &r1[0], &r2[0], &r3[0], i, w0, w1, w2, w3)
	}
	for ; i < n; i++ {
		out[i] = cubicRound(r0[i], r1[i], r2[i], r3[i], w0, w1, w2, w3)
	}
}
