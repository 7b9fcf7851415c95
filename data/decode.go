package data

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	stdjpeg "image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	"github.com/selfsup/selfsup/data/jpeg"
)

// DecodeOptions control Decode.
type DecodeOptions struct {
	// Channels is the channel count of the result: 1 (gray) or 3 (RGB);
	// 0 keeps the file's own (1 for grayscale files, 3 otherwise). Colour
	// is converted as PIL's convert does (see ConvertChannels): a colour
	// JPEG read as 1 channel is decoded to RGB, then Luma is taken (its
	// stored Y differs by up to ~13 levels where RGB clips).
	Channels int
	// MinSide > 0 lets a JPEG be decoded at a reduced scale in the DCT
	// domain: the largest of 1/2, 1/4 and 1/8 (see jpeg.Reductions) whose
	// shorter side stays >= MinSide. The decode itself gets only somewhat
	// cheaper (entropy decoding is not reduced: on a 500×375 JPEG 1/2, 1/4
	// and 1/8 take 0.93, 0.86 and 0.71 of the full time), every later step
	// on the smaller image much cheaper; but the pixels differ from a full
	// decode followed by a resize, and a random crop then samples its box
	// on the reduced image.
	// Views.Process avoids the latter: it samples each crop on the full
	// size and reduces only as far as every crop keeps its output
	// resolution. PNG and other formats ignore MinSide.
	MinSide int
	// FastDCT uses libjpeg-turbo's fast IDCT and upsampling: quicker, but
	// pixels differ from PIL's by a few levels.
	FastDCT bool
}

// Decode returns s's pixels: s.Image itself when set (converted to
// opt.Channels when that differs), otherwise s.Encoded decoded. JPEG goes
// through libjpeg-turbo (data/jpeg; the pure-Go image/jpeg only when
// TurboJPEG cannot start, and for CMYK/YCCK JPEGs, which it converts to
// RGB), PNG (8- and 16-bit gray, gray+alpha, RGB, RGBA, palette) through
// image/png with 16-bit samples mapped onto 8 bits over the full range
// (To8Bit) and alpha dropped (as PIL's convert("RGB")), binary PGM/PPM and
// GIF (first frame) through small readers, BMP, TIFF and WebP (the rest of
// torchvision's IMG_EXTENSIONS) through golang.org/x/image. A corrupt, truncated, empty or
// unrecognised input is an error naming s.Path.
func Decode(s Sample, opt DecodeOptions) (*Image, error) {
	return decodeSample(s, opt, jpeg.Full, nil)
}

// decodeSample decodes s at JPEG scale sf (ignored for other formats),
// reusing buf's storage for JPEG pixels when large enough.
func decodeSample(s Sample, opt DecodeOptions, sf jpeg.ScalingFactor, buf []byte) (img *Image, err error) {
	if opt.Channels != 0 && opt.Channels != 1 && opt.Channels != 3 {
		return nil, fmt.Errorf("data: decode %s: %d channels requested (want 0, 1 or 3)", s.Path, opt.Channels)
	}
	defer func() {
		// The decoders should never panic; if one does on hostile input,
		// report it as a broken sample rather than crash the loader.
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("data: decode %s: decoder panic: %v", s.Path, p)
		}
	}()
	if s.Image != nil {
		if opt.Channels == 0 || opt.Channels == s.Image.C {
			return s.Image, nil
		}
		return ConvertChannels(s.Image, opt.Channels)
	}
	b := s.Encoded
	switch decSniff(b) {
	case decJPEGFormat:
		if opt.MinSide > 0 && sf == jpeg.Full {
			if hdr, err := jpeg.DecodeHeader(b); err == nil {
				sf = jpeg.Reduction(hdr.Width, hdr.Height, opt.MinSide, opt.MinSide)
			}
		}
		img, err = decodeJPEG(b, opt, sf, buf)
	case decPNGFormat:
		img, err = decStdlib(png.DecodeConfig, png.Decode, b)
	case decGIFFormat:
		img, err = decStdlib(gif.DecodeConfig, gif.Decode, b)
	case decPNMFormat:
		img, err = decodePNM(b)
	case decBMPFormat:
		img, err = decStdlib(bmp.DecodeConfig, bmp.Decode, b)
	case decTIFFFormat:
		img, err = decStdlib(tiff.DecodeConfig, tiff.Decode, b)
	case decWebPFormat:
		img, err = decStdlib(webp.DecodeConfig, webp.Decode, b)
	case decEmpty:
		err = errors.New("empty file")
	default:
		err = fmt.Errorf("unrecognised image format (starts % x)", b[:min(len(b), 8)])
	}
	if err != nil {
		return nil, fmt.Errorf("data: decode %s: %w", s.Path, err)
	}
	if opt.Channels != 0 && img.C != opt.Channels {
		if img, err = ConvertChannels(img, opt.Channels); err != nil {
			return nil, fmt.Errorf("data: decode %s: %w", s.Path, err)
		}
	}
	return img, nil
}

