package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/conun/conun/farm/api"
)

// runStake bonds more of the node's tokens: conun stake AMOUNT.
func runStake(ctx context.Context, args []string, stdout io.Writer) error {
	return changeStake(ctx, "stake", api.StakeAdd, args, stdout)
}

// runUnstake asks some of the node's stake back: conun unstake AMOUNT;
// conun reclaim withdraws it once the escrow's delay has passed.
func runUnstake(ctx context.Context, args []string, stdout io.Writer) error {
	return changeStake(ctx, "unstake", api.StakeUnstake, args, stdout)
}

// reclaimStake withdraws the stake asked back: conun reclaim, without a job.
func reclaimStake(ctx context.Context, cf clientFlags, stdout io.Writer) error {
	return sendStake(ctx, cf, api.StakeRequest{Action: api.StakeReclaim}, stdout)
}

func changeStake(ctx context.Context, name, action string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cf := addClientFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one amount of tokens (e.g. conun %s 2.5), got %d arguments", errUsage, name, len(pos))
	}
	// Checked here too, so a typo is a usage error before any request.
	if _, err := api.ParseTokenAmount(pos[0]); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return sendStake(ctx, cf, api.StakeRequest{Action: action, Amount: pos[0]}, stdout)
}

func sendStake(ctx context.Context, cf clientFlags, req api.StakeRequest, stdout io.Writer) error {
	res, err := cf.client().Stake(ctx, req)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, res)
	}
	switch req.Action {
	case api.StakeAdd:
		fmt.Fprintf(stdout, "staked %s tokens (tx %s): %s staked, %s tokens left\n", res.Amount, res.Tx, res.Active, res.Balance)
	case api.StakeUnstake:
		fmt.Fprintf(stdout, "asked %s tokens back (tx %s): %s pending, reclaimable from %s with conun reclaim; %s still staked\n",
			res.Amount, res.Tx, res.Pending, res.UnlockAt.UTC().Format(time.RFC3339), res.Active)
	case api.StakeReclaim:
		fmt.Fprintf(stdout, "reclaimed %s tokens of stake (tx %s): balance %s, %s still staked\n", res.Amount, res.Tx, res.Balance, res.Active)
	}
	return nil
}
