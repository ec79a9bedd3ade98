package farm

import (
	"context"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/ethereum/go-ethereum/core/types"
)

// Waiting on the chain. What the farm waits for (a reclaim's grace, a
// receipt's window, a dispute's draw block and votes) has a known chain
// time or block; asking the chain every second for weeks would be steady
// RPC load for nothing. Where the connection pushes new blocks (the
// simulated chain, websocket and IPC nodes) the farm waits for a head that
// is far enough; over plain HTTP it sleeps until the due time by its own
// clock (chains keep wall-clock time) and then asks with a growing pause.

// maxChainPoll bounds the pause between two looks at a chain that cannot
// push blocks, once a due time has passed.
const maxChainPoll = time.Minute

// waitHead returns the first head for which done holds: the latest block
// at once if it does, else the next ones as they come. due is when, by this
// node's clock, done is expected to hold; polling (without a subscription)
// starts then, every poll at first, backing off to maxChainPoll.
func waitHead(ctx context.Context, chain *contracts.Chain, due time.Time, poll time.Duration, done func(*types.Header) bool) (*types.Header, error) {
	b := chain.Backend()
	h, err := b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, err
	}
	if done(h) {
		return h, nil
	}
	if sub, ok := b.(contracts.HeadSubscriber); ok {
		heads := make(chan *types.Header, 16)
		if s, err := sub.SubscribeNewHead(ctx, heads); err == nil {
			defer s.Unsubscribe()
			// A block mined between the read above and the subscription
			// would be missed: look once more.
			if h, err := b.HeaderByNumber(ctx, nil); err == nil && done(h) {
				return h, nil
			}
			for {
				select {
				case <-ctx.Done():
					return nil, ctx.Err()
				case err := <-s.Err():
					if err == nil {
						err = context.Canceled
					}
					return nil, err
				case h := <-heads:
					if done(h) {
						return h, nil
					}
				}
			}
		}
	}
	wait := time.Until(due)
	for {
		t := time.NewTimer(max(wait, poll))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		h, err := b.HeaderByNumber(ctx, nil)
		if err == nil && done(h) {
			return h, nil
		}
		wait = 0
		poll = min(2*poll, maxChainPoll)
	}
}

// waitChainTime waits until the chain's latest block is after t.
func waitChainTime(ctx context.Context, chain *contracts.Chain, t time.Time) (*types.Header, error) {
	return waitHead(ctx, chain, t, time.Second, func(h *types.Header) bool { return int64(h.Time) > t.Unix() })
}

// throttle waits until a second has passed since *last (then sets it to
// now), so a loop whose work keeps failing at once (the chain is
// unreachable) runs at most once a second; false when ctx ended first.
func throttle(ctx context.Context, last *time.Time) bool {
	if pause := time.Second - time.Since(*last); pause > 0 {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(pause):
		}
	}
	*last = time.Now()
	return true
}
