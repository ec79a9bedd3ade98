package farm

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestSlashNeedsTheNodesOwnResult: a coordinator on the simulated chain
// convicts, in its job, a staked node that never worked on it: with no
// signed result, with another node's result of the job, with the node's own
// result of another job. None of them takes a wei of its stake; the node
// that did deliver a result is slashed with it, and the stake is burned.
func TestSlashNeedsTheNodesOwnResult(t *testing.T) {
	ctx := context.Background()
	chain, err := contracts.NewSimulated(contracts.DefaultSimConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	bank, err := contracts.Deploy(ctx, chain, contracts.DevKey(0), contracts.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bank.Mint(ctx, bank.Address(), api.TokensToWei(100)); err != nil {
		t.Fatal(err)
	}
	const stake = 5.0
	bystander, worker := bank.WithKey(contracts.DevKey(1)), bank.WithKey(contracts.DevKey(2))
	for _, n := range []*contracts.Client{bystander, worker} {
		if _, err := bank.Mint(ctx, n.Address(), api.TokensToWei(stake)); err != nil {
			t.Fatal(err)
		}
		if _, err := n.Stake(ctx, api.TokensToWei(stake)); err != nil {
			t.Fatal(err)
		}
	}
	c := &coordinator{chain: bank, log: slog.New(slog.DiscardHandler)}
	spec := func(seed uint64) api.JobSpec {
		return api.JobSpec{
			Renderer: "pathtracer", Scene: strings.Repeat("ab", 32), SceneName: "cornell.glb",
			Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
			Samples: 2, Seed: seed, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Budget: 10,
		}
	}
	job, other := spec(1), spec(2)
	for _, s := range []api.JobSpec{job, other} {
		if err := c.openEscrow(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	tile := sha256.Sum256([]byte("a tile"))
	sign := func(n *contracts.Client, s api.JobSpec) *api.SignedResult {
		r, err := n.SignResult(jobHash(s), 0, common.Hash(tile))
		if err != nil {
			t.Fatal(err)
		}
		return resultRecord(&r)
	}
	tests := []struct {
		name    string
		node    *contracts.Client
		result  *api.SignedResult
		wantErr string // "" for a slash that lands
	}{
		{"no signed result", bystander, nil, "no result signed by the node"},
		{"another node's result", bystander, sign(worker, job), "BadResultSignature"},
		{"its result of another job", bystander, sign(bystander, other), "BadResultSignature"},
		{"its own result of the job", worker, sign(worker, job), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cv := api.Conviction{Node: tc.name, Address: tc.node.Address().Hex(), Task: 0, Result: tc.result, Time: time.Now()}
			recs := c.slash(ctx, job, []api.Conviction{cv}, nil)
			st, err := bank.StakeOf(ctx, tc.node.Address())
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 {
				t.Fatalf("slash records %+v", recs)
			}
			rec := recs[0]
			if tc.wantErr != "" {
				if !strings.Contains(rec.Error, tc.wantErr) || rec.Tx != "" || st.Active.Cmp(api.TokensToWei(stake)) != 0 {
					t.Fatalf("record %+v, stake %v: want refused with %q and the stake whole", rec, st.Active, tc.wantErr)
				}
				return
			}
			if rec.Error != "" || rec.Amount != api.FormatTokens(api.TokensToWei(stake)) || st.Active.Sign() != 0 {
				t.Fatalf("record %+v, stake left %v: want the whole stake slashed", rec, st.Active)
			}
		})
	}
	burned, err := bank.Burned(ctx)
	if err != nil || burned.Cmp(api.TokensToWei(stake)) != 0 {
		t.Fatalf("burned %v (%v), want only the worker's stake %v", burned, err, stake)
	}
	if bal, _ := bank.Balance(ctx, bank.Address()); bal.Cmp(api.TokensToWei(100-2*11)) != 0 {
		t.Fatalf("requester holds %s, want %v: budgets and bonds locked, nothing gained from the slash", api.FormatTokens(bal), 100-2*11)
	}
}
