package pyoracle

import "testing"

func TestPython(t *testing.T) {
	t.Setenv("SELFSUP_PYTHON", "")
	if got := Python(); got != Default {
		t.Errorf("unset: %q, want %q", got, Default)
	}
	t.Setenv("SELFSUP_PYTHON", "/opt/venv/bin/python")
	if got := Python(); got != "/opt/venv/bin/python" {
		t.Errorf("set: %q", got)
	}
}
