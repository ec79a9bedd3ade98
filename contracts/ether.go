package contracts

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// SendEther sends wei of the client's Ether to to, for gas: how a
// development chain's funded account (or an operator) gives a fresh node
// key what its own transactions (stake, a claim its coordinator did not
// submit) need.
func (c *Client) SendEther(ctx context.Context, to common.Address, wei *big.Int) (*types.Receipt, error) {
	unlock := c.chain.lockAccount(c.from)
	defer unlock()
	b := c.chain.backend
	nonce, err := b.PendingNonceAt(ctx, c.from)
	if err != nil {
		return nil, fmt.Errorf("send Ether: nonce of %s: %w", c.from, err)
	}
	tip, err := b.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("send Ether: gas tip: %w", err)
	}
	head, err := b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("send Ether: latest block: %w", err)
	}
	// Twice the base fee leaves room for it to rise for a few blocks.
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: c.chain.chainID, Nonce: nonce, To: &to, Value: wei, Gas: 21_000,
		GasTipCap: tip, GasFeeCap: feeCap})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(c.chain.chainID), c.key)
	if err != nil {
		return nil, fmt.Errorf("send Ether: sign: %w", err)
	}
	if err := b.SendTransaction(ctx, signed); err != nil {
		return nil, fmt.Errorf("send %v wei of Ether from %s to %s: %w", wei, c.from, to, err)
	}
	return c.chain.waitMined(ctx, signed.Hash())
}
