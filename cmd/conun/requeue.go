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

// errPartial marks a job that ended done with some frames failed (exit
// code 3): its other frames are delivered and paid, and a script can tell
// it from success (0) and from a failed job (1), then requeue the failed
// frames.
var errPartial = errors.New("partial")

// partialError says which frames of a partial job failed.
func partialError(st api.JobStatus) error {
	frames := make([]string, len(st.FailedFrames))
	for i, f := range st.FailedFrames {
		frames[i] = fmt.Sprint(f.Frame)
	}
	return fmt.Errorf("%w: job %s is done without frames %s (conun status %s says why; conun requeue %s --failed renders them again)",
		errPartial, st.ID, strings.Join(frames, ", "), st.ID, st.ID)
}

// stateText is a job's state for people: "partial" for a done job with
// failed frames.
func stateText(st api.JobStatus) string {
	if st.Partial {
		return "partial"
	}
	return string(st.State)
}

// printFailedFrames lists a job's failed frames with their reasons.
func printFailedFrames(w io.Writer, st api.JobStatus) {
	for _, f := range st.FailedFrames {
		fmt.Fprintf(w, "frame %d failed: %s\n", f.Frame, f.Reason)
	}
}

func runRequeue(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("requeue", flag.ContinueOnError)
	cf := addClientFlags(fs)
	frames := fs.String("frames", "", "these frames (A, A-B or A-B:STEP), rendered ones too (a finished job off a chain); with --failed only the failed ones among them")
	failed := fs.Bool("failed", false, "only failed frames (every one without --frames)")
	wait := fs.Bool("wait", false, "wait for the job to end again")
	out := fs.String("out", "", "with --wait: fetch the frames into this folder")
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	if *frames == "" && !*failed {
		return fmt.Errorf("%w: say which frames: --failed (every failed frame) or --frames A-B (those frames, rendered ones too)", errUsage)
	}
	c := cf.client()
	res, err := c.Requeue(ctx, id, api.RequeueRequest{Frames: *frames, Failed: *failed})
	if err != nil {
		return err
	}
	if *wait {
		return waitJob(ctx, c, id, *out, flipOpts{}, *cf.asJSON, stdout)
	}
	if *cf.asJSON {
		return printJSON(stdout, res)
	}
	list := make([]string, len(res.Frames))
	for i, f := range res.Frames {
		list[i] = fmt.Sprint(f)
	}
	fmt.Fprintf(stdout, "job %s: frames %s requeued (%d tasks)\n", id, strings.Join(list, ", "), res.Tasks)
	return nil
}
