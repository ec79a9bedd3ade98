package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"

	"github.com/conun/conun/farm/api"
)

// runApprove approves a job submitted with --preview: conun approve JOB
// locks its budget and queues the real render.
func runApprove(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("approve", flag.ContinueOnError)
	cf := addClientFlags(fs)
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	if _, err := api.ParseJobID(id); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	st, err := cf.client().Approve(ctx, id)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, st)
	}
	fmt.Fprintf(stdout, "job %s approved: %s", id, st.State)
	if !st.Budget.IsZero() {
		fmt.Fprintf(stdout, " (budget of %v tokens locked in the escrow)", st.Budget)
	}
	fmt.Fprintf(stdout, "\nfollow it with: conun wait %s\n", id)
	return nil
}

// runReject ends a job awaiting approval with nothing locked: conun
// reject JOB.
func runReject(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("reject", flag.ContinueOnError)
	cf := addClientFlags(fs)
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	if _, err := api.ParseJobID(id); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err := cf.client().Reject(ctx, id); err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, map[string]string{"id": id, "state": string(api.JobCancelled)})
	}
	fmt.Fprintf(stdout, "job %s rejected: cancelled, nothing locked\n", id)
	return nil
}

// errAwaiting ends conun wait (and submit --wait) at a job submitted with
// --preview whose preview is ready: exit code 4, so a script can tell it
// from done (0), failed (1) and partial (3), look at the preview, and
// approve or reject the job.
var errAwaiting = errors.New("awaiting approval")

// waitAwaiting fetches the preview of job id, awaiting approval, into
// dir/preview (./JOBID/preview without dir), makes its contact sheet and,
// where ffmpeg is installed, its MP4, says how to approve, and returns
// errAwaiting.
func waitAwaiting(ctx context.Context, c *api.Client, id, dir string, flip flipOpts, asJSON bool, stdout io.Writer) error {
	st, err := c.Status(ctx, id)
	if err != nil {
		return err
	}
	if dir == "" {
		dir = id
	}
	dir = filepath.Join(dir, "preview")
	var paths []string
	var made flipMade
	if st.Preview != nil && len(st.Preview.Frames) > 0 {
		if paths, err = c.Fetch(ctx, st.Preview.ID, dir); err != nil {
			return fmt.Errorf("fetch the preview %s: %w", st.Preview.ID, err)
		}
		flip.sheet = true
		if _, err := exec.LookPath("ffmpeg"); err == nil && flip.video == "" {
			flip.video = "mp4"
		}
		if made, err = flip.make(ctx, paths, dir); err != nil {
			return err
		}
	}
	if asJSON {
		if err := printJSON(stdout, struct {
			api.JobStatus
			PreviewFiles []string `json:"preview_files,omitempty"`
			flipMade
		}{st, paths, made}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "job %s awaiting approval: nothing is locked yet\n", id)
		if st.Preview != nil && st.Preview.Error != "" {
			fmt.Fprintf(stdout, "its preview %s: %s\n", st.Preview.State, st.Preview.Error)
		}
		if len(paths) > 0 {
			fmt.Fprintf(stdout, "preview: %s -> %s\n", api.Count(len(paths), "frame"), dir)
			made.print(stdout)
		}
		fmt.Fprintf(stdout, "approve it (locks the budget, renders it): conun approve %s\nor reject it: conun reject %s\n", id, id)
	}
	return fmt.Errorf("%w: job %s: conun approve %s or conun reject %s", errAwaiting, id, id, id)
}
