package data_test

import (
	"fmt"

	"github.com/selfsup/selfsup/data"
)

func ExampleDistributedSampler() {
	// 10 samples over 3 ranks: padded to 12 by repeating the order's start,
	// rank r takes positions r, r+3, r+6, r+9.
	for rank := range 3 {
		s := data.DistributedSampler{N: 10, Rank: rank, World: 3}
		fmt.Println(rank, s.Indices(0))
	}
	// With DropLast the tail is cut instead: 3 each.
	fmt.Println(data.DistributedSampler{N: 10, Rank: 0, World: 3, DropLast: true}.Indices(0))
	// Output:
	// 0 [0 3 6 9]
	// 1 [1 4 7 0]
	// 2 [2 5 8 1]
	// [0 3 6]
}
