package torch

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/selfsup/selfsup/internal/pyoracle"
)

// The oracle: third_party/pytorch/oracle_ops.py runs every case in PyTorch
// (Debian's python3-torch, the same libtorch this package links) and writes
// inputs, outputs and gradients; TestOracle runs the same case through the
// binding and compares. A case is a Go function of the input tensors,
// registered under the name its Python twin has in cases_*.py.

// python is the interpreter with torch (pyoracle: $SELFSUP_PYTHON or
// Debian's /usr/bin/python3; the one first on PATH may lack torch).
var python = pyoracle.Python()

type opCase func(in []*Tensor) []*Tensor

var oracleCases = map[string]opCase{}

// registerCases adds a family of cases; each oracle_*_test.go file calls it
// from init.
func registerCases(m map[string]opCase) {
	for name, c := range m {
		if _, dup := oracleCases[name]; dup {
			panic("duplicate oracle case " + name)
		}
		oracleCases[name] = c
	}
}

// one adapts a single-result function.
func one(t *Tensor) []*Tensor { return []*Tensor{t} }

// two adapts a two-result function.
func two(a, b *Tensor) []*Tensor { return []*Tensor{a, b} }

type fixtureTensor struct {
	DType string  `json:"dtype"`
	Shape []int64 `json:"shape"`
	Data  string  `json:"data"`
}

type fixture struct {
	Inputs       []fixtureTensor  `json:"inputs"`
	Outputs      []fixtureTensor  `json:"outputs"`
	Upstream     []*fixtureTensor `json:"upstream"`
	Grads        []*fixtureTensor `json:"grads"`
	RequiresGrad []bool           `json:"requires_grad"`
	RTol         float64          `json:"rtol"`
	ATol         float64          `json:"atol"`
}

var (
	fixturesOnce sync.Once
	fixtures     map[string]fixture
	fixturesErr  error
)

// loadFixtures runs the oracle once per test binary.
func loadFixtures(t *testing.T) map[string]fixture {
	t.Helper()
	fixturesOnce.Do(func() {
		dir, err := os.MkdirTemp("", "selfsup-oracle")
		if err != nil {
			fixturesErr = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "ops.json")
		cmd := exec.Command(python, "../third_party/pytorch/oracle_ops.py", out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			fixturesErr = &oracleError{err: err, output: string(msg)}
			return
		}
		b, err := os.ReadFile(out)
		if err != nil {
			fixturesErr = err
			return
		}
		var doc struct {
			Cases map[string]fixture `json:"cases"`
		}
		fixturesErr = json.Unmarshal(b, &doc)
		fixtures = doc.Cases
	})
	if fixturesErr != nil {
		t.Fatalf("PyTorch oracle failed (it needs %s with Debian's python3-torch: make deps): %v", python, fixturesErr)
	}
	return fixtures
}

type oracleError struct {
	err    error
	output string
}

func (e *oracleError) Error() string { return e.err.Error() + "\n" + e.output }

func (f fixtureTensor) tensor(t *testing.T) *Tensor {
	t.Helper()
	d, err := ParseDType(f.DType)
	if err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(f.Data)
	if err != nil {
		t.Fatal(err)
	}
	return FromBytes(b, d, f.Shape...)
}

func TestOracle(t *testing.T) {
	fx := loadFixtures(t)
	names := make([]string, 0, len(fx))
	for name := range fx {
		names = append(names, name)
		if oracleCases[name] == nil {
			t.Errorf("oracle case %q has no Go twin", name)
		}
	}
	for name := range oracleCases {
		if _, ok := fx[name]; !ok {
			t.Errorf("Go case %q has no oracle twin in third_party/pytorch/cases_*.py", name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		c := oracleCases[name]
		if c == nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			Scoped(func() { runCase(t, c, fx[name]) })
		})
	}
}

func runCase(t *testing.T, c opCase, f fixture) {
	in := make([]*Tensor, len(f.Inputs))
	for i, x := range f.Inputs {
		in[i] = x.tensor(t)
		if f.RequiresGrad[i] {
			in[i].SetRequiresGrad(true)
		}
	}
	var outs []*Tensor
	if err := Try(func() { outs = c(in) }); err != nil {
		t.Fatalf("op failed: %v", err)
	}
	if len(outs) != len(f.Outputs) {
		t.Fatalf("%d outputs, PyTorch has %d", len(outs), len(f.Outputs))
	}
	for i, want := range f.Outputs {
		compare(t, "output", i, outs[i], want.tensor(t), f.RTol, f.ATol)
	}
	var diffOuts, ups []*Tensor
	for i, u := range f.Upstream {
		if u == nil && outs[i].RequiresGrad() {
			t.Errorf("output %d requires grad; in PyTorch it does not", i)
		}
		if u != nil {
			if !outs[i].RequiresGrad() {
				t.Fatalf("output %d does not require grad; in PyTorch it does", i)
			}
			diffOuts = append(diffOuts, outs[i])
			ups = append(ups, u.tensor(t))
		}
	}
	switch len(diffOuts) {
	case 0:
		return
	case 1:
		diffOuts[0].BackwardWith(ups[0], false)
	default:
		loss := diffOuts[0].Mul(ups[0]).Sum()
		for i := 1; i < len(diffOuts); i++ {
			loss = loss.Add(diffOuts[i].Mul(ups[i]).Sum())
		}
		loss.Backward()
	}
	for i, g := range f.Grads {
		got := in[i].Grad()
		if g == nil {
			if got != nil && f.RequiresGrad[i] {
				t.Errorf("input %d got a gradient, PyTorch has none", i)
			}
			continue
		}
		if got == nil {
			t.Errorf("input %d has no gradient, PyTorch has one", i)
			continue
		}
		compare(t, "grad of input", i, got, g.tensor(t), f.RTol, f.ATol)
	}
}

// compare checks dtype, shape and values: exactly for integers and bools,
// |got-want| <= atol + rtol·|want| for floats, NaN where PyTorch has NaN
// and zeros of the same sign.
func compare(t *testing.T, what string, i int, got, want *Tensor, rtol, atol float64) {
	t.Helper()
	if got.DType() != want.DType() {
		t.Errorf("%s %d: dtype %v, PyTorch %v", what, i, got.DType(), want.DType())
		return
	}
	gs, ws := got.Shape(), want.Shape()
	if !equalShapes(gs, ws) {
		t.Errorf("%s %d: shape %v, PyTorch %v", what, i, gs, ws)
		return
	}
	g, w := asFloat64s(got), asFloat64s(want)
	exact := !got.DType().IsFloat()
	bad := 0
	for k := range g {
		a, b := g[k], w[k]
		if math.IsNaN(b) || math.IsNaN(a) {
			if math.IsNaN(a) != math.IsNaN(b) {
				bad++
			}
			continue
		}
		signOfZero := a == 0 && b == 0 && math.Signbit(a) != math.Signbit(b)
		if exact && a != b || !exact && math.Abs(a-b) > atol+rtol*math.Abs(b) && a != b || signOfZero {
			if bad < 3 {
				t.Errorf("%s %d: element %d is %v, PyTorch %v", what, i, k, a, b)
			}
			bad++
		}
	}
	if bad > 3 {
		t.Errorf("%s %d: %d of %d elements differ", what, i, bad, len(g))
	}
}

func equalShapes(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func asFloat64s(t *Tensor) []float64 {
	if t.DType() == Bool {
		t = t.ToDType(Uint8)
	}
	return Data[float64](t.ToDType(Float64))
}
