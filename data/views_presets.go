package data

import "slices"

// The presets follow the reference implementations' augmentations (see
// shared/reference/recipes.md), with ImageNet mean/std normalisation and
// 3 output channels at any size: 224 for ImageNet, 32 for CIFAR, 28 for
// Fashion-MNIST-like grayscale data (whose gray images are replicated to
// 3 channels before the colour operations, as torchvision does after
// PIL's convert("RGB")). Change the fields of the returned views to vary
// them, e.g. v.Normalize for 1-channel output or v.Interp; each view owns
// its slices.
//
// At CIFAR sizes the papers' own small-image recipes differ from these
// ImageNet ones: SimCLR's CIFAR-10 run uses colour strength 0.5 and no blur,
// solo-learn's CIFAR BYOL has no blur, and SupContrast normalises CIFAR with
// CIFAR's statistics. Set Jitter, BlurP and Normalize accordingly.

// SimCLR returns SimCLR's two symmetric views (Chen et al. 2020,
// google-research/simclr data_util.py): RandomResizedCrop(size, scale
// (0.08, 1), ratio (3/4, 4/3)) resized bicubically, flip p 0.5,
// ColorJitter(0.8, 0.8, 0.8, 0.2) with p 0.8 (strength 1.0), grayscale
// p 0.2, Gaussian blur with p 0.5, kernel BlurKernel(size) (23 at 224) and
// σ ∈ [0.1, 2].
func SimCLR(size int) Views {
	return NViews(View{
		Size:      size,
		Scale:     [2]float64{0.08, 1},
		Ratio:     [2]float64{3.0 / 4, 4.0 / 3},
		Interp:    Bicubic,
		FlipP:     0.5,
		Jitter:    ColorJitter{Brightness: 0.8, Contrast: 0.8, Saturation: 0.8, Hue: 0.2},
		JitterP:   0.8,
		GrayP:     0.2,
		Blur:      GaussianBlur{Kernel: BlurKernel(size), SigmaMin: 0.1, SigmaMax: 2},
		BlurP:     0.5,
		Normalize: imageNetNormalize(),
	}, 2)
}

// BYOL returns BYOL's two asymmetric views (Grill et al. 2020,
// deepmind-research byol/utils/augmentations.py): both RandomResizedCrop
// (0.08, 1) bicubic, flip p 0.5, ColorJitter(0.4, 0.4, 0.2, 0.1) with
// p 0.8, grayscale p 0.2; view 1 blurs always and never solarizes, view 2
// blurs with p 0.1 and solarizes (threshold 0.5, i.e. 128) with p 0.2.
func BYOL(size int) Views {
	v := View{
		Size:              size,
		Scale:             [2]float64{0.08, 1},
		Ratio:             [2]float64{3.0 / 4, 4.0 / 3},
		Interp:            Bicubic,
		FlipP:             0.5,
		Jitter:            ColorJitter{Brightness: 0.4, Contrast: 0.4, Saturation: 0.2, Hue: 0.1},
		JitterP:           0.8,
		GrayP:             0.2,
		Blur:              GaussianBlur{Kernel: BlurKernel(size), SigmaMin: 0.1, SigmaMax: 2},
		SolarizeThreshold: 128,
		Normalize:         imageNetNormalize(),
	}
	v1, v2 := v.clone(), v.clone()
	v1.BlurP, v1.SolarizeP = 1, 0
	v2.BlurP, v2.SolarizeP = 0.1, 0.2
	return Views{v1, v2}
}

// SupCon returns SupContrast's two symmetric views (Khosla et al. 2020,
// HobbitLong/SupContrast main_supcon.py): RandomResizedCrop(size, scale
// (0.2, 1)) with torchvision's default bilinear resize, flip p 0.5,
// ColorJitter(0.4, 0.4, 0.4, 0.1) with p 0.8, grayscale p 0.2, no blur.
func SupCon(size int) Views {
	return NViews(View{
		Size:      size,
		Scale:     [2]float64{0.2, 1},
		Ratio:     [2]float64{3.0 / 4, 4.0 / 3},
		Interp:    Bilinear,
		FlipP:     0.5,
		Jitter:    ColorJitter{Brightness: 0.4, Contrast: 0.4, Saturation: 0.4, Hue: 0.1},
		JitterP:   0.8,
		GrayP:     0.2,
		Normalize: imageNetNormalize(),
	}, 2)
}

// Eval returns the evaluation transform: Resize(int(size/0.875)) of the
// shorter side (256 for 224), CenterCrop(size), bilinear, ImageNet
// normalisation; no randomness. Below 64 pixels (CIFAR, MedMNIST, Fashion-
// MNIST), where SupContrast, solo-learn and lightly evaluate at the native
// resolution, the shorter side is resized to size itself, which leaves a
// size×size image as it is.
func Eval(size int) View {
	resize := int(float64(size) / 0.875)
	if size < 64 {
		resize = size
	}
	return View{
		Size:       size,
		EvalResize: resize,
		Interp:     Bilinear,
		Normalize:  imageNetNormalize(),
	}
}

// imageNetNormalize is ImageNet's mean/std normalisation with slices of its
// own, so that editing one preset's never changes another's.
func imageNetNormalize() Normalize {
	return Normalize{Mean: slices.Clone(ImageNetMean), Std: slices.Clone(ImageNetStd)}
}
