package farm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/core/types"
)

// The owner's hand on the node's bond: POST /v1/stake bonds more tokens,
// asks some back, or reclaims what was asked back once the escrow's
// unstake delay has passed. The node sends the transaction with its own
// key (the CLI never holds it), so its key needs Ether for the gas.

// ErrStake is wrapped by a stake operation the chain or the node's funds
// refuse: too few tokens or Ether, nothing asked back, a delay not over
// (the client API answers 409).
var ErrStake = errors.New("cannot change the stake")

func (n *Node) postStake(rw http.ResponseWriter, r *http.Request) {
	var req api.StakeRequest
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("stake: %w", err))
		return
	}
	res, err := n.changeStake(r.Context(), req)
	switch {
	case errors.Is(err, api.ErrBadAmount):
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, err)
	case errors.Is(err, ErrStake):
		httpError(rw, http.StatusConflict, err)
	case err != nil:
		httpError(rw, http.StatusInternalServerError, err)
	default:
		writeJSON(rw, res)
	}
}

// changeStake checks what the request needs before sending it, so the
// usual refusals name the numbers (what the node holds, when the delay
// ends) instead of a revert.
func (n *Node) changeStake(ctx context.Context, req api.StakeRequest) (api.StakeResult, error) {
	var amount *big.Int
	switch req.Action {
	case api.StakeAdd, api.StakeUnstake:
		var err error
		if amount, err = api.ParseTokenAmount(req.Amount); err != nil {
			return api.StakeResult{}, fmt.Errorf("%s: %w", req.Action, err)
		}
	case api.StakeReclaim:
		if req.Amount != "" {
			return api.StakeResult{}, fmt.Errorf("%w: reclaim takes no amount: it withdraws all the stake asked back", api.ErrBadAmount)
		}
	default:
		return api.StakeResult{}, fmt.Errorf("%w: action %q: want %s, %s or %s", api.ErrBadAmount, req.Action, api.StakeAdd, api.StakeUnstake, api.StakeReclaim)
	}
	ch := n.cfg.Chain
	if ch == nil {
		return api.StakeResult{}, fmt.Errorf("%w: this node is not connected to a chain (start it with --chain URL)", ErrStake)
	}
	me := ch.Address()
	st, err := ch.StakeOf(ctx, me)
	if err != nil {
		return api.StakeResult{}, err
	}
	if eth, err := ch.EtherBalance(ctx, me); err == nil && eth.Sign() == 0 {
		return api.StakeResult{}, fmt.Errorf("%w: this node's key %s holds no Ether to pay the gas of a %s: send it some Ether first", ErrStake, me.Hex(), req.Action)
	}
	var rcpt *types.Receipt
	switch req.Action {
	case api.StakeAdd:
		bal, err := ch.Balance(ctx, me)
		if err != nil {
			return api.StakeResult{}, err
		}
		if bal.Cmp(amount) < 0 {
			return api.StakeResult{}, fmt.Errorf("%w: stake %s tokens: the node holds only %s", ErrStake, api.FormatTokens(amount), api.FormatTokens(bal))
		}
		rcpt, err = ch.Stake(ctx, amount)
	case api.StakeUnstake:
		if st.Active.Cmp(amount) < 0 {
			return api.StakeResult{}, fmt.Errorf("%w: unstake %s tokens: only %s are staked and not yet asked back", ErrStake, api.FormatTokens(amount), api.FormatTokens(st.Active))
		}
		rcpt, err = ch.RequestUnstake(ctx, amount)
	case api.StakeReclaim:
		amount = st.Pending
		if st.Pending.Sign() == 0 {
			return api.StakeResult{}, fmt.Errorf("%w: nothing to reclaim: ask stake back first (conun unstake AMOUNT), then reclaim it after the escrow's delay", ErrStake)
		}
		// Sent even when the latest block looks early: a chain that mines
		// only on demand has an old latest block, and the next one is new.
		rcpt, err = ch.Unstake(ctx)
		if errors.Is(err, contracts.ErrUnstakeTooEarly) {
			return api.StakeResult{}, fmt.Errorf("%w: the %s tokens asked back can be reclaimed from %s (chain time; in about %s)", ErrStake,
				api.FormatTokens(st.Pending), st.UnlockAt.UTC().Format(time.RFC3339), time.Until(st.UnlockAt).Round(time.Second))
		}
	}
	if err != nil {
		var re *contracts.RevertError
		if errors.As(err, &re) {
			return api.StakeResult{}, fmt.Errorf("%w: %w", ErrStake, err)
		}
		return api.StakeResult{}, err
	}
	res := api.StakeResult{Tx: rcpt.TxHash.Hex(), Amount: api.FormatTokens(amount)}
	if st, err = ch.StakeOf(ctx, me); err == nil {
		res.Active, res.Pending = api.FormatTokens(st.Active), api.FormatTokens(st.Pending)
		if st.Pending.Sign() > 0 {
			res.UnlockAt = st.UnlockAt
		}
	}
	if bal, err := ch.Balance(ctx, me); err == nil {
		res.Balance = api.FormatTokens(bal)
	}
	return res, nil
}
