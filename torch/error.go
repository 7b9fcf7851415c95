package torch

/*
#include "shim.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Error is what a failed tensor operation panics with: the op that failed
// and libtorch's message (or the binding's, e.g. for a closed tensor).
type Error struct {
	Op  string // the binding's name of the operation, e.g. "Conv2d"
	Msg string // libtorch's message, without its C++ backtrace
}

func (e *Error) Error() string { return "torch: " + e.Op + ": " + e.Msg }

// Try runs fn and returns the *Error it panicked with, if any, as an error.
// Other panics are not errors of libtorch and propagate unchanged. Use it at
// entry points (a training step, a CLI command) so that a bad shape becomes
// an error instead of a crash.
func Try(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	fn()
	return nil
}

// IsError reports whether err is or wraps a *Error.
func IsError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// check panics with a *Error if a shim call failed and otherwise returns the
// scope token the call reported.
func check(op string, s C.sst_status) C.uintptr_t {
	if s.err != nil {
		raise(op, s.err)
	}
	return s.scope
}

// raise is check's slow path, kept out of line so that check inlines.
func raise(op string, err *C.char) {
	msg := C.GoString(err)
	C.sst_free(unsafe.Pointer(err))
	panic(&Error{Op: op, Msg: msg})
}

// fail panics with a *Error raised by the binding itself.
func fail(op, format string, args ...any) {
	panic(&Error{Op: op, Msg: fmt.Sprintf(format, args...)})
}
