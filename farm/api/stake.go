package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"
)

// What POST /v1/stake does with the node's bond (StakeRequest.Action).
const (
	// StakeAdd bonds Amount more of the node's tokens.
	StakeAdd = "stake"
	// StakeUnstake asks Amount of the active stake back: it stays
	// slashable until the escrow's unstake delay has passed.
	StakeUnstake = "unstake"
	// StakeReclaim withdraws everything asked back whose delay has passed.
	StakeReclaim = "reclaim"
)

// StakeRequest is the body of POST /v1/stake. Amount is tokens in decimal
// ("2.5"), exact to the wei; StakeReclaim takes none.
type StakeRequest struct {
	Action string `json:"action"`
	Amount string `json:"amount,omitempty"`
}

// StakeResult is what POST /v1/stake returns: the transaction and the
// node's bond and balance after it (tokens).
type StakeResult struct {
	Tx       string    `json:"tx"`
	Amount   string    `json:"amount"` // tokens moved
	Active   string    `json:"active"`
	Pending  string    `json:"pending"`
	UnlockAt time.Time `json:"unlock_at,omitzero"` // when Pending may be reclaimed
	Balance  string    `json:"balance"`
}

// ErrBadAmount is wrapped by an amount of tokens that does not parse.
var ErrBadAmount = errors.New("bad token amount")

// ParseTokenAmount reads a positive amount of tokens written in decimal
// ("12", "0.03") as wei, exactly (ParseTokens): never through a float, so
// 0.03 tokens is 30000000000000000 wei and not one less.
func ParseTokenAmount(s string) (*big.Int, error) {
	t, err := ParseTokens(s)
	if err != nil || t.IsZero() {
		return nil, fmt.Errorf("%w: %q: want more than 0 tokens, as a decimal number with at most 18 decimals, such as 2.5", ErrBadAmount, s)
	}
	return t.Wei(), nil
}

// Stake bonds, asks back or reclaims the node's stake (admin only; the
// node signs with its own key).
func (c *Client) Stake(ctx context.Context, req StakeRequest) (StakeResult, error) {
	b, _ := json.Marshal(req)
	var out StakeResult
	err := c.do(ctx, http.MethodPost, "/v1/stake", strings.NewReader(string(b)), &out)
	return out, err
}
