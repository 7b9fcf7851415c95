package torch_test

import (
	"fmt"

	"github.com/selfsup/selfsup/torch"
)

func ExampleTry() {
	a := torch.Ones([]int64{2, 3})
	defer a.Close()
	err := torch.Try(func() { a.Mm(a) }) // 2×3 @ 2×3: a shape mismatch
	fmt.Println(err)
	// Output: torch: Mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)
}

func ExampleNoGrad() {
	w := torch.Ones([]int64{3}, torch.RequiresGrad)
	defer w.Close()
	torch.Scoped(func() {
		w.MulScalar(2).Sum().Backward() // dw = 2
		torch.NoGrad(func() {
			w.AddScaled_(w.Grad(), -0.5) // an SGD step, not recorded
		})
	})
	fmt.Println(torch.Data[float32](w))
	// Output: [0 0 0]
}

func ExampleFromSlice() {
	x := torch.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	defer x.Close()
	torch.Scoped(func() {
		s := x.SumDims([]int64{1}, false)
		fmt.Println(s.Shape(), torch.Data[float32](s))
	})
	// Output: [2] [6 15]
}

func ExampleRNGState() {
	torch.ManualSeed(42)
	state := torch.RNGState(torch.CPU)
	a := torch.Randn([]int64{3})
	torch.SetRNGState(torch.CPU, state)
	b := torch.Randn([]int64{3})
	defer torch.CloseAll(a, b)
	fmt.Println(torch.Data[float32](a)[0] == torch.Data[float32](b)[0])
	// Output: true
}
