package data

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestLumaMatchesPIL(t *testing.T) {
	t.Parallel() // waits on a Python process
	// Every one of the 2^24 RGB colours: pixel i = (i>>16, (i>>8)&255, i&255).
	out := filepath.Join(t.TempDir(), "luma")
	datasetsOracle(t, "luma", out)
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 1<<24 {
		t.Fatalf("oracle wrote %d bytes", len(want))
	}
	m := NewImage(4096, 4096, 3)
	for i := 0; i < 1<<24; i++ {
		m.Pix[3*i], m.Pix[3*i+1], m.Pix[3*i+2] = uint8(i>>16), uint8(i>>8), uint8(i)
	}
	g, err := ConvertChannels(m, 1)
	if err != nil {
		t.Fatal(err)
	}
	if g.C != 1 || g.H != 4096 || g.W != 4096 {
		t.Fatalf("got %v", g)
	}
	if !bytes.Equal(g.Pix, want) {
		bad := 0
		for i := range want {
			if g.Pix[i] != want[i] {
				if bad < 5 {
					t.Errorf("rgb (%d, %d, %d): luma %d, PIL %d", i>>16, i>>8&255, i&255, g.Pix[i], want[i])
				}
				bad++
			}
		}
		t.Errorf("%d of 2^24 colours differ from PIL's convert('L')", bad)
	}

	// 1 → 3 replicates, as PIL's convert('RGB') of an 'L' image.
	wantRGB, err := os.ReadFile(out + ".rgb")
	if err != nil {
		t.Fatal(err)
	}
	ramp := NewImage(16, 16, 1)
	for i := range ramp.Pix {
		ramp.Pix[i] = uint8(i)
	}
	rgb, err := ConvertChannels(ramp, 3)
	if err != nil {
		t.Fatal(err)
	}
	if rgb.C != 3 || !bytes.Equal(rgb.Pix, wantRGB) {
		t.Errorf("1→3 differs from PIL's convert('RGB')")
	}
}

func TestConvertChannels(t *testing.T) {
	m := &Image{H: 1, W: 2, C: 3, Pix: []uint8{255, 0, 0, 10, 20, 30}}
	cases := []struct {
		in   *Image
		c    int
		want []uint8
		err  bool
	}{
		{m, 3, m.Pix, false},
		{m, 1, []uint8{76, 18}, false}, // 255·0.299 = 76.2; 10·.299+20·.587+30·.114 = 18.14
		{&Image{H: 1, W: 2, C: 1, Pix: []uint8{7, 200}}, 3, []uint8{7, 7, 7, 200, 200, 200}, false},
		{m, 4, nil, true},
		{&Image{H: 1, W: 1, C: 4, Pix: []uint8{1, 2, 3, 4}}, 1, nil, true},
	}
	for _, c := range cases {
		got, err := ConvertChannels(c.in, c.c)
		if c.err {
			dsWantErr(t, err, "cannot convert")
			continue
		}
		if err != nil || got.C != c.c || !bytes.Equal(got.Pix, c.want) {
			t.Errorf("ConvertChannels(%v, %d) = %v %v, %v; want %v", c.in, c.c, got, got.Pix, err, c.want)
		}
	}
	if same, _ := ConvertChannels(m, 3); same != m {
		t.Error("same channel count did not return the image itself")
	}
}

func TestTo8Bit(t *testing.T) {
	all := make([]uint16, 1<<16)
	be := make([]byte, 2<<16)
	for i := range all {
		all[i] = uint16(i)
		be[2*i], be[2*i+1] = byte(i>>8), byte(i)
	}
	got, gotBE := To8Bit(all), To8BitBE(be)
	for v := range all {
		want := uint8(math.Round(float64(v) * 255 / 65535))
		if got[v] != want || gotBE[v] != want {
			t.Fatalf("v=%d: To8Bit %d To8BitBE %d, want round(v·255/65535) = %d", v, got[v], gotBE[v], want)
		}
	}
	for _, c := range []struct {
		v    uint16
		want uint8
	}{{0, 0}, {128, 0}, {129, 1}, {257, 1}, {32767, 127}, {32768, 128}, {65535, 255}} {
		if g := To8Bit([]uint16{c.v}); g[0] != c.want {
			t.Errorf("To8Bit(%d) = %d, want %d", c.v, g[0], c.want)
		}
	}
	if len(To8BitBE([]byte{1, 2, 3})) != 1 {
		t.Error("odd trailing byte not ignored")
	}
}
