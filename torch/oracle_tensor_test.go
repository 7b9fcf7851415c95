package torch

func init() {
	registerCases(map[string]opCase{
		"view":         func(in []*Tensor) []*Tensor { return one(in[0].View(3, 4)) },
		"reshape":      func(in []*Tensor) []*Tensor { return one(in[0].Transpose(0, 1).Reshape(-1)) },
		"cat":          func(in []*Tensor) []*Tensor { return one(Cat(in, 1)) },
		"index_select": func(in []*Tensor) []*Tensor { return one(in[0].IndexSelect(0, in[1])) },
	})
}
