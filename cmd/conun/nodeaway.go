package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/availability"
	"github.com/conun/conun/renderer/sandbox"
)

// sandboxedCPU reads the machine's CPU time counting the node's render
// containers as its own: under Docker they are dockerd's children, not the
// node's, and --mode idle must not take them for the owner's work.
func sandboxedCPU(ctx context.Context, sb *sandbox.Sandbox) availability.ProcCPU {
	return availability.ProcCPU{Containers: func() []string {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		ids, _ := sb.Containers(ctx) // none listed: the share reads high, never low
		return ids
	}}
}

// availabilityFlags reads --mode, --schedule and --idle-cpu into c.
func availabilityFlags(c *availability.Config, mode, schedule, idleCPU string) error {
	var err error
	if c.Mode, err = availability.ParseMode(mode); err != nil {
		return fmt.Errorf("--mode: %w", err)
	}
	if schedule != "" {
		if c.Schedule, err = availability.ParseSchedule(schedule); err != nil {
			return fmt.Errorf("--schedule: %w", err)
		}
	}
	if schedule != "" && !c.Mode.Schedule {
		return fmt.Errorf("--schedule %q is used only with --mode schedule (or idle,schedule), not --mode %s", schedule, c.Mode)
	}
	pct, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(idleCPU), "%"), 64)
	if err != nil || pct <= 0 || pct > 100 {
		return fmt.Errorf("--idle-cpu %q: want a share of the CPU above 0%% and at most 100%%, such as 25%%", idleCPU)
	}
	c.IdleCPU = pct / 100
	return c.Validate()
}

// runNodePause is conun node pause | resume: the node's owner stops it
// taking leases (handing back those it holds) or lets it again. The pause
// is kept by the node across restarts.
func runNodePause(ctx context.Context, args []string, stdout io.Writer, pause bool) error {
	name := "node resume"
	if pause {
		name = "node pause"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cf := addClientFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: conun %s takes no arguments, got %q", errUsage, name, pos[0])
	}
	do := (*api.Client).ResumeNode
	if pause {
		do = (*api.Client).PauseNode
	}
	a, err := do(cf.client(), ctx)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, a)
	}
	fmt.Fprintln(stdout, describeAvailability(a))
	return nil
}

// describeAvailability says in words whether a node takes leases.
func describeAvailability(a api.Availability) string {
	if a.Available {
		return fmt.Sprintf("node available (mode %s)", a.Mode)
	}
	return fmt.Sprintf("node not taking leases: %s (mode %s)", a.Reason, a.Mode)
}
