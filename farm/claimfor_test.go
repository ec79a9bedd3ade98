package farm_test

import (
	"context"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// TestWorkerPaidWithoutGas runs a job on the simulated chain with two real
// in-process nodes, a coordinator with Ether and a worker with a fresh key. Whoever pays the claim's gas, the worker ends with
// its pay to the wei, and its wallet says what the claim waited for.
func TestWorkerPaidWithoutGas(t *testing.T) {
	tests := []struct {
		name string
		// payClaims: the coordinator submits the workers' claims.
		payClaims bool
		// workerEther: Ether the worker's fresh key holds (0: none at all).
		workerEther *big.Int
		// fundLater: Ether sent once the wallet says it waits for gas.
		fundLater *big.Int
		// closeWindow: once the wallet says it waits for gas, the claim
		// window passes and the job is closed, unpaid.
		closeWindow bool
		wantPaidBy  string
		wantWaiting string // what the wallet says before the claim is paid
		wantSent    bool   // the worker sent a transaction of its own
		wantErr     string // the claim ends unpaid, saying this
	}{
		{name: "coordinator pays a worker with no Ether", payClaims: true, workerEther: new(big.Int),
			wantPaidBy: api.ClaimPaidByCoordinator},
		{name: "coordinator does not submit: worker claims with its own Ether", payClaims: false, workerEther: big.NewInt(1e17),
			wantPaidBy: api.ClaimPaidBySelf, wantSent: true},
		{name: "coordinator does not submit, no Ether: wallet says so until funded", payClaims: false, workerEther: new(big.Int),
			fundLater: big.NewInt(1e17), wantWaiting: api.ClaimWaitsGas, wantPaidBy: api.ClaimPaidBySelf, wantSent: true},
		{name: "coordinator does not submit, no Ether, the window closes: the wallet stops waiting", payClaims: false, workerEther: new(big.Int),
			closeWindow: true, wantWaiting: api.ClaimWaitsGas, wantErr: "the claim window closed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			chain, bank := farmtest.FundedBank(t)
			key, err := crypto.GenerateKey()
			if err != nil {
				t.Fatal(err)
			}
			worker := bank.WithKey(key)
			if tc.workerEther.Sign() > 0 {
				if _, err := bank.SendEther(ctx, worker.Address(), tc.workerEther); err != nil {
					t.Fatal(err)
				}
			}
			price := api.MustTokens("0.25")
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				c.Delivery.PayClaims = tc.payClaims
				c.Delivery.ClaimWait = 2 * time.Second
				c.Price = price
				if i == 0 {
					c.Identity, c.Chain = rpc.IdentityFromKey(contracts.DevKey(0)), bank
					return
				}
				c.Identity, c.Chain = rpc.IdentityFromKey(key), worker
			})
			client := api.NewClient(nodes[0].URL())
			id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })
			if state, err := client.Events(ctx, id, nil); err != nil || state != api.JobDone {
				t.Fatalf("job ended %s: %v", state, err)
			}
			rep, err := client.Report(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			tasks := 0
			for _, tr := range rep.Tasks {
				if tr.State == api.TaskDone && tr.Node == "node-2" {
					tasks++
				}
			}
			owed := new(big.Int).Mul(price.Wei(), big.NewInt(int64(tasks)))
			if tasks == 0 || rep.Settlement == nil || !slices.ContainsFunc(rep.Settlement.Payouts, func(p api.NodePayout) bool {
				return p.Node == "node-2" && p.Amount == api.FormatTokens(owed)
			}) {
				t.Fatalf("%d tasks by the worker, settlement %+v: want %s paid to node-2", tasks, rep.Settlement, api.FormatTokens(owed))
			}
			wc := api.NewClient(nodes[1].URL())
			seen := map[string]bool{}
			var w api.WalletInfo
			farmtest.Until(t, "the worker's claim is paid", func() bool {
				w, err = wc.Wallet(ctx)
				if err != nil || len(w.Claims) != 1 {
					return false
				}
				cl := w.Claims[0]
				seen[cl.Waiting] = true
				if cl.Waiting == api.ClaimWaitsGas && tc.fundLater != nil {
					if _, err := bank.SendEther(ctx, worker.Address(), tc.fundLater); err != nil {
						t.Fatal(err)
					}
					tc.fundLater = nil
				}
				if cl.Waiting == api.ClaimWaitsGas && tc.closeWindow {
					if err := chain.AdjustTime(contracts.DefaultConfig().ClaimWindow + time.Hour); err != nil {
						t.Fatal(err)
					}
					if _, err := bank.Reclaim(ctx, common.HexToHash(cl.JobID)); err != nil {
						t.Fatal(err)
					}
					tc.closeWindow = false
				}
				return cl.Claimed || cl.Error != ""
			})
			cl := w.Claims[0]
			if tc.wantErr != "" {
				if cl.Claimed || !strings.Contains(cl.Error, tc.wantErr) || !seen[tc.wantWaiting] {
					t.Fatalf("claim %+v (waits seen %v): want it unpaid, saying %q", cl, seen, tc.wantErr)
				}
				if bal, err := bank.Balance(ctx, worker.Address()); err != nil || bal.Sign() != 0 {
					t.Errorf("worker holds %v tokens (%v), want none", bal, err)
				}
				return
			}
			if !cl.Claimed || cl.PaidBy != tc.wantPaidBy || cl.Amount != api.FormatTokens(owed) {
				t.Fatalf("claim %+v: want %s paid by %s", cl, api.FormatTokens(owed), tc.wantPaidBy)
			}
			if tc.wantWaiting != "" && !seen[tc.wantWaiting] {
				t.Errorf("the wallet never said the claim waits for %q (saw %v)", tc.wantWaiting, seen)
			}
			if bal, err := bank.Balance(ctx, worker.Address()); err != nil || bal.Cmp(owed) != 0 {
				t.Errorf("worker holds %v tokens (%v), want %v to the wei", bal, err, owed)
			}
			nonce, err := bank.Chain().Backend().PendingNonceAt(ctx, worker.Address())
			if err != nil || (nonce > 0) != tc.wantSent {
				t.Errorf("worker sent %d transactions (%v); want some: %v", nonce, err, tc.wantSent)
			}
			if tc.payClaims {
				rep, _ = client.Report(ctx, id)
				if st := rep.Settlement; len(st.ClaimsTx) == 0 || st.ClaimsError != "" {
					t.Errorf("settlement %+v: want the coordinator's claimFor transaction", st)
				}
			}
		})
	}
}
