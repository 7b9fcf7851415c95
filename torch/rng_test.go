package torch

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

// rngScript seeds PyTorch's default generator per row, makes the row's
// draws ("pre"), and prints the generator's state then and the bytes of
// the draws that follow ("post").
const rngScript = `
import base64, json, sys, torch
def draw(kind, n):
    if kind == "randn":
        return torch.randn(n)
    if kind == "randn64":
        return torch.randn(n, dtype=torch.float64)
    if kind == "rand":
        return torch.rand(n)
    raise ValueError(kind)
b64 = lambda t: base64.b64encode(t.numpy().tobytes()).decode()
out = {}
for r in json.load(sys.stdin):
    torch.manual_seed(r["seed"])
    for kind, n in r["pre"] or []:
        draw(kind, n)
    state = torch.get_rng_state()
    out[r["name"]] = {"state": b64(state), "post": [b64(draw(k, n)) for k, n in r["post"]]}
print(json.dumps(out))
`

// rngDraw is one draw of n values: "randn" (float32), "randn64" or "rand".
type rngDraw struct {
	Kind string
	N    int64
}

func (d rngDraw) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("[%q,%d]", d.Kind, d.N)), nil
}

func (d rngDraw) draw() *Tensor {
	switch d.Kind {
	case "randn":
		return Randn([]int64{d.N})
	case "randn64":
		return Randn([]int64{d.N}, Float64)
	case "rand":
		return Rand([]int64{d.N})
	}
	panic("unknown draw " + d.Kind)
}

// drawAll makes the draws and returns their bytes, concatenated.
func drawAll(ds []rngDraw) [][]byte {
	var out [][]byte
	Scoped(func() {
		for _, d := range ds {
			out = append(out, d.draw().Bytes())
		}
	})
	return out
}

// postDraws cover randn below and above 16 values (libtorch's scalar and
// vectorised paths), float64 normals and uniforms.
var postDraws = []rngDraw{{"randn", 12}, {"randn", 20}, {"randn64", 5}, {"rand", 7}}

var rngRows = []struct {
	Name string    `json:"name"`
	Seed uint64    `json:"seed"`
	Pre  []rngDraw `json:"pre"`
	Post []rngDraw `json:"post"`
}{
	{"seed_0", 0, nil, postDraws},
	{"seed_7", 7, nil, postDraws},
	{"seed_2^63+5", 1<<63 + 5, nil, postDraws},
	{"seed_max", 1<<64 - 1, nil, postDraws},
	// One float64 normal leaves the second Box–Muller sample cached in the
	// generator: the state must carry it.
	{"after_odd_normal", 42, []rngDraw{{"randn", 1}}, postDraws},
	{"after_vector_normal", 42, []rngDraw{{"randn", 33}, {"rand", 3}}, postDraws},
	{"after_float64_normal", 3, []rngDraw{{"randn64", 3}}, postDraws},
}

// TestRNGMatchesPyTorch: after the same seed and draws, the CPU generator's
// state has PyTorch's bytes and Randn/Rand draw PyTorch's values.
func TestRNGMatchesPyTorch(t *testing.T) {
	var want map[string]struct {
		State string   `json:"state"`
		Post  []string `json:"post"`
	}
	pythonJSON(t, rngScript, rngRows, &want)
	for _, r := range rngRows {
		t.Run(r.Name, func(t *testing.T) {
			w, ok := want[r.Name]
			if !ok {
				t.Fatalf("PyTorch has no row %q", r.Name)
			}
			ManualSeed(r.Seed)
			drawAll(r.Pre)
			state := RNGState(CPU)
			if ws := decode64(t, w.State); !bytes.Equal(state, ws) {
				i := 0
				for i < min(len(state), len(ws)) && state[i] == ws[i] {
					i++
				}
				t.Errorf("state: %d bytes, PyTorch's %d; first difference at byte %d", len(state), len(ws), i)
			}
			for i, got := range drawAll(r.Post) {
				if !bytes.Equal(got, decode64(t, w.Post[i])) {
					t.Errorf("draw %d (%v): values differ from PyTorch's", i, r.Post[i])
				}
			}
		})
	}
}

func decode64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRNGStateRoundTrip: restoring a saved state replays the same draws bit
// for bit, whatever was drawn before saving.
func TestRNGStateRoundTrip(t *testing.T) {
	for _, r := range rngRows {
		t.Run(r.Name, func(t *testing.T) {
			ManualSeed(r.Seed)
			drawAll(r.Pre)
			saved := RNGState(CPU)
			a := drawAll(r.Post)
			if bytes.Equal(RNGState(CPU), saved) {
				t.Fatalf("drawing did not change the state")
			}
			SetRNGState(CPU, saved)
			if !bytes.Equal(RNGState(CPU), saved) {
				t.Errorf("RNGState after SetRNGState differs from the state set")
			}
			b := drawAll(r.Post)
			for i := range a {
				if !bytes.Equal(a[i], b[i]) {
					t.Errorf("draw %d (%v) after restoring differs from the first", i, r.Post[i])
				}
			}
		})
	}
	if CUDAAvailable() {
		t.Run("cuda", func(t *testing.T) {
			dev := CUDA(0)
			ManualSeed(5)
			saved := RNGState(dev)
			var a, b []byte
			Scoped(func() { a = Randn([]int64{64}, dev).To(CPU).Bytes() })
			SetRNGState(dev, saved)
			Scoped(func() { b = Randn([]int64{64}, dev).To(CPU).Bytes() })
			if !bytes.Equal(a, b) {
				t.Errorf("CUDA draws after restoring differ")
			}
		})
	}
}

// TestSetRNGStateRejectsGarbage: a state of the wrong size or with an
// invalid Mersenne Twister is libtorch's error, and the generator keeps its
// state.
func TestSetRNGStateRejectsGarbage(t *testing.T) {
	ManualSeed(11)
	good := RNGState(CPU)
	random := make([]byte, len(good))
	for i := range random {
		random[i] = byte(i*131 + 7)
	}
	ones := bytes.Repeat([]byte{0xff}, len(good))
	tests := []struct {
		name  string
		state []byte
		msg   string
	}{
		{"nil", nil, "size"},
		{"10 bytes", make([]byte, 10), "size"},
		{"one byte too many", append(append([]byte{}, good...), 0), "size"},
		{"one byte short", good[:len(good)-1], "size"},
		{"zeros", make([]byte, len(good)), "Invalid mt19937 state"},
		{"all 0xff", ones, "Invalid mt19937 state"},
		{"pattern", random, "Invalid mt19937 state"},
		{"legacy size zeros", make([]byte, 5048), "Invalid mt19937 state"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Try(func() { SetRNGState(CPU, tc.state) })
			e, ok := err.(*Error)
			if !ok || e.Op != "SetRNGState" || !strings.Contains(e.Msg, tc.msg) {
				t.Fatalf("got %v, want a *torch.Error of SetRNGState mentioning %q", err, tc.msg)
			}
			if !bytes.Equal(RNGState(CPU), good) {
				t.Errorf("a rejected state changed the generator")
			}
		})
	}
	if !CUDAAvailable() {
		err := Try(func() { RNGState(CUDA(0)) })
		if !IsError(err) {
			t.Errorf("RNGState(cuda:0) without CUDA: got %v, want a *torch.Error", err)
		}
	}
}
