// Package data feeds images to training: datasets (ImageFolder, CSV
// manifests, MedMNIST .npz, MNIST/Fashion-MNIST IDX, binary CIFAR),
// decoding, augmentations and the multi-view loader. A Dataset is indexed:
// Item(i) returns a Sample holding either a file's encoded bytes (decoded
// later by the pipeline) or decoded pixels, with a class index in Label or,
// for multi-label data, 0/1 targets in Labels and Label -1. Decoded pixels
// are an 8-bit Image in HWC layout with 1 or 3 channels. Datasets are
// read-only after construction and safe for concurrent Item calls; their
// constructors validate the files up front and return errors that name the
// file (and the row, array or record) at fault. Where torchvision has the
// same dataset, ours lists the same samples in the same order with the same
// labels, and tests compare against it.
package data
