package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"github.com/spf13/pflag"

	"github.com/selfsup/selfsup/torch"
)

func init() {
	commands["version"] = command{summary: "print the libtorch build, ABI, CUDA devices and threads", run: runVersion}
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("version", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	info := torch.Info()
	if *asJSON {
		b, _ := json.Marshal(struct {
			torch.BuildInfo
			Go string `json:"go"`
		}{info, runtime.Version()})
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	abi := "pre-C++11 (0)"
	if info.CXX11ABI {
		abi = "C++11 (1)"
	}
	fmt.Fprintf(stdout, "selfsup (%s)\n", runtime.Version())
	fmt.Fprintf(stdout, "libtorch:        %s\n", info.TorchVersion)
	fmt.Fprintf(stdout, "shim ABI:        %d\n", info.ShimABI)
	fmt.Fprintf(stdout, "C++ string ABI:  %s\n", abi)
	fmt.Fprintf(stdout, "CUDA available:  %v\n", info.CUDAAvailable)
	fmt.Fprintf(stdout, "CUDA devices:    %d\n", info.CUDADeviceCount)
	fmt.Fprintf(stdout, "intra-op threads: %d (inter-op %d)\n", info.NumThreads, torch.NumInteropThreads())
	return 0
}
