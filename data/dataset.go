package data

// Dataset is an indexed collection of labelled samples. Implementations are
// safe for concurrent Item calls from loader goroutines.
type Dataset interface {
	// Len is the number of samples.
	Len() int
	// Item returns sample i, 0 <= i < Len(). Reading an encoded file is
	// Item's job; decoding it is the pipeline's (see Decode), so a JPEG can be
	// decoded at a reduced scale when the crop will be small.
	Item(i int) (Sample, error)
}

// Sample is one element of a Dataset: either encoded bytes (an image file) or
// already-decoded pixels, plus its label(s).
type Sample struct {
	// Path names the sample's source (a file, or "file.npz[train_images][17]")
	// for error messages and the skipped-sample log.
	Path string
	// Encoded holds the raw file bytes (JPEG, PNG, ...) for file-backed
	// datasets; nil when Image is set.
	Encoded []byte
	// Image holds decoded pixels for array-backed datasets (IDX, CIFAR,
	// npz); nil when Encoded is set.
	Image *Image
	// Label is the class index for single-label data, -1 when unlabelled
	// or multi-label.
	Label int
	// Labels holds multi-label targets (0/1 per class, e.g. ChestMNIST's 14),
	// nil for single-label data.
	Labels []float32
}
