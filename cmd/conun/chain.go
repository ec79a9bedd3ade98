package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
)

func runChain(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "fund" {
		return runChainFund(ctx, args[1:], stdout)
	}
	fs := flag.NewFlagSet("chain", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8545", "HTTP JSON-RPC address of the development chain")
	cfg := contracts.DefaultDevChainConfig()
	unstakeDelay := fs.Duration("unstake-delay", cfg.Escrow.UnstakeDelay, "how long unstaked tokens wait before conun reclaim can withdraw them (short to try it out)")
	period := fs.Duration("block-period", 0, "mine a block this often, empty or not (whole seconds); 0 mines one per transaction, and chain time then stands still between transactions (an unstake delay passes only at the next one)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *period < 0 || *period%time.Second != 0 {
		return fmt.Errorf("%w: --block-period %v: want whole seconds, such as 1s", errUsage, *period)
	}
	cfg.Addr, cfg.Escrow.UnstakeDelay, cfg.BlockPeriod = *listen, *unstakeDelay, uint64(*period/time.Second)
	return contracts.ServeDevChain(ctx, cfg, stdout)
}

// chainFlags are a node's flags for the chain its jobs settle on.
type chainFlags struct {
	url, token, escrow *string
}

func addChainFlags(fs *flag.FlagSet) chainFlags {
	dev := contracts.DevAddresses()
	return chainFlags{
		url:    fs.String("chain", "", "Ethereum JSON-RPC URL to settle jobs on (e.g. from `conun chain`); empty: no payments"),
		token:  fs.String("token-contract", dev.Token.Hex(), "ConunToken address (default: the development chain's)"),
		escrow: fs.String("escrow-contract", dev.Escrow.Hex(), "RenderEscrow address (default: the development chain's)"),
	}
}

// client connects to the chain with the node's key; nil without --chain.
func (f chainFlags) client(ctx context.Context, id *rpc.Identity) (*contracts.Client, error) {
	if *f.url == "" {
		return nil, nil
	}
	for _, a := range []string{*f.token, *f.escrow} {
		if !common.IsHexAddress(a) {
			return nil, fmt.Errorf("%w: %q is not a contract address", errUsage, a)
		}
	}
	chain, err := contracts.Dial(ctx, *f.url)
	if err != nil {
		return nil, fmt.Errorf("--chain %s: %w", *f.url, err)
	}
	addrs := contracts.Addresses{Token: common.HexToAddress(*f.token), Escrow: common.HexToAddress(*f.escrow)}
	c, err := contracts.NewClient(ctx, chain, id.Key(), addrs)
	if err != nil {
		chain.Close()
		return nil, fmt.Errorf("contracts at %s: %w", *f.url, err)
	}
	return c, nil
}

func runWallet(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("wallet", flag.ContinueOnError)
	cf := addClientFlags(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	w, err := cf.client().Wallet(ctx)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, w)
	}
	if !w.Connected {
		fmt.Fprintf(stdout, "address %s\nchain   not connected (start the node with --chain URL)\n", w.Address)
		return nil
	}
	fmt.Fprintf(stdout, "address %s\nbalance %s\nstake   %s\nether   %s (for gas)\n", w.Address, w.Balance, w.Stake, w.Ether)
	if w.PendingStake != "" {
		fmt.Fprintf(stdout, "unstake %s tokens asked back, reclaimable from %s (conun reclaim)\n", w.PendingStake, w.UnlockAt.UTC().Format(time.RFC3339))
	}
	for _, cl := range w.Claims {
		state := cl.Status()
		if cl.Tx != "" {
			state += " " + cl.Tx
		}
		fmt.Fprintf(stdout, "claim   job %s  %s tokens  %s\n", api.Prefix(strings.TrimPrefix(cl.JobID, "0x"), 16), cl.Amount, state)
	}
	for _, r := range w.Receipts {
		state := "held"
		switch {
		case r.Redeemed:
			state = "redeemed " + r.Tx
		case r.Error != "":
			state = "closed: " + r.Error
		case r.Paid != "":
			state = "paid " + r.Paid
		}
		fmt.Fprintf(stdout, "receipt job %s  %s tokens for %s  %s\n", api.Prefix(strings.TrimPrefix(r.JobID, "0x"), 16), r.Amount, api.Count(int(r.Tasks), "task"), state)
		if r.Flag != "" {
			fmt.Fprintf(stdout, "  WARNING: %s\n", r.Flag)
		}
	}
	return nil
}

// printSettlement prints who earned what for a job, and when the unspent
// budget comes back.
func printSettlement(w io.Writer, st *api.SettlementRecord) {
	if st == nil {
		return
	}
	if st.Error != "" {
		fmt.Fprintf(w, "settlement failed: %s\n", st.Error)
		return
	}
	fmt.Fprintf(w, "settled on chain (tx %s): budget %s, paid %s, %s\n", api.Prefix(st.Tx, 10), st.Budget, st.Paid, st.RefundText())
	if st.Reclaimed != "" {
		fmt.Fprintf(w, "  returned in tx %s\n", api.Prefix(st.ReclaimTx, 10))
	} else {
		fmt.Fprintf(w, "  %s\n", st.HeldText())
	}
	if len(st.ClaimsTx) > 0 {
		fmt.Fprintf(w, "  the workers' claims were paid to them by this node (tx %s), at no gas to them\n", api.Prefix(st.ClaimsTx[0], 10))
	} else if st.ClaimsError != "" {
		fmt.Fprintf(w, "  paying the workers' claims failed (they can claim themselves): %s\n", st.ClaimsError)
	}
	for _, p := range st.Payouts {
		fmt.Fprintf(w, "  %-8s %s  %3d tasks  %s tokens\n", p.Node, api.Prefix(p.Address, 10), p.Tasks, p.Amount)
	}
	for _, s := range st.Slashes {
		if s.Error != "" {
			fmt.Fprintf(w, "  slash of %s failed: %s\n", s.Node, s.Error)
			continue
		}
		fmt.Fprintf(w, "  %-8s %s  slashed %s tokens for cheating, burned (evidence %s)\n", s.Node, api.Prefix(s.Address, 10), s.Amount, api.Prefix(s.Evidence, 10))
	}
}
