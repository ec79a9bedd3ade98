package main

import (
	"fmt"

	"github.com/conun/conun/farm/api"
)

// defaultMinStake is the bond, in tokens, an open cluster on a chain asks
// of a member before leasing it work: a fresh key costs that much, and a
// conviction burns it. One token is small next to a job's budget and large
// next to a key, which costs nothing.
var defaultMinStake = api.MustTokens("1")

// stakeFlags checks --stake and --min-stake ("" for the default) against
// whether the node is on a chain and its cluster private (a gossip key),
// and returns the tokens to bond and the minimum to lease at.
func stakeFlags(stake api.Tokens, minStake string, onChain, private bool) (api.Tokens, api.Tokens, error) {
	var none api.Tokens
	if !stake.IsZero() && !onChain {
		return none, none, fmt.Errorf("%w: --stake needs --chain: off a chain nothing is bonded", errUsage)
	}
	var min api.Tokens
	switch {
	case minStake == "" && onChain && !private:
		min = defaultMinStake
	case minStake == "":
	default:
		v, err := api.ParseTokens(minStake)
		if err != nil {
			return none, none, fmt.Errorf("%w: --min-stake: %w", errUsage, err)
		}
		min = v
	}
	switch {
	case !min.IsZero() && !onChain:
		return none, none, fmt.Errorf("%w: --min-stake needs --chain: off a chain nothing is bonded (keep strangers out with --gossip-key)", errUsage)
	case min.IsZero() && onChain && !private:
		return none, none, fmt.Errorf("%w: --min-stake 0 in an open cluster on a chain leases work to any key that reaches the gossip port: pass --gossip-key for a private cluster, or a minimum above 0", errUsage)
	}
	return stake, min, nil
}
