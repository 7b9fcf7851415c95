package data

import "fmt"

// Sampler decides which dataset indices an epoch visits and in which order.
// Indices must be a pure function of epoch: the loader calls it again when
// it resumes, and every worker count sees the same order.
type Sampler interface {
	// Len is the number of indices Indices returns for any epoch.
	Len() int
	// Indices returns the epoch's indices in visiting order; the caller owns
	// the slice.
	Indices(epoch int) []int
}

// SequentialSampler visits 0, 1, ..., N-1 every epoch (torch's
// SequentialSampler).
type SequentialSampler struct {
	N int // dataset size
}

// Len returns N.
func (s SequentialSampler) Len() int { return s.N }

// Indices returns 0..N-1.
func (s SequentialSampler) Indices(int) []int {
	p := make([]int, s.N)
	for i := range p {
		p[i] = i
	}
	return p
}

// ShuffleSampler visits every index once per epoch in an order drawn afresh
// each epoch from (Seed, epoch) by Permutation (torch's RandomSampler
// without replacement, with a generator reseeded per epoch).
type ShuffleSampler struct {
	N    int    // dataset size
	Seed uint64 // shuffle seed
}

// Len returns N.
func (s ShuffleSampler) Len() int { return s.N }

// Indices returns Permutation(N, Seed, epoch).
func (s ShuffleSampler) Indices(epoch int) []int { return Permutation(s.N, s.Seed, epoch) }

// DistributedSampler is one rank's share of a dataset split across World
// processes, with the semantics of torch.utils.data.DistributedSampler:
//
//   - the epoch's global order is 0..N-1, or Permutation(N, Seed, epoch) when
//     Shuffle is set (the same on every rank; torch draws it with randperm
//     seeded by seed+epoch, so the orders differ from torch's, the partition
//     does not);
//   - without DropLast the order is padded by repeating it from its start
//     until its length is divisible by World (every rank gets ceil(N/World));
//     with DropLast its tail is cut to a multiple of World (floor(N/World)
//     each);
//   - rank r takes positions r, r+World, r+2·World, ... of that order.
//
// The ranks' shares never overlap except through padding, and together they
// cover every index (without DropLast).
type DistributedSampler struct {
	N        int    // dataset size
	Rank     int    // this process, 0 <= Rank < World
	World    int    // number of processes, >= 1
	Shuffle  bool   // draw a new global order each epoch
	Seed     uint64 // shuffle seed, the same on every rank
	DropLast bool   // cut instead of pad to a multiple of World
}

// Validate reports an impossible configuration.
func (s DistributedSampler) Validate() error {
	switch {
	case s.World < 1:
		return fmt.Errorf("distributed sampler: world size %d < 1", s.World)
	case s.Rank < 0 || s.Rank >= s.World:
		return fmt.Errorf("distributed sampler: rank %d outside [0, %d)", s.Rank, s.World)
	case s.N < 0:
		return fmt.Errorf("distributed sampler: negative dataset size %d", s.N)
	case s.N == 0 && !s.DropLast:
		return fmt.Errorf("distributed sampler: cannot pad an empty dataset")
	}
	return nil
}

// Len is the number of indices per rank: ceil(N/World), or floor(N/World)
// with DropLast.
func (s DistributedSampler) Len() int {
	if s.World < 1 {
		return 0
	}
	if s.DropLast {
		return s.N / s.World
	}
	return (s.N + s.World - 1) / s.World
}

// Indices returns this rank's indices for epoch, or nil if the
// configuration is invalid (see Validate).
func (s DistributedSampler) Indices(epoch int) []int {
	if s.Validate() != nil {
		return nil
	}
	var order []int
	if s.Shuffle {
		order = Permutation(s.N, s.Seed, epoch)
	} else {
		order = SequentialSampler{N: s.N}.Indices(epoch)
	}
	total := s.Len() * s.World
	for len(order) < total { // pad by wrapping around, repeatedly if needed
		order = append(order, order[:min(total-len(order), s.N)]...)
	}
	order = order[:total]
	out := make([]int, 0, s.Len())
	for i := s.Rank; i < total; i += s.World {
		out = append(out, order[i])
	}
	return out
}
