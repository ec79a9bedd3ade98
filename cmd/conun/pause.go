package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/conun/conun/farm/api"
)

// runPause stops a job's new leases: conun pause JOB.
func runPause(ctx context.Context, args []string, stdout io.Writer) error {
	return pauseOrResume(ctx, "pause", args, stdout, (*api.Client).Pause)
}

// runResume lets a paused job's tasks be leased again: conun resume JOB.
func runResume(ctx context.Context, args []string, stdout io.Writer) error {
	return pauseOrResume(ctx, "resume", args, stdout, (*api.Client).Resume)
}

func pauseOrResume(ctx context.Context, name string, args []string, stdout io.Writer, do func(*api.Client, context.Context, string) (api.PauseStatus, error)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cf := addClientFlags(fs)
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	if _, err := api.ParseJobID(id); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	st, err := do(cf.client(), ctx, id)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, st)
	}
	fmt.Fprintf(stdout, "job %s %s", id, st.State)
	if st.State == api.JobPaused && st.InFlight > 0 {
		fmt.Fprintf(stdout, " (%d leases in flight finish and are paid)", st.InFlight)
	}
	fmt.Fprintln(stdout)
	if !st.EscrowDeadline.IsZero() {
		// The escrow's clock does not stop for a pause: past the deadline
		// workers refuse the job's leases and it can only be cancelled.
		left := time.Duration(st.EscrowLeftSeconds) * time.Second
		fmt.Fprintf(stdout, "escrow deadline %s: %s left (it keeps running while the job is paused)\n",
			st.EscrowDeadline.UTC().Format(time.RFC3339), left)
	}
	return nil
}
