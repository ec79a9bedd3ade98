package farm_test

import (
	"context"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// spellings returns n different spellings of the escrow id id (0x and 64
// lowercase hex digits), id itself first: leading zeros, upper and mixed
// case, no prefix, "0X".
func spellings(id string, n int) []string {
	digits := id[2:]
	out := []string{id}
	for i := 1; len(out) < n; i++ {
		zeros := strings.Repeat("0", i)
		mixed := []byte(digits)
		for k := i % 7; k < len(mixed); k += 1 + i%5 {
			mixed[k] = strings.ToUpper(string(mixed[k]))[0]
		}
		for _, s := range []string{
			"0x" + zeros + digits, "0X" + zeros + digits, zeros + digits,
			"0x" + zeros + string(mixed), "0X" + string(mixed),
		} {
			if len(out) < n && s != id {
				out = append(out, s)
			}
		}
	}
	return out
}

// TestClaimSpellings: an attacker hands a worker the same valid claim
// under 500 spellings of its job's escrow id. The worker keeps it once,
// sends one claim to the chain and is paid its amount once, to the wei;
// every other spelling is refused with a 400 naming the escrow id, and the
// node keeps serving.
func TestClaimSpellings(t *testing.T) {
	ctx := context.Background()
	chain, bank := farmtest.FundedBank(t)
	now, _ := chain.Now(ctx)
	job := common.HexToHash("0x00000000000000000000000000000000000000000000000000000000000000ab") // leading zeros invite the padded spellings
	worker := rpc.IdentityFromKey(contracts.DevKey(1))
	if _, err := bank.OpenJob(ctx, job, api.MustTokens("10").Wei(), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	amount := new(big.Int).Add(api.MustTokens("2").Wei(), big.NewInt(7)) // odd wei: paid exactly or not at all
	st, err := bank.Settle(ctx, job, []contracts.Payout{
		{Node: worker.Address(), Amount: amount},
		{Node: rpc.IdentityFromKey(contracts.DevKey(2)).Address(), Amount: api.MustTokens("1").Wei()},
	})
	if err != nil {
		t.Fatal(err)
	}
	var cl contracts.Claim
	for _, c := range st.Claims {
		if c.Node == worker.Address() {
			cl = c
		}
	}
	nc := farm.DefaultNodeConfig()
	nc.Name, nc.DataDir, nc.Identity, nc.Chain = "w", t.TempDir(), worker, bank.WithKey(contracts.DevKey(1))
	n, err := farm.StartNode(ctx, nc)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()

	var proof []string
	for _, p := range cl.Proof {
		proof = append(proof, p.Hex())
	}
	all := spellings(cl.JobID.Hex(), 500)
	accepted := 0
	for _, s := range all {
		body, _ := json.Marshal(map[string]any{"job": s, "node": cl.Node.Hex(), "amount": cl.Amount.String(), "proof": proof})
		resp, err := http.Post(n.RPCURL()+"/rpc/v1/claims", "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatalf("spelling %q: %v", s, err)
		}
		msg := api.ReadError(resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusOK:
			accepted++
		case resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "escrow id"):
			t.Fatalf("spelling %q: %d %q, want 400 naming the escrow id", s, resp.StatusCode, msg)
		}
	}
	if accepted != 1 {
		t.Fatalf("%d of %d spellings accepted, want only the canonical one", accepted, len(all))
	}
	c := api.NewClient(n.URL())
	var w api.WalletInfo
	farmtest.Until(t, "the claim is paid", func() bool {
		w, err = c.Wallet(ctx)
		return err == nil && len(w.Claims) >= 1 && (w.Claims[0].Claimed || w.Claims[0].Error != "")
	})
	if len(w.Claims) != 1 || !w.Claims[0].Claimed {
		t.Fatalf("wallet holds %+v, want the one claim, paid", w.Claims)
	}
	paid, err := bank.Paid(ctx, job, worker.Address())
	if err != nil {
		t.Fatal(err)
	}
	bal, err := bank.Balance(ctx, worker.Address())
	if err != nil {
		t.Fatal(err)
	}
	if paid.Cmp(amount) != 0 || bal.Cmp(amount) != 0 {
		t.Fatalf("paid %s wei, balance %s wei; want %s once", paid, bal, amount)
	}
	t.Logf("%d spellings: %d accepted, %d refused with 400; one claim, %s wei paid", len(all), accepted, len(all)-accepted, paid)
}

// TestRoutesRefuseOtherSpellings: every route that takes a job or escrow
// id answers a spelling other than the canonical one with a 400 naming the
// id, and the canonical spelling of an unknown job with a 404.
func TestRoutesRefuseOtherSpellings(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	api1, rpc1 := nodes[0].URL(), nodes[0].RPCURL()
	job := "0123456789abcdef"
	escrow := "0x" + strings.Repeat("ab", 32)
	addr := rpc.IdentityFromKey(contracts.DevKey(1)).Address().Hex()
	tests := []struct {
		name, method, url string
		status            int
	}{
		{"status upper", "GET", api1 + "/v1/jobs/" + strings.ToUpper(job), 400},
		{"status 0x", "GET", api1 + "/v1/jobs/0x" + job, 400},
		{"status long", "GET", api1 + "/v1/jobs/00" + job, 400},
		{"status unknown", "GET", api1 + "/v1/jobs/" + job, 404},
		{"cancel upper", "POST", api1 + "/v1/jobs/" + strings.ToUpper(job) + "/cancel", 400},
		{"cancel unknown", "POST", api1 + "/v1/jobs/" + job + "/cancel", 404},
		{"report", "GET", api1 + "/v1/jobs/0x" + job + "/report", 400},
		{"events", "GET", api1 + "/v1/jobs/" + strings.ToUpper(job) + "/events", 400},
		{"frame", "GET", api1 + "/v1/jobs/..%2F..%2Fetc/frames/1", 400},
		{"reclaim", "POST", api1 + "/v1/jobs/" + strings.ToUpper(job) + "/reclaim", 400},
		{"evidence", "GET", api1 + "/v1/evidence/" + strings.ToUpper(job) + "/" + addr, 400},
		{"dispute escrow padded", "POST", api1 + "/v1/disputes/0x00" + escrow[2:], 400},
		{"dispute escrow upper", "POST", api1 + "/v1/disputes/" + strings.ToUpper(escrow), 400},
		{"bundle no 0x", "GET", rpc1 + "/rpc/v1/disputes/" + escrow[2:] + "/bundle?task=0", 400},
		{"bundle unknown", "GET", rpc1 + "/rpc/v1/disputes/" + escrow + "/bundle?task=0", 404},
		{"claim pull padded", "GET", rpc1 + "/rpc/v1/claims/0x00" + escrow[2:] + "/" + addr, 400},
		{"claim pull lowercase worker", "GET", rpc1 + "/rpc/v1/claims/" + escrow + "/" + strings.ToLower(addr), 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, tc.url, nil)
			if tc.method == "POST" {
				req.Header.Set("Content-Type", "application/json") // as the client says (apiguard.go)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			msg := api.ReadError(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("%s %s: %d %q, want %d", tc.method, tc.url, resp.StatusCode, msg, tc.status)
			}
			if tc.status == 400 && !strings.Contains(msg, " id ") && !strings.Contains(msg, "worker") {
				t.Fatalf("%s: %q does not name the id", tc.name, msg)
			}
		})
	}
	// The node still serves.
	if _, err := api.NewClient(api1).Jobs(context.Background()); err != nil {
		t.Fatalf("node stopped serving: %v", err)
	}
}
