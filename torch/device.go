package torch

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"strconv"
	"strings"
)

// DeviceType is a kind of device; its values are c10::DeviceType's.
type DeviceType int8

// The device types selfsup runs on.
const (
	DeviceCPU  DeviceType = 0
	DeviceCUDA DeviceType = 1
)

// Device is where a tensor lives: the CPU or one CUDA device.
type Device struct {
	Type  DeviceType
	Index int // the CUDA ordinal; -1 for the CPU or the current CUDA device
}

// CPU is the host.
var CPU = Device{Type: DeviceCPU, Index: -1}

// CUDA returns CUDA device n.
func CUDA(n int) Device { return Device{Type: DeviceCUDA, Index: n} }

// String returns PyTorch's name of the device: "cpu", "cuda" or "cuda:1".
func (d Device) String() string {
	switch {
	case d.Type == DeviceCPU:
		return "cpu"
	case d.Type == DeviceCUDA && d.Index < 0:
		return "cuda"
	case d.Type == DeviceCUDA:
		return "cuda:" + strconv.Itoa(d.Index)
	}
	return fmt.Sprintf("device(%d:%d)", d.Type, d.Index)
}

// ParseDevice reads a device as PyTorch writes it: "cpu", "cuda", "cuda:N".
func ParseDevice(s string) (Device, error) {
	switch {
	case s == "cpu":
		return CPU, nil
	case s == "cuda":
		return Device{Type: DeviceCUDA, Index: -1}, nil
	case strings.HasPrefix(s, "cuda:"):
		n, err := strconv.Atoi(s[len("cuda:"):])
		if err != nil || n < 0 {
			return Device{}, fmt.Errorf("torch: bad device %q: want cpu, cuda or cuda:N", s)
		}
		return CUDA(n), nil
	}
	return Device{}, fmt.Errorf("torch: bad device %q: want cpu, cuda or cuda:N", s)
}

func (d Device) apply(o *C.sst_options) {
	o.device_type = C.int(d.Type)
	o.device_index = C.int(d.Index)
}

// CUDAAvailable reports whether libtorch can use a CUDA device.
func CUDAAvailable() bool { return C.sst_cuda_available() != 0 }

// CUDADeviceCount is the number of CUDA devices libtorch sees.
func CUDADeviceCount() int { return int(C.sst_cuda_device_count()) }
