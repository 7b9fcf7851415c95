package data

import (
	"math/bits"
	"math/rand/v2"
)

// The loader's randomness is a pure function of (seed, epoch, index), so the
// batches it produces do not depend on the number of workers or on the order
// in which goroutines run, and a resumed run replays the same stream.
//
// Mixing function: SplitMix64's finaliser (Steele, Lea & Flood 2014; the
// seeding function of java.util.SplittableRandom and xoshiro), applied to the
// inputs one after another:
//
//	mix(x)              = splitmix64(x)
//	K = epochKey(s, e)  = mix(s ^ mix(e))
//	sample words (a, b) = (mix(K ^ mix(i + 1)), mix(a + K))
//	sample generator    = PCG-DXSM seeded with (a, b)       (math/rand/v2)
//	k-th substitute     = ⌊mix(a ^ mix(b ^ k)) · n / 2^64⌋   (broken samples)
//	substitute generator = PCG-DXSM seeded with (c, mix(c + K) ^ tag),
//	                      c = mix(b ^ mix(a ^ mix(k ^ tag)))  (substituteSeed)
//	epoch shuffle       = Fisher–Yates over PCG-DXSM(K, constant)
//
// Both PCG words of a sample depend on its index, so no two samples' 128-bit
// states share a half. Permutation implements its own Fisher–Yates (not
// rand.Shuffle) so that the order never changes with the Go release.

// mix is SplitMix64's finaliser: a bijection on uint64 with good avalanche.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// epochKey derives the 64-bit key shared by everything random in one epoch.
func epochKey(seed uint64, epoch int) uint64 {
	return mix(seed ^ mix(uint64(epoch)))
}

// SampleSeed returns the two PCG seed words of sample index in epoch epoch
// under seed: the state every per-sample generator starts from.
func SampleSeed(seed uint64, epoch, index int) (uint64, uint64) {
	k := epochKey(seed, epoch)
	a := mix(k ^ mix(uint64(index)+1))
	return a, mix(a + k)
}

// SampleRand returns a fresh generator for sample index in epoch epoch under
// seed. The loader reseeds one generator per worker instead of allocating;
// both give the same stream.
func SampleRand(seed uint64, epoch, index int) *rand.Rand {
	return rand.New(rand.NewPCG(SampleSeed(seed, epoch, index)))
}

// replacementIndex is the attempt-th (1, 2, ...) substitute for the broken
// sample index in epoch epoch: a uniform index in [0, n) derived from
// (seed, epoch, index, attempt) alone.
func replacementIndex(seed uint64, epoch, index, attempt, n int) int {
	a, b := SampleSeed(seed, epoch, index)
	return int(boundedUint(mix(a^mix(b^uint64(attempt))), uint64(n)))
}

// boundedUint maps a uniform 64-bit x to [0, n) by Lemire's multiply-shift.
// The bias is below n/2^64, far below anything a loader can observe, and the
// map needs no rejection loop, so it is a pure function of x.
func boundedUint(x, n uint64) uint64 {
	hi, _ := bits.Mul64(x, n)
	return hi
}

// Permutation returns a permutation of [0, n) derived from (seed, epoch):
// Fisher–Yates driven by a PCG-DXSM stream seeded with (epochKey, a fixed
// stream constant), each swap index drawn by multiply-shift. Every rank of
// a distributed job computes the same permutation from the same inputs.
func Permutation(n int, seed uint64, epoch int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	src := rand.NewPCG(epochKey(seed, epoch), 0x5deece66d0b5ad4e)
	for i := n - 1; i > 0; i-- {
		j := int(boundedUint(src.Uint64(), uint64(i+1)))
		p[i], p[j] = p[j], p[i]
	}
	return p
}
