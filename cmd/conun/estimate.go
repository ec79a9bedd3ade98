package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/conun/conun/farm/api"
)

// runEstimate is conun estimate: conun submit --dry-run.
func runEstimate(ctx context.Context, args []string, stdout io.Writer) error {
	return submit(ctx, "estimate", args, stdout)
}

// printEstimate writes what a job of scene would take and cost.
func printEstimate(w io.Writer, scene string, spec api.JobSpec, est api.Estimate) {
	fmt.Fprintf(w, "%s: %d tasks, frames %s at %s, %d samples (sampled %s on %s: %d crops; a task's fixed cost %s)\n",
		scene, est.Tasks, spec.Frames, spec.Resolution, spec.Samples, est.Sampling, est.SampledOn, len(est.Samples), seconds(est.OverheadSeconds))
	fmt.Fprintf(w, "  render time  %s (%s to %s), about %s CPU\n", seconds(est.RenderSeconds), seconds(est.RenderSecondsLow), seconds(est.RenderSecondsHigh), seconds(est.CPUSeconds))
	if est.Nodes > 0 {
		fmt.Fprintf(w, "  wall time    %s (%s to %s) on %d nodes, %d slots\n", seconds(est.WallSeconds), seconds(est.WallSecondsLow), seconds(est.WallSecondsHigh), est.Nodes, est.Slots)
		fmt.Fprintf(w, "  cost         %s tokens (%s to %s); --budget %s covers it at any member's price\n", est.Cost, est.CostLow, est.CostHigh, est.CostHigh)
	}
	for _, m := range est.Members {
		how := "sampled"
		if !m.Sampled {
			how = "predicted from the sampled"
		}
		fmt.Fprintf(w, "  %-12s %s: %d threads, %.3gs a megapixel, %s a task's fixed cost; %d tasks\n", m.ID, how, m.Threads, m.SecondsPerPixel*1e6, seconds(m.OverheadSeconds), m.Tasks)
	}
	for _, n := range est.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}

// seconds writes a time in seconds the way a person reads it: 0.42s, 12s, 3m20s.
func seconds(s float64) string {
	if s < 10 {
		return fmt.Sprintf("%.2fs", s)
	}
	return time.Duration(s * float64(time.Second)).Round(time.Second).String()
}
