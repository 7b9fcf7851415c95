// Package jpeg decodes JPEG images with libjpeg-turbo's TurboJPEG API
// (Debian libturbojpeg0-dev), the same library PIL decodes with, so pixels
// match PIL's exactly with the default (accurate) IDCT. It can decode at a
// reduced scale in the DCT domain (1/8 … 7/8), which is much cheaper than a
// full decode followed by a resize.
//
// This is the only cgo in package data and its subpackages. All functions
// are safe for concurrent use: decompressor handles come from a small free
// list, one per call in flight.
package jpeg

/*
#cgo LDFLAGS: -lturbojpeg
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

// libjpeg-turbo 2.1 keeps part of its error state per OS thread:
// tjGetErrorStr2 falls back to a thread-local message for errors raised
// inside libjpeg (including the "Premature end of JPEG file" warning). A
// goroutine may move to another OS thread between two cgo calls, so each
// operation and the capture of its error happen in one C call: sf_err copies
// the message into err (SF_ERRLEN bytes) and the error code into *code.
#define SF_ERRLEN 256

static void sf_err(tjhandle h, char *err, int *code) {
	const char *s = tjGetErrorStr2(h);
	if (s == NULL) s = "unknown TurboJPEG error";
	strncpy(err, s, SF_ERRLEN - 1);
	err[SF_ERRLEN - 1] = 0;
	*code = tjGetErrorCode(h);
}
static int sf_header(tjhandle h, const unsigned char *b, unsigned long n,
		int *w, int *ht, int *ss, int *cs, char *err, int *code) {
	int r = tjDecompressHeader3(h, b, n, w, ht, ss, cs);
	if (r != 0) sf_err(h, err, code);
	return r;
}
static int sf_decompress(tjhandle h, const unsigned char *b, unsigned long n,
		unsigned char *dst, int w, int ht, int pf, int flags, char *err, int *code) {
	int r = tjDecompress2(h, b, n, dst, w, 0, ht, pf, flags);
	if (r != 0) sf_err(h, err, code);
	return r;
}

static int sf_count(void) {
	int n = 0;
	if (tjGetScalingFactors(&n) == NULL) return 0;
	return n;
}
static int sf_get(int i, int *num, int *denom) {
	int n = 0;
	tjscalingfactor *sf = tjGetScalingFactors(&n);
	if (sf == NULL || i < 0 || i >= n) return -1;
	*num = sf[i].num;
	*denom = sf[i].denom;
	return 0;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unsafe"
)

// Colorspace is the colour space of a JPEG's stored components.
type Colorspace int

// JPEG colour spaces, TurboJPEG's TJCS values.
const (
	RGB   Colorspace = C.TJCS_RGB
	YCbCr Colorspace = C.TJCS_YCbCr
	Gray  Colorspace = C.TJCS_GRAY
	CMYK  Colorspace = C.TJCS_CMYK
	YCCK  Colorspace = C.TJCS_YCCK
)

// String names the colour space.
func (c Colorspace) String() string {
	switch c {
	case RGB:
		return "RGB"
	case YCbCr:
		return "YCbCr"
	case Gray:
		return "gray"
	case CMYK:
		return "CMYK"
	case YCCK:
		return "YCCK"
	}
	return fmt.Sprintf("Colorspace(%d)", int(c))
}

// Header is what a JPEG's header says, read without decompressing it.
type Header struct {
	Width, Height int
	Colorspace    Colorspace
	// Subsampling is TurboJPEG's TJSAMP value (0 = 4:4:4, 2 = 4:2:0, ...).
	Subsampling int
}

// ScalingFactor is a decode scale Num/Denom supported by the decompressor.
type ScalingFactor struct{ Num, Denom int }

// Scaled returns the size of a dimension dim decoded at scale f: the
// ceiling of dim·Num/Denom (TurboJPEG's TJSCALED).
func (f ScalingFactor) Scaled(dim int) int { return (dim*f.Num + f.Denom - 1) / f.Denom }

// Full is the scale factor 1/1.
var Full = ScalingFactor{1, 1}

// Options control Decode.
type Options struct {
	// Gray decodes to one channel (a colour JPEG's luma, Y) instead of RGB.
	Gray bool
	// Scale is the DCT-domain scale; the zero value means 1/1. It must be one
	// of ScalingFactors().
	Scale ScalingFactor
	// FastDCT uses the fast integer IDCT (TJFLAG_FASTDCT) and fast chroma
	// upsampling (TJFLAG_FASTUPSAMPLE): quicker, but pixels then differ from
	// PIL's by a few levels.
	FastDCT bool
}

// MaxPixels bounds width·height (of the stored image, before any DCT
// scaling) of a JPEG that Decode accepts, so a corrupt or hostile header
// cannot make it allocate gigabytes — in every loader worker at once. The
// default, 178,956,970 (about 537 MB of RGB), is PIL's: Image.open warns
// (DecompressionBombWarning) above Image.MAX_IMAGE_PIXELS = 89,478,485 and
// raises DecompressionBombError above twice that. It is a variable so that a
// program with larger images can raise it; set it before decoding starts,
// since it is read without synchronisation.
var MaxPixels = 2 * 89478485

// ErrUnavailable is returned when TurboJPEG cannot create a decompressor;
// callers may fall back to a pure-Go decoder.
var ErrUnavailable = errors.New("jpeg: cannot initialise a TurboJPEG decompressor")

// ErrCMYK is returned by Decode for CMYK and YCCK JPEGs, which TurboJPEG
// cannot convert to RGB; callers may decode them another way.
var ErrCMYK = errors.New("jpeg: CMYK/YCCK JPEG cannot be decoded to RGB by TurboJPEG")

// Handles: a bounded free list, so handles are reused and never leaked
// (a sync.Pool would drop them without tjDestroy).
var free = make(chan C.tjhandle, 64)

func getHandle() (C.tjhandle, error) {
	select {
	case h := <-free:
		return h, nil
	default:
	}
	h := C.tjInitDecompress()
	if h == nil {
		return nil, ErrUnavailable
	}
	return h, nil
}

// putHandle returns h to the free list; a handle that saw an error is
// destroyed instead, since TurboJPEG keeps state (e.g. Huffman tables from
// a corrupt or tables-only stream) across calls.
func putHandle(h C.tjhandle, ok bool) {
	if !ok {
		C.tjDestroy(h)
		return
	}
	select {
	case free <- h:
	default:
		C.tjDestroy(h)
	}
}

// Available reports whether a TurboJPEG decompressor can be created.
func Available() bool {
	h, err := getHandle()
	if err != nil {
		return false
	}
	putHandle(h, true)
	return true
}

var (
	factorsOnce sync.Once
	factors     []ScalingFactor
)

// ScalingFactors lists the supported scales, largest first (libjpeg-turbo
// 2.1: 2/1 down to 1/8 in steps of 1/8).
func ScalingFactors() []ScalingFactor {
	factorsOnce.Do(func() {
		n := int(C.sf_count())
		for i := 0; i < n; i++ {
			var num, denom C.int
			if C.sf_get(C.int(i), &num, &denom) == 0 {
				factors = append(factors, ScalingFactor{int(num), int(denom)})
			}
		}
		sort.Slice(factors, func(i, j int) bool {
			return factors[i].Num*factors[j].Denom > factors[j].Num*factors[i].Denom
		})
	})
	return append([]ScalingFactor(nil), factors...)
}

// Reductions lists the reduced scales worth decoding at, largest first:
// 1/2, 1/4 and 1/8, for which libjpeg-turbo has SIMD inverse DCTs. The
// other factors (7/8 … 3/8) decode more slowly than the full size (1.4–1.6×
// on a 500×375 JPEG), so they are never chosen.
func Reductions() []ScalingFactor {
	var out []ScalingFactor
	for _, f := range ScalingFactors() {
		if f.Num == 1 && (f.Denom == 2 || f.Denom == 4 || f.Denom == 8) {
			out = append(out, f)
		}
	}
	return out
}

// Reduction returns the smallest of Full and Reductions() for which both
// dimensions of a w×h image stay at least minW and minH.
func Reduction(w, h, minW, minH int) ScalingFactor {
	best := Full
	for _, f := range Reductions() {
		if f.Scaled(w) >= minW && f.Scaled(h) >= minH && f.Num*best.Denom < best.Num*f.Denom {
			best = f
		}
	}
	return best
}

// tjError is an error message and code captured by sf_err in the same C
// call as the operation that failed.
type tjError struct {
	msg  [C.SF_ERRLEN]C.char
	code C.int
}

func (e *tjError) String() string { return strings.TrimSpace(C.GoString(&e.msg[0])) }

func bufPtr(b []byte) *C.uchar { return (*C.uchar)(unsafe.Pointer(unsafe.SliceData(b))) }

// DecodeHeader reads a JPEG's dimensions and colour space.
func DecodeHeader(b []byte) (Header, error) {
	if len(b) == 0 {
		return Header{}, errors.New("jpeg: empty input")
	}
	h, err := getHandle()
	if err != nil {
		return Header{}, err
	}
	var w, ht, ss, cs C.int
	var e tjError
	if C.sf_header(h, bufPtr(b), C.ulong(len(b)), &w, &ht, &ss, &cs, &e.msg[0], &e.code) != 0 {
		err := fmt.Errorf("jpeg: %s", e.String())
		putHandle(h, false)
		return Header{}, err
	}
	if w <= 0 || ht <= 0 {
		putHandle(h, false) // a tables-only stream primed the handle
		return Header{}, errors.New("jpeg: no image in stream (tables only)")
	}
	putHandle(h, true)
	return Header{Width: int(w), Height: int(ht), Colorspace: Colorspace(cs), Subsampling: int(ss)}, nil
}

// Decode decompresses the JPEG in b to 8-bit interleaved pixels (RGB, or
// gray with opt.Gray or for a grayscale JPEG), reusing dst's storage when
// it is large enough. It returns the pixels, the width, height and channel
// count. A truncated stream ("premature end of JPEG file") is an error;
// other libjpeg warnings (e.g. extraneous bytes before a marker) are not,
// as in PIL.
func Decode(dst, b []byte, opt Options) (pix []byte, w, h, c int, err error) {
	hdr, err := DecodeHeader(b)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	if hdr.Colorspace == CMYK || hdr.Colorspace == YCCK {
		return nil, 0, 0, 0, ErrCMYK
	}
	sf := opt.Scale
	if sf.Num == 0 || sf.Denom == 0 {
		sf = Full
	}
	w, h = sf.Scaled(hdr.Width), sf.Scaled(hdr.Height)
	if w <= 0 || h <= 0 || hdr.Width*hdr.Height > MaxPixels {
		return nil, 0, 0, 0, fmt.Errorf("jpeg: bad or too large dimensions %dx%d", hdr.Width, hdr.Height)
	}
	pf := C.int(C.TJPF_RGB)
	c = 3
	if opt.Gray || hdr.Colorspace == Gray {
		pf, c = C.TJPF_GRAY, 1
	}
	n := w * h * c
	if cap(dst) >= n {
		pix = dst[:n]
	} else {
		pix = make([]byte, n)
	}
	flags := C.int(C.TJFLAG_ACCURATEDCT)
	if opt.FastDCT {
		flags = C.TJFLAG_FASTDCT | C.TJFLAG_FASTUPSAMPLE
	}
	th, err := getHandle()
	if err != nil {
		return nil, 0, 0, 0, err
	}
	var e tjError
	if C.sf_decompress(th, bufPtr(b), C.ulong(len(b)), bufPtr(pix), C.int(w), C.int(h), pf, flags, &e.msg[0], &e.code) != 0 {
		msg := e.String()
		fatal := e.code == C.TJERR_FATAL || strings.Contains(strings.ToLower(msg), "premature end")
		putHandle(th, false)
		if fatal {
			return nil, 0, 0, 0, fmt.Errorf("jpeg: %s", msg)
		}
		return pix, w, h, c, nil
	}
	putHandle(th, true)
	return pix, w, h, c, nil
}
