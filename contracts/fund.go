package contracts

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// FundGasWei is the Ether Fund sends with the tokens: 1 Ether pays the
// gas of thousands of claims and escrow calls even at the simulated
// chain's future-fork storage prices (~150k gas each).
var FundGasWei = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// Fund gives to tokens (minted: the client must be the token's owner, as
// the development chain's deployer DevKey(0) is) and FundGasWei of Ether
// for gas: what a fresh node key needs to submit jobs with a budget on a
// development chain.
func (c *Client) Fund(ctx context.Context, to common.Address, tokensWei *big.Int) error {
	if _, err := c.SendEther(ctx, to, FundGasWei); err != nil {
		return err
	}
	if _, err := c.Mint(ctx, to, tokensWei); err != nil {
		return fmt.Errorf("mint %s wei of tokens for %s (only the token's owner, the chain's deployer, can): %w", tokensWei, to, err)
	}
	return nil
}
