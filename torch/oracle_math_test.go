package torch

func init() {
	registerCases(map[string]opCase{
		"add_broadcast": func(in []*Tensor) []*Tensor { return one(in[0].Add(in[1])) },
		"exp":           func(in []*Tensor) []*Tensor { return one(in[0].Exp()) },
		"log":           func(in []*Tensor) []*Tensor { return one(in[0].Log()) },
		"matmul":        func(in []*Tensor) []*Tensor { return one(in[0].Matmul(in[1])) },
		"sum_dims":      func(in []*Tensor) []*Tensor { return one(in[0].SumDims([]int64{0, 2}, true)) },
		"max_dim":       func(in []*Tensor) []*Tensor { return two(in[0].MaxDim(1, false)) },
	})
}
