package torch

func init() {
	registerCases(map[string]opCase{
		"conv2d_stride_pad": func(in []*Tensor) []*Tensor {
			return one(in[0].Conv2d(in[1], in[2], Conv2dOptions{Stride: [2]int64{2, 2}, Padding: [2]int64{1, 1}}))
		},
		"cross_entropy": func(in []*Tensor) []*Tensor {
			return one(CrossEntropy(in[0], in[1], DefaultCrossEntropy))
		},
	})
}
