package data

import (
	"errors"
	"fmt"
)

// isPNMSpace reports whether c is netpbm header whitespace.
func isPNMSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// decodePNM reads a binary PGM (P5) or PPM (P6) image, 8- or 16-bit
// (maxval up to 65535, 16-bit samples big-endian); samples are scaled from
// [0, maxval] onto [0, 255], rounding to nearest.
func decodePNM(b []byte) (*Image, error) {
	c := 1
	if b[1] == '6' {
		c = 3
	}
	pos := 2
	var vals [3]int
	for k := range vals {
		// Skip whitespace and comments.
		for pos < len(b) && (isPNMSpace(b[pos]) || b[pos] == '#') {
			if b[pos] == '#' {
				for pos < len(b) && b[pos] != '\n' {
					pos++
				}
				continue
			}
			pos++
		}
		start := pos
		v := 0
		for pos < len(b) && b[pos] >= '0' && b[pos] <= '9' {
			v = v*10 + int(b[pos]-'0')
			if v > 1<<20 {
				return nil, errors.New("pnm: header value too large")
			}
			pos++
		}
		if pos == start {
			return nil, errors.New("pnm: malformed header")
		}
		vals[k] = v
	}
	if pos >= len(b) || !isPNMSpace(b[pos]) {
		return nil, errors.New("pnm: malformed header")
	}
	pos++ // exactly one whitespace byte before the raster
	w, h, maxval := vals[0], vals[1], vals[2]
	if w <= 0 || h <= 0 || maxval <= 0 || maxval > 65535 || w*h > 1<<28 {
		return nil, fmt.Errorf("pnm: bad header %dx%d maxval %d", w, h, maxval)
	}
	bps := 1
	if maxval > 255 {
		bps = 2
	}
	n := w * h * c
	if len(b)-pos < n*bps {
		return nil, fmt.Errorf("pnm: truncated raster (%d of %d bytes)", len(b)-pos, n*bps)
	}
	raster := b[pos : pos+n*bps]
	out := NewImage(h, w, c)
	for i := range out.Pix {
		v := int(raster[i*bps])
		if bps == 2 {
			v = v<<8 | int(raster[2*i+1])
		}
		v = min(v, maxval)
		if maxval != 255 {
			v = (v*255 + maxval/2) / maxval
		}
		out.Pix[i] = uint8(v)
	}
	return out, nil
}
