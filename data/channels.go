package data

import "fmt"

// ConvertChannels returns m with c channels, the count the model wants:
// 1→3 replicates the gray value into R, G and B (PIL's convert("RGB") of an
// "L" image); 3→1 is ITU-R 601-2 luma with PIL's integer rounding, see Luma.
// When m already has c channels m itself is returned; otherwise the result
// is a new Image and m is unchanged.
func ConvertChannels(m *Image, c int) (*Image, error) {
	if m.C == c {
		return m, nil
	}
	out := NewImage(m.H, m.W, c)
	n := m.H * m.W
	switch {
	case m.C == 1 && c == 3:
		for i, v := range m.Pix[:n] {
			out.Pix[3*i], out.Pix[3*i+1], out.Pix[3*i+2] = v, v, v
		}
	case m.C == 3 && c == 1:
		for i := range out.Pix {
			p := m.Pix[3*i : 3*i+3 : 3*i+3]
			out.Pix[i] = Luma(p[0], p[1], p[2])
		}
	default:
		return nil, fmt.Errorf("data: cannot convert a %v to %d channels (want 1 or 3)", m, c)
	}
	return out, nil
}

// Luma is the ITU-R 601-2 luma of an RGB pixel, L = R·299/1000 +
// G·587/1000 + B·114/1000, computed as PIL's convert("L") computes it: in
// 16-bit fixed point, (R·19595 + G·38470 + B·7471 + 0x8000) >> 16, so the
// result equals PIL's to the bit.
func Luma(r, g, b uint8) uint8 {
	return uint8((uint32(r)*19595 + uint32(g)*38470 + uint32(b)*7471 + 0x8000) >> 16)
}

// To8Bit maps 16-bit samples linearly onto 8 bits, 0..65535 onto 0..255,
// rounding to nearest: round(v·255/65535) = round(v/257), computed exactly
// as (v+128)/257 (v/257 is never exactly halfway, so no tie rule is
// needed). The full 16-bit range is kept, unlike PIL's "I;16"→"L", which
// clips values above 255; a medical image that uses only part of the range
// may want windowing first.
func To8Bit(pix16 []uint16) []uint8 {
	out := make([]uint8, len(pix16))
	for i, v := range pix16 {
		out[i] = sample8(uint32(v))
	}
	return out
}

// sample8 is one 16-bit sample on 8 bits, as To8Bit maps it.
func sample8(v uint32) uint8 { return uint8((v + 128) / 257) }

// To8BitBE is To8Bit for 16-bit samples stored big-endian, two bytes each:
// the layout of 16-bit PNG rows and of image.Gray16's Pix. An odd trailing
// byte is ignored.
func To8BitBE(b []byte) []uint8 {
	out := make([]uint8, len(b)/2)
	for i := range out {
		out[i] = sample8(uint32(b[2*i])<<8 | uint32(b[2*i+1]))
	}
	return out
}
