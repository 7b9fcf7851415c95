package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"testing"

	"github.com/selfsup/selfsup/internal/pyoracle"
)

type distCase struct {
	N        int    `json:"n"`
	World    int    `json:"world"`
	DropLast bool   `json:"drop_last"`
	Shuffle  bool   `json:"shuffle"`
	Seed     uint64 `json:"seed"`
	Epoch    int    `json:"epoch"`
}

// torchDistributed runs the oracle script and returns, per case, every
// rank's indices from torch.utils.data.DistributedSampler.
func torchDistributed(t *testing.T, cases []distCase) [][][]int {
	t.Helper()
	in, _ := json.Marshal(cases)
	cmd := exec.Command(pyoracle.Python(), "../third_party/pytorch/distributed_sampler.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("PyTorch oracle (/usr/bin/python3 with torch is required): %v\n%s", err, stderr.String())
	}
	var res [][][]int
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("oracle output: %v", err)
	}
	return res
}

// checkPartition verifies DistributedSampler semantics on ranks' lists:
// equal lengths, rank r holding positions r, r+W, ... of one global order
// whose first min(N, total) entries are distinct and whose padding repeats
// the order from its start.
func checkPartition(c distCase, ranks [][]int) error {
	per := (c.N + c.World - 1) / c.World
	if c.DropLast {
		per = c.N / c.World
	}
	total := per * c.World
	global := make([]int, total)
	for r, idx := range ranks {
		if len(idx) != per {
			return fmt.Errorf("rank %d has %d indices, want %d", r, len(idx), per)
		}
		for j, i := range idx {
			global[r+j*c.World] = i
		}
	}
	seen := map[int]bool{}
	for p, i := range global {
		switch {
		case i < 0 || i >= c.N:
			return fmt.Errorf("index %d out of range", i)
		case p < c.N && seen[i]:
			return fmt.Errorf("index %d twice before padding", i)
		case p >= c.N && global[p] != global[p-c.N]:
			return fmt.Errorf("padding at %d is %d, want the order's %d", p, i, global[p-c.N])
		}
		seen[i] = true
	}
	if !c.DropLast && len(seen) != c.N {
		return fmt.Errorf("%d of %d indices covered", len(seen), c.N)
	}
	return nil
}

func TestDistributedSamplerMatchesTorch(t *testing.T) {
	var cases []distCase
	for _, n := range []int{1, 2, 3, 5, 7, 10, 13, 16} {
		for world := 1; world <= 4; world++ {
			for _, drop := range []bool{false, true} {
				for _, shuffle := range []bool{false, true} {
					cases = append(cases, distCase{N: n, World: world, DropLast: drop, Shuffle: shuffle, Seed: 3, Epoch: 2})
				}
			}
		}
	}
	want := torchDistributed(t, cases)
	for ci, c := range cases {
		name := fmt.Sprintf("n%d/world%d/drop%v/shuffle%v", c.N, c.World, c.DropLast, c.Shuffle)
		got := make([][]int, c.World)
		for r := range c.World {
			s := DistributedSampler{N: c.N, Rank: r, World: c.World, Shuffle: c.Shuffle, Seed: c.Seed, DropLast: c.DropLast}
			got[r] = s.Indices(c.Epoch)
			if s.Len() != len(want[ci][r]) {
				t.Errorf("%s rank %d: Len %d, torch %d", name, r, s.Len(), len(want[ci][r]))
			}
		}
		if err := checkPartition(c, want[ci]); err != nil {
			t.Fatalf("%s: the checker rejects torch itself: %v", name, err)
		}
		if err := checkPartition(c, got); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		// Without shuffling the order is 0..N-1 and the indices must be
		// torch's exactly; with it, only the partition must match.
		if !c.Shuffle {
			for r := range got {
				if !slices.Equal(got[r], want[ci][r]) {
					t.Errorf("%s rank %d: %v, torch %v", name, r, got[r], want[ci][r])
				}
			}
		}
	}
}

func TestDistributedSamplerEpochs(t *testing.T) {
	s := DistributedSampler{N: 20, Rank: 1, World: 3, Shuffle: true, Seed: 9}
	if !slices.Equal(s.Indices(4), s.Indices(4)) {
		t.Fatal("same epoch, different order")
	}
	if slices.Equal(s.Indices(0), s.Indices(1)) {
		t.Fatal("epochs 0 and 1 have the same order")
	}
	t2 := s
	t2.Seed = 10
	if slices.Equal(s.Indices(0), t2.Indices(0)) {
		t.Fatal("seeds 9 and 10 give the same order")
	}
	for _, bad := range []DistributedSampler{{N: 5, World: 0}, {N: 5, Rank: 3, World: 3}, {N: 5, Rank: -1, World: 2}, {N: 0, World: 2}} {
		if bad.Validate() == nil || bad.Indices(0) != nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestSequentialAndShuffleSamplers(t *testing.T) {
	for _, n := range []int{0, 1, 2, 9, 100} {
		seq := SequentialSampler{N: n}.Indices(3)
		if len(seq) != n {
			t.Fatalf("sequential %d: len %d", n, len(seq))
		}
		for i, v := range seq {
			if v != i {
				t.Fatalf("sequential %d: position %d holds %d", n, i, v)
			}
		}
		sh := ShuffleSampler{N: n, Seed: 1}
		for e := range 3 {
			p := sh.Indices(e)
			if !slices.Equal(slices.Sorted(slices.Values(p)), seq) {
				t.Fatalf("shuffle %d epoch %d: not a permutation: %v", n, e, p)
			}
			if !slices.Equal(p, sh.Indices(e)) {
				t.Fatalf("shuffle %d epoch %d: not reproducible", n, e)
			}
		}
		if n >= 9 && slices.Equal(sh.Indices(0), sh.Indices(1)) {
			t.Fatalf("shuffle %d: epochs 0 and 1 equal", n)
		}
	}
}
