package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
)

// runChainFund is `conun chain fund ADDR TOKENS`: a development chain's
// faucet. A fresh node key holds neither tokens (for a job's budget) nor
// Ether (for gas), so `submit --budget` fails with "insufficient funds"
// until someone funds it; the chain's deployer (development key 0) mints
// the tokens and sends Ether for gas.
func runChainFund(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("chain fund", flag.ContinueOnError)
	chain := addChainFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: want ADDRESS TOKENS (e.g. conun chain fund --chain http://127.0.0.1:8545 0xAB... 100), got %s", errUsage, api.Count(len(pos), "argument"))
	}
	if !common.IsHexAddress(pos[0]) {
		return fmt.Errorf("%w: %q is not an address: `conun wallet --node URL` shows a node's", errUsage, pos[0])
	}
	to := common.HexToAddress(pos[0])
	wei, err := api.ParseTokenAmount(pos[1])
	if err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if *chain.url == "" {
		return fmt.Errorf("%w: --chain URL is required (the URL `conun chain` printed)", errUsage)
	}
	c, err := chain.client(ctx, rpc.IdentityFromKey(contracts.DevKey(0)))
	if err != nil {
		return err
	}
	defer c.Chain().Close()
	if err := c.Fund(ctx, to, wei); err != nil {
		return fmt.Errorf("fund %s (only a development chain's deployer can mint): %w", to.Hex(), err)
	}
	bal, err := c.Balance(ctx, to)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "funded %s: %s tokens and %s Ether for gas; it now holds %s tokens\n",
		to.Hex(), api.FormatTokens(wei), api.FormatTokens(contracts.FundGasWei), api.FormatTokens(bal))
	return nil
}