type decFormat int

const (
	decUnknown decFormat = iota
	decEmpty
	decJPEGFormat
	decPNGFormat
	decGIFFormat
	decPNMFormat
	decBMPFormat
	decTIFFFormat
	decWebPFormat
)

// decSniff recognises an encoded image by its magic bytes.
func decSniff(b []byte) decFormat {
	switch {
	case len(b) == 0:
		return decEmpty
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return decJPEGFormat
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return decPNGFormat
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return decGIFFormat
	case len(b) >= 3 && b[0] == 'P' && (b[1] == '5' || b[1] == '6') && isPNMSpace(b[2]):
		return decPNMFormat
	case bytes.HasPrefix(b, []byte("BM")):
		return decBMPFormat
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return decTIFFFormat
	case len(b) >= 12 && bytes.HasPrefix(b, []byte("RIFF")) && string(b[8:12]) == "WEBP":
		return decWebPFormat
	}
	return decUnknown
}

// decodeJPEG decodes with TurboJPEG, falling back to image/jpeg when
// TurboJPEG is unavailable or the JPEG is CMYK/YCCK.
func decodeJPEG(b []byte, opt DecodeOptions, sf jpeg.ScalingFactor, buf []byte) (*Image, error) {
	pix, w, h, c, err := jpeg.Decode(buf, b, jpeg.Options{Scale: sf, FastDCT: opt.FastDCT})
	if err == nil {
		return &Image{H: h, W: w, C: c, Pix: pix}, nil
	}
	if errors.Is(err, jpeg.ErrUnavailable) || errors.Is(err, jpeg.ErrCMYK) {
		return decStdlib(stdjpeg.DecodeConfig, stdjpegDecode, b)
	}
	return nil, err
}

