package data

// The presets follow the reference implementations' augmentations (see
// shared/reference/recipes.md), with ImageNet mean/std normalisation and
// 3 output channels at any size: 224 for ImageNet, 32 for CIFAR, 28 for
// Fashion-MNIST-like grayscale data (whose gray images are replicated to
// 3 channels before the colour operations, as torchvision does after
// PIL's convert("RGB")). Change the fields of the returned views to vary
// them, e.g. v.Normalize for 1-channel output or v.Interp.

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
		Normalize: Normalize{Mean: ImageNetMean, Std: ImageNetStd},
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
		Normalize:         Normalize{Mean: ImageNetMean, Std: ImageNetStd},
	}
	v1, v2 := v, v
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
		Normalize: Normalize{Mean: ImageNetMean, Std: ImageNetStd},
	}, 2)
}

// Eval returns the evaluation transform: Resize(int(size/0.875)) of the
// shorter side (256 for 224, 36 for 32, 32 for 28), CenterCrop(size),
// bilinear, ImageNet normalisation; no randomness.
func Eval(size int) View {
	return View{
		Size:       size,
		EvalResize: int(float64(size) / 0.875),
		Interp:     Bilinear,
		Normalize:  Normalize{Mean: ImageNetMean, Std: ImageNetStd},
	}
}
