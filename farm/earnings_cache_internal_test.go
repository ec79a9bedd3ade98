package farm

import (
	"context"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// readCounter counts the chain reads made through it.
type readCounter struct {
	contracts.Backend
	reads atomic.Int64
}

func (b *readCounter) CallContract(ctx context.Context, m ethereum.CallMsg, n *big.Int) ([]byte, error) {
	b.reads.Add(1)
	return b.Backend.CallContract(ctx, m, n)
}

func (b *readCounter) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	b.reads.Add(1)
	return b.Backend.FilterLogs(ctx, q)
}

// TestEarningsCacheClosedJobs: a metrics scrape reads the chain for a
// job's earnings only while they can still change; a job closed on the
// chain (settled, its claim window over, reclaimed) is read once and then
// served from memory, with the same figures; open and settled jobs are
// read on every scrape.
func TestEarningsCacheClosedJobs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	chain, bank, err := contracts.NewSimulatedEscrow(ctx, contracts.DefaultSimConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	worker := bank.WithKey(contracts.DevKey(1))
	if _, err := bank.Mint(ctx, bank.Address(), api.MustTokens("100").Wei()); err != nil {
		t.Fatal(err)
	}
	now, err := chain.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pay := []contracts.Payout{{Node: worker.Address(), Amount: api.MustTokens("1").Wei()}}
	open := func(b byte, deadline time.Duration) common.Hash {
		id := common.Hash{b}
		if _, err := bank.OpenJob(ctx, id, api.MustTokens("2").Wei(), now.Add(deadline)); err != nil {
			t.Fatal(err)
		}
		return id
	}
	closed, settled, running := open(1, time.Hour), open(2, 90*24*time.Hour), open(3, 90*24*time.Hour)
	if _, err := bank.Settle(ctx, closed, pay); err != nil {
		t.Fatal(err)
	}
	if err := chain.AdjustTime(contracts.DefaultConfig().ClaimWindow + time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := bank.Reclaim(ctx, closed); err != nil {
		t.Fatal(err)
	}
	st, err := bank.Settle(ctx, settled, pay)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := worker.Claim(ctx, st.Claims[0]); err != nil {
		t.Fatal(err)
	}

	counter := &readCounter{}
	counted := chain.WithBackend(func(b contracts.Backend) contracts.Backend { counter.Backend = b; return counter })
	n := &Node{cfg: NodeConfig{Identity: rpc.IdentityFromKey(contracts.DevKey(1))}, wallet: &wallet{chain: worker.On(counted)}}
	tests := []struct {
		name   string
		escrow common.Hash
		cached bool
		earned string
	}{
		{"closed", closed, true, "0"},
		{"settled and claimed", settled, false, "1"},
		{"open", running, false, "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []jobMoney
			var reads []int64
			for range 3 {
				before := counter.reads.Load()
				m, err := n.moneyOf(ctx, tc.escrow.Hex())
				if err != nil {
					t.Fatal(err)
				}
				got, reads = append(got, m), append(reads, counter.reads.Load()-before)
			}
			if reads[0] == 0 {
				t.Fatal("the first read made no chain calls")
			}
			for i := 1; i < len(reads); i++ {
				if tc.cached && reads[i] != 0 {
					t.Errorf("read %d of a closed job made %d chain calls, want 0", i+1, reads[i])
				}
				if !tc.cached && reads[i] == 0 {
					t.Errorf("read %d of a job still moving made no chain calls: it may serve stale figures", i+1)
				}
				if got[i].earned.Cmp(got[0].earned) != 0 || got[i].slashed.Cmp(got[0].slashed) != 0 {
					t.Errorf("read %d: %v earned, %v slashed; first read %v, %v", i+1, got[i].earned, got[i].slashed, got[0].earned, got[0].slashed)
				}
			}
			if want := api.MustTokens(tc.earned).Wei(); got[0].earned.Cmp(want) != 0 {
				t.Errorf("earned %v wei, want %v", got[0].earned, want)
			}
		})
	}
}
