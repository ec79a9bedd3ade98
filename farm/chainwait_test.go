package farm_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// countingBackend counts every call a node makes to the chain. Without
// push it is a plain HTTP endpoint: no head or log subscriptions.
type countingBackend struct {
	contracts.Backend
	push  bool
	calls atomic.Int64
}

var errNoPush = errors.New("notifications not supported")

func (b *countingBackend) CallContract(ctx context.Context, m ethereum.CallMsg, n *big.Int) ([]byte, error) {
	b.calls.Add(1)
	return b.Backend.CallContract(ctx, m, n)
}
func (b *countingBackend) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	b.calls.Add(1)
	return b.Backend.HeaderByNumber(ctx, n)
}
func (b *countingBackend) EstimateGas(ctx context.Context, m ethereum.CallMsg) (uint64, error) {
	b.calls.Add(1)
	return b.Backend.EstimateGas(ctx, m)
}
func (b *countingBackend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	b.calls.Add(1)
	return b.Backend.SendTransaction(ctx, tx)
}
func (b *countingBackend) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	b.calls.Add(1)
	return b.Backend.TransactionReceipt(ctx, h)
}
func (b *countingBackend) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	b.calls.Add(1)
	return b.Backend.FilterLogs(ctx, q)
}
func (b *countingBackend) BalanceAt(ctx context.Context, a common.Address, n *big.Int) (*big.Int, error) {
	b.calls.Add(1)
	return b.Backend.BalanceAt(ctx, a, n)
}
func (b *countingBackend) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	b.calls.Add(1)
	return b.Backend.PendingNonceAt(ctx, a)
}
func (b *countingBackend) SubscribeFilterLogs(ctx context.Context, q ethereum.FilterQuery, ch chan<- types.Log) (ethereum.Subscription, error) {
	b.calls.Add(1)
	if !b.push {
		return nil, errNoPush
	}
	return b.Backend.SubscribeFilterLogs(ctx, q, ch)
}

// pushingBackend is a countingBackend that also pushes new heads.
type pushingBackend struct{ *countingBackend }

func (b pushingBackend) SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	b.calls.Add(1)
	return b.Backend.(contracts.HeadSubscriber).SubscribeNewHead(ctx, ch)
}

// TestLongWaitsCostNoPolling: a node that waits on the chain, as the
// coordinator of a settled job whose grace runs three days and as a worker
// holding a receipt of a job open for a week, makes no chain calls while
// it waits, however much time passes on chain (pushed heads) or on the
// clock (plain HTTP: it sleeps until the due time), where it used to ask
// several times a second. The wait is measured over a few seconds of
// wall clock: what is asserted is that nothing happens in it.
func TestLongWaitsCostNoPolling(t *testing.T) {
	tests := []struct {
		name string
		push bool
	}{
		{"pushed heads", true},
		{"plain HTTP", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			chain, bank := farmtest.SimBank(t, contracts.DefaultSimConfig())
			me := bank.WithKey(contracts.DevKey(1))
			for _, a := range []common.Address{bank.Address(), me.Address()} {
				if _, err := bank.Mint(ctx, a, api.MustTokens("100").Wei()); err != nil {
					t.Fatal(err)
				}
			}
			counter := &countingBackend{push: tc.push}
			counted := chain.WithBackend(func(b contracts.Backend) contracts.Backend {
				counter.Backend = b
				if tc.push {
					return pushingBackend{counter}
				}
				return counter
			})
			nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) {
				c.Identity, c.Chain = rpc.IdentityFromKey(contracts.DevKey(1)), me.On(counted)
			})
			n := nodes[0]
			// As a coordinator: a job of its own, settled; its reclaim waits three days.
			rep := farmtest.RunJob(t, api.NewClient(n.URL()), func(s *api.JobSpec) { s.Budget = api.MustTokens("1") })
			farmtest.Until(t, "the job is settled", func() bool {
				r, err := api.NewClient(n.URL()).Report(ctx, rep.JobID)
				return err == nil && r.Settlement != nil && r.Settlement.Tx != ""
			})
			// As a worker: a receipt of another requester's job open for a week.
			now, _ := chain.Now(ctx)
			jobID := common.HexToHash("0x0f")
			if _, err := bank.OpenJob(ctx, jobID, api.MustTokens("1").Wei(), now.Add(7*24*time.Hour)); err != nil {
				t.Fatal(err)
			}
			r, err := bank.SignReceipt(contracts.WorkReceipt{JobID: jobID, Worker: me.Address()}.Accept(0, common.Hash{1}, big.NewInt(1)))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := json.Marshal(api.Receipt{
				JobID: r.JobID.Hex(), Worker: r.Worker.Hex(), Amount: r.Amount.String(), Tasks: r.Tasks,
				Results: r.Results.Hex(), Signature: "0x" + hex.EncodeToString(r.Signature),
			})
			resp, err := http.Post(n.URL()+"/rpc/v1/receipts", "application/json", bytes.NewReader(body))
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("hand the receipt: %v %v", resp, err)
			}
			resp.Body.Close()
			farmtest.Until(t, "the node stops calling the chain once it waits (a node that polls never does)", func() bool {
				before := counter.calls.Load()
				time.Sleep(1500 * time.Millisecond)
				return counter.calls.Load() == before
			})

			before := counter.calls.Load()
			for range 10 { // ten hours pass on chain, a block each
				if err := chain.AdjustTime(time.Hour); err != nil {
					t.Fatal(err)
				}
			}
			time.Sleep(3 * time.Second) // the measured wait: it used to poll every second
			if calls := counter.calls.Load() - before; calls > 2 {
				t.Fatalf("%d chain calls while waiting 3 s and 10 blocks for a grace of days: want O(1), not a poll a second", calls)
			}
			t.Logf("%d chain calls during the wait (%d in all)", counter.calls.Load()-before, counter.calls.Load())

			if !tc.push {
				return // over HTTP the wait ends by the clock, days from now
			}
			// The wait still ends: past the receipt's week, the wallet redeems it.
			if err := chain.AdjustTime(7 * 24 * time.Hour); err != nil {
				t.Fatal(err)
			}
			farmtest.Until(t, "the receipt is redeemed after the deadline", func() bool {
				w, err := api.NewClient(n.URL()).Wallet(ctx)
				return err == nil && len(w.Receipts) == 1 && w.Receipts[0].Redeemed
			})
		})
	}
}
