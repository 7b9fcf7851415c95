// Command selfsup trains and evaluates self-supervised image encoders.
//
// Usage:
//
//	selfsup <command> [flags]
//
// Run "selfsup help" for the list of commands.
package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
)

// command is one subcommand of the CLI. run gets the arguments after the
// command's name and returns the process exit code.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands is filled by the init functions of the files that define each
// subcommand, so adding one touches only its own file.
var commands = map[string]command{}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	return commandSet{"selfsup", "command", commands}.dispatch(args, stdout, stderr)
}

// commandSet is a level of subcommands: the CLI's own, or those of
// "selfsup bench".
type commandSet struct {
	path string // how the user calls this level, e.g. "selfsup bench"
	noun string // what one subcommand is called in messages
	cmds map[string]command
}

func (s commandSet) dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		s.usage(stdout)
		return 0
	}
	cmd, ok := s.cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "%s: unknown %s %q\n\n", s.path, s.noun, args[0])
		s.usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdout, stderr)
}

func (s commandSet) usage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s <%s> [flags]\n\n%ss:\n", s.path, s.noun, s.noun)
	for _, name := range sortedKeys(s.cmds) {
		fmt.Fprintf(w, "  %-10s %s\n", name, s.cmds[name].summary)
	}
}

// sortedKeys lists a registry's names in order, for usage and messages.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