// decStdlib decodes with a standard-library decoder and converts the
// result to an 8-bit gray or RGB Image. The header is checked first, so a
// corrupt one cannot make the decoder allocate gigabytes.
func decStdlib(config func(io.Reader) (image.Config, error), dec func(io.Reader) (image.Image, error), b []byte) (*Image, error) {
	cfg, err := config(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > jpeg.MaxPixels {
		return nil, fmt.Errorf("bad or too large dimensions %dx%d", cfg.Width, cfg.Height)
	}
	m, err := dec(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return decFromStdImage(m)
}

// decFromStdImage converts a decoded image.Image: gray stays 1 channel,
// everything else becomes RGB with alpha dropped; 16-bit samples map onto
// 8 bits with To8Bit's rounding.
func decFromStdImage(m image.Image) (*Image, error) {
	r := m.Bounds()
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("empty %dx%d image", w, h)
	}
	switch m := m.(type) {
	case *image.Gray:
		out := NewImage(h, w, 1)
		for y := 0; y < h; y++ {
			copy(out.Pix[y*w:(y+1)*w], m.Pix[y*m.Stride:y*m.Stride+w])
		}
		return out, nil
	case *image.Gray16:
		out := NewImage(h, w, 1)
		for y := 0; y < h; y++ {
			copy(out.Pix[y*w:(y+1)*w], To8BitBE(m.Pix[y*m.Stride:y*m.Stride+2*w]))
		}
		return out, nil
	case *image.RGBA: // opaque, as image/png makes it: premultiplying changed nothing
		return decDropAlpha8(h, w, m.Pix, m.Stride), nil
	case *image.NRGBA:
		return decDropAlpha8(h, w, m.Pix, m.Stride), nil
	case *image.RGBA64:
		return decDropAlpha16(h, w, m.Pix, m.Stride), nil
	case *image.NRGBA64:
		return decDropAlpha16(h, w, m.Pix, m.Stride), nil
	case *image.Paletted:
		var pal [256][3]uint8
		for i, c := range m.Palette {
			pal[i] = decPaletteRGB(c)
		}
		return decRGBRows(h, w, func(y int, d []uint8) {
			s := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				p := pal[s[x]]
				d[3*x], d[3*x+1], d[3*x+2] = p[0], p[1], p[2]
			}
		}), nil
	case *image.YCbCr:
		return decRGBRows(h, w, func(y int, d []uint8) {
			for x := 0; x < w; x++ {
				yi, ci := m.YOffset(r.Min.X+x, r.Min.Y+y), m.COffset(r.Min.X+x, r.Min.Y+y)
				d[3*x], d[3*x+1], d[3*x+2] = color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			}
		}), nil
	case *image.CMYK:
		return decRGBRows(h, w, func(y int, d []uint8) {
			s := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				d[3*x], d[3*x+1], d[3*x+2] = color.CMYKToRGB(s[4*x], s[4*x+1], s[4*x+2], s[4*x+3])
			}
		}), nil
	}
	// Any other model: through color.NRGBA64 (alpha dropped).
	return decRGBRows(h, w, func(y int, d []uint8) {
		for x := 0; x < w; x++ {
			c := color.NRGBA64Model.Convert(m.At(r.Min.X+x, r.Min.Y+y)).(color.NRGBA64)
			d[3*x], d[3*x+1], d[3*x+2] = sample8(uint32(c.R)), sample8(uint32(c.G)), sample8(uint32(c.B))
		}
	}), nil
}

// decPaletteRGB is a palette entry's colour without alpha (not premultiplied).
func decPaletteRGB(c color.Color) [3]uint8 {
	switch c := c.(type) {
	case color.NRGBA:
		return [3]uint8{c.R, c.G, c.B}
	case color.RGBA:
		if c.A == 0xff || c.A == 0 {
			return [3]uint8{c.R, c.G, c.B}
		}
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return [3]uint8{n.R, n.G, n.B}
}

// decRGBRows makes an h×w RGB image, filling row y with fill(y, row).
// decDropAlpha8 keeps R, G, B of 8-bit RGBA rows (PIL's convert("RGB")).
func decDropAlpha8(h, w int, pix []uint8, stride int) *Image {
	return decRGBRows(h, w, func(y int, d []uint8) {
		s := pix[y*stride:]
		for x := 0; x < w; x++ {
			d[3*x], d[3*x+1], d[3*x+2] = s[4*x], s[4*x+1], s[4*x+2]
		}
	})
}

// decDropAlpha16 keeps R, G, B of 16-bit big-endian RGBA rows, mapped onto
// 8 bits.
func decDropAlpha16(h, w int, pix []uint8, stride int) *Image {
	return decRGBRows(h, w, func(y int, d []uint8) {
		s := pix[y*stride:]
		for x := 0; x < w; x++ {
			for c := 0; c < 3; c++ {
				d[3*x+c] = sample8(uint32(s[8*x+2*c])<<8 | uint32(s[8*x+2*c+1]))
			}
		}
	})
}

func decRGBRows(h, w int, fill func(y int, row []uint8)) *Image {
	out := NewImage(h, w, 3)
	for y := 0; y < h; y++ {
		fill(y, out.Pix[y*w*3:(y+1)*w*3])
	}
	return out
}

// stdjpegDecode is image/jpeg's decoder, the fallback.
var stdjpegDecode = stdjpeg.Decode
