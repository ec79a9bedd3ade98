package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/conun/conun/farm/api"
)

// runEarnings prints what the node earned as a worker: per job, per day,
// and in all, with the tokens exact to the wei.
func runEarnings(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("earnings", flag.ContinueOnError)
	cf := addClientFlags(fs)
	sinceFlag := fs.String("since", "", "count from this UTC day on, as YYYY-MM-DD (default: from the start)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q (conun earnings [--since YYYY-MM-DD] [--json])", errUsage, pos[0])
	}
	var since time.Time
	if *sinceFlag != "" {
		if since, err = api.ParseDay(*sinceFlag); err != nil {
			return fmt.Errorf("%w: --since: %w", errUsage, err)
		}
	}
	e, err := cf.client().Earnings(ctx, since)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, e)
	}
	printEarnings(stdout, e)
	return nil
}

// printEarnings writes e as two tables, jobs then days, and the totals.
func printEarnings(stdout io.Writer, e api.Earnings) {
	from := "from the start"
	if e.Since != "" {
		from = "since " + e.Since
	}
	fmt.Fprintf(stdout, "address %s, %s\n", e.Address, from)
	if !e.Connected {
		fmt.Fprintln(stdout, "chain   not connected (start the node with --chain URL): tasks and render time only")
	} else {
		fmt.Fprintf(stdout, "stake   %s tokens\n", e.Stake)
	}
	if len(e.Jobs) == 0 {
		fmt.Fprintln(stdout, "no tasks rendered for other nodes' jobs yet")
		return
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\nJOB\tDAY\tTASKS\tRENDER\tEARNED\tSLASHED\tCHECKS OK/FAILED\tCLAIM\t")
	for _, j := range e.Jobs {
		claim := j.Claim
		if claim == "" {
			claim = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t", api.Prefix(strings.TrimPrefix(j.Job, "0x"), 12), j.Day, row(j.EarningsCount), claim)
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, "total\t\t%s\t\t\n", row(e.Total))
	fmt.Fprintln(tw, "\nDAY\t\tTASKS\tRENDER\tEARNED\tSLASHED\tCHECKS OK/FAILED\t\t")
	for _, d := range e.Days {
		fmt.Fprintf(tw, "%s\t\t%s\t\t\n", d.Day, row(d.EarningsCount))
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\njobs' payments: %d paid, %d pending, %d failed; %s (tokens exact to the wei)\n",
		e.Total.Claims[api.ClaimPaid], e.Total.Claims[api.ClaimPending], e.Total.Claims[api.ClaimFailed], api.Count(e.Total.Slashes, "slash"))
}

// row is one line's counts, tab-separated: tasks, render time, tokens
// earned and slashed, checks.
func row(c api.EarningsCount) string {
	render := (time.Duration(c.RenderSeconds*1000) * time.Millisecond).Round(time.Millisecond)
	return fmt.Sprintf("%d\t%s\t%s\t%s\t%d/%d", c.Tasks, render, c.Earned, c.Slashed, c.ChecksPassed, c.ChecksFailed)
}
