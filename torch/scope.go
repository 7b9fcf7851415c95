package torch

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
)

// scope owns the tensors created while it is the current scope of its OS
// thread. The thread's current token lives in the shim (a C thread_local) and
// every creating call reports it, so a tensor joins its scope in the same
// call that made it.
type scope struct {
	tensors []*Tensor
	parent  C.uintptr_t
}

func scopeOf(token C.uintptr_t) *scope { return cgo.Handle(token).Value().(*scope) }

// Tidy runs fn in a new scope and frees every tensor the calling goroutine
// creates in it when fn returns or panics, except the tensors fn returns (a
// *Tensor, a []*Tensor, or a value of a type with a Tensors() []*Tensor
// method), which move to the enclosing scope, or to the caller if there is
// none, and those passed to Keep. Other result types (arrays, structs
// without the method) are not searched: their tensors are freed. Tensors
// that other goroutines create meanwhile are not the scope's. The goroutine
// stays on its OS thread for the duration (see the package doc).
func Tidy[T any](fn func() T) T {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	s := &scope{}
	h := cgo.NewHandle(s)
	s.parent = C.sst_scope_swap(C.uintptr_t(h))
	defer func() {
		C.sst_scope_swap(s.parent)
		h.Delete()
		s.free()
	}()
	result := fn()
	for _, t := range tensorsOf(result) {
		if t != nil && t.owner == s {
			t.adopt(s.parent)
		}
	}
	return result
}

// Scoped is Tidy for a function with no result.
func Scoped(fn func()) {
	Tidy(func() struct{} { fn(); return struct{}{} })
}

// Keep takes t out of its scope: it survives the scope's end and the caller
// owns it (Close it; a cleanup is the backstop). It returns t.
func Keep(t *Tensor) *Tensor {
	if t != nil && t.p != nil && t.owner != nil {
		t.owner = nil
		t.guard()
	}
	return t
}

// adopt moves t to the scope with the given token, or to the caller.
func (t *Tensor) adopt(token C.uintptr_t) {
	if token == 0 {
		t.owner = nil
		t.guard()
		return
	}
	s := scopeOf(token)
	t.owner = s
	s.tensors = append(s.tensors, t)
}

// free closes, in one shim call, every tensor the scope still owns.
func (s *scope) free() {
	hs := make([]C.sst_tensor, 0, len(s.tensors))
	for _, t := range s.tensors {
		if t.owner == s && t.p != nil {
			hs = append(hs, t.p)
			t.p = nil
		}
	}
	if len(hs) > 0 {
		C.sst_tensor_free_many(&hs[0], C.int(len(hs)))
	}
	s.tensors = nil
}

// tensorsOf lists the tensors held by a Tidy result.
func tensorsOf(v any) []*Tensor {
	switch r := v.(type) {
	case *Tensor:
		return []*Tensor{r}
	case []*Tensor:
		return r
	case interface{ Tensors() []*Tensor }:
		return r.Tensors()
	}
	return nil
}
