package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/conun/conun/farm/api"
)

// runDispute disputes the node's conviction in a job: it posts the
// escrow's dispute bond; the node then follows the dispute to its end
// (`conun dispute --list` shows where it stands).
func runDispute(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("dispute", flag.ContinueOnError)
	cf := addClientFlags(fs)
	list := fs.Bool("list", false, "list the jobs this node kept signed results of, and its disputes")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *list {
		ds, err := cf.client().Disputes(ctx)
		if err != nil {
			return err
		}
		if *cf.asJSON {
			return printJSON(stdout, ds)
		}
		for _, d := range ds {
			fmt.Fprintf(stdout, "job %s (escrow %s): %s kept", d.Job, d.Escrow, api.Count(len(d.Tasks), "result"))
			if len(d.Checks) > 0 {
				fmt.Fprintf(stdout, ", %s", api.Count(len(d.Checks), "check"))
			}
			if d.Verdict != "" {
				fmt.Fprintf(stdout, "; dispute of task %d: %s, %s, %d guilty, %d not guilty", d.Task, d.Verdict, api.Count(len(d.Arbiters), "arbiter"), d.Guilty, d.Innocent)
			}
			if d.Error != "" {
				fmt.Fprintf(stdout, " (last error: %s)", d.Error)
			}
			fmt.Fprintln(stdout)
		}
		return nil
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one job id (the farm's or the escrow's), got %s", errUsage, api.Count(len(pos), "argument"))
	}
	st, err := cf.client().Dispute(ctx, pos[0])
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, st)
	}
	what := fmt.Sprintf("task %d", st.Task)
	if st.Check {
		what = fmt.Sprintf("its check of task %d", st.Task)
	}
	fmt.Fprintf(stdout, "job %s: disputed the conviction for %s (%s tokens slashed), bond %s tokens posted (tx %s)\n", st.Job, what, st.Slashed, st.Bond, st.Tx)
	fmt.Fprintln(stdout, "the node draws the arbiters and resolves the dispute once they voted: see conun dispute --list")
	return nil
}
