package data

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSampleRandReseedMatchesFresh(t *testing.T) {
	src := rand.NewPCG(0, 0)
	r := rand.New(src)
	for _, c := range [][3]int{{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {12345, 7, 999999}} {
		src.Seed(SampleSeed(uint64(c[0]), c[1], c[2]))
		fresh := SampleRand(uint64(c[0]), c[1], c[2])
		for range 8 {
			if a, b := r.Uint64(), fresh.Uint64(); a != b {
				t.Fatalf("%v: reseeded %x, fresh %x", c, a, b)
			}
		}
	}
}

func TestSampleSeedsDistinct(t *testing.T) {
	// Neighbouring (seed, epoch, index) triples must give unrelated streams:
	// no two of them share a first output.
	seen := map[uint64][3]int{}
	for seed := range 4 {
		for epoch := range 8 {
			for index := range 256 {
				v := SampleRand(uint64(seed), epoch, index).Uint64()
				if prev, ok := seen[v]; ok {
					t.Fatalf("(%d,%d,%d) and %v share their first output", seed, epoch, index, prev)
				}
				seen[v] = [3]int{seed, epoch, index}
			}
		}
	}
}

func TestPermutationUniform(t *testing.T) {
	// Where element 0 lands over many epochs: uniform over n positions.
	const n, trials = 8, 16000
	var counts [n]int
	for e := range trials {
		p := Permutation(n, 5, e)
		if !slices.Equal(slices.Sorted(slices.Values(p)), SequentialSampler{N: n}.Indices(0)) {
			t.Fatalf("epoch %d: not a permutation: %v", e, p)
		}
		counts[slices.Index(p, 0)]++
	}
	chi2 := 0.0
	for _, c := range counts {
		d := float64(c) - trials/n
		chi2 += d * d / (trials / n)
	}
	// 7 degrees of freedom: P(chi2 > 24.3) ≈ 0.001.
	if chi2 > 24.3 {
		t.Fatalf("position of 0 not uniform: counts %v, chi2 %.1f", counts, chi2)
	}
}

// TestPermutationStable pins the mixing function, one sample's seed and
// one permutation: a saved
// Position must resume the same stream under any later Go release or
// refactoring, so a change here is a breaking change to checkpoints.
func TestPermutationStable(t *testing.T) {
	// SplitMix64's reference output for state 0 (Vigna's splitmix64.c).
	if got := mix(0); got != 0xe220a8397b1dcdaf {
		t.Fatalf("mix(0) = %#x, splitmix64 gives 0xe220a8397b1dcdaf", got)
	}
	if a, b := SampleSeed(1, 2, 3); a != 0x36e7ab3b4c9445 || b != 0x9e3a48b5b4591e2 {
		t.Fatalf("SampleSeed(1, 2, 3) = %#x, %#x, was 0x36e7ab3b4c9445, 0x9e3a48b5b4591e2", a, b)
	}
	got := Permutation(10, 1, 0)
	want := []int{1, 8, 6, 3, 4, 7, 0, 2, 9, 5}
	if !slices.Equal(got, want) {
		t.Fatalf("Permutation(10, 1, 0) = %v, was %v", got, want)
	}
}

func TestReplacementIndex(t *testing.T) {
	const n = 10
	var counts [n]int
	for i := range 2000 {
		for attempt := 1; attempt <= 5; attempt++ {
			j := replacementIndex(3, 1, i, attempt, n)
			if j < 0 || j >= n {
				t.Fatalf("index %d attempt %d: %d out of range", i, attempt, j)
			}
			if j != replacementIndex(3, 1, i, attempt, n) {
				t.Fatal("not a function of its inputs")
			}
			counts[j]++
		}
	}
	for j, c := range counts {
		if math.Abs(float64(c)-1000) > 150 {
			t.Fatalf("replacement %d chosen %d times of 10000", j, c)
		}
	}
}
