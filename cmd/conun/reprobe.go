package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/conun/conun/farm/api"
)

// runNodeReprobe is conun node reprobe: the running node asks Blender
// again which devices it finds (after a driver install, a GPU plugged in)
// and offers what it finds, as SIGHUP to the node does.
func runNodeReprobe(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("node reprobe", flag.ContinueOnError)
	cf := addClientFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: conun node reprobe takes no arguments, got %q", errUsage, pos[0])
	}
	res, err := cf.client().ReprobeNode(ctx)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		if err := printJSON(stdout, res); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(stdout, describeReprobe(res))
	}
	var failed []string
	for _, r := range res.Renderers {
		if r.Error != "" {
			failed = append(failed, r.Name+": "+r.Error)
		}
	}
	if len(failed) > 0 {
		return errors.New("device probe failed: " + strings.Join(failed, "; "))
	}
	return nil
}

// describeReprobe says in words what each renderer offers after a
// re-probe and whether that changed.
func describeReprobe(res api.Reprobe) string {
	if len(res.Renderers) == 0 {
		return "no renderer of this node probes devices (only Blender does): nothing to probe"
	}
	var lines []string
	for _, r := range res.Renderers {
		line := fmt.Sprintf("%s: %s (unchanged)", r.Name, r.After)
		if r.After != r.Before {
			line = fmt.Sprintf("%s: now %s (was %s)", r.Name, r.After, r.Before)
		}
		if r.Note != "" {
			line += "; " + r.Note
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
