package farm_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/crypto"
)

// TestStakeRefusals: POST /v1/stake answers each mistake with a 4xx that
// names it, moves nothing on chain, and the node keeps serving: a valid
// stake afterwards lands.
func TestStakeRefusals(t *testing.T) {
	ctx := context.Background()
	_, bank := farmtest.SimBank(t, contracts.DefaultSimConfig())
	start := func(c *contracts.Client, id *rpc.Identity) *farm.Node {
		nc := farm.DefaultNodeConfig()
		nc.Name, nc.DataDir, nc.Identity, nc.Chain = "n", t.TempDir(), id, c
		n, err := farm.StartNode(ctx, nc)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { n.Close() })
		return n
	}
	funded := start(bank.WithKey(contracts.DevKey(1)), rpc.IdentityFromKey(contracts.DevKey(1)))
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	noEther := start(bank.WithKey(key), rpc.IdentityFromKey(key))
	noChain := start(nil, rpc.IdentityFromKey(contracts.DevKey(2)))

	tests := []struct {
		name   string
		node   *farm.Node
		body   string
		status int
		want   string
	}{
		{"not JSON", funded, `{`, 400, "stake:"},
		{"unknown field", funded, `{"action":"stake","amount":"1","to":"0x01"}`, 400, "unknown field"},
		{"unknown action", funded, `{"action":"steal","amount":"1"}`, 400, "want stake, unstake or reclaim"},
		{"float-like amount", funded, `{"action":"stake","amount":"1e18"}`, 400, "at most 18 decimals"},
		{"negative amount", funded, `{"action":"unstake","amount":"-1"}`, 400, "decimal number"},
		{"amount on reclaim", funded, `{"action":"reclaim","amount":"1"}`, 400, "reclaim takes no amount"},
		{"more tokens than held", funded, `{"action":"stake","amount":"5"}`, 409, "the node holds only 0"},
		{"unstake more than staked", funded, `{"action":"unstake","amount":"1"}`, 409, "only 0 are staked"},
		{"reclaim with nothing asked back", funded, `{"action":"reclaim"}`, 409, "nothing to reclaim"},
		{"a key with no Ether", noEther, `{"action":"stake","amount":"1"}`, 409, "holds no Ether to pay the gas"},
		{"a node off the chain", noChain, `{"action":"stake","amount":"1"}`, 409, "not connected to a chain"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(tc.node.URL()+"/v1/stake", "application/json", strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Fatalf("%d %s, want %d naming %q", resp.StatusCode, b, tc.status, tc.want)
			}
		})
	}
	if st, err := bank.StakeOf(ctx, funded.Chain().Address()); err != nil || st.Active.Sign() != 0 || st.Pending.Sign() != 0 {
		t.Fatalf("stake after refusals %+v (%v), want none", st, err)
	}
	if _, err := bank.Mint(ctx, funded.Chain().Address(), api.MustTokens("3").Wei()); err != nil {
		t.Fatal(err)
	}
	res, err := api.NewClient(funded.URL()).Stake(ctx, api.StakeRequest{Action: api.StakeAdd, Amount: "0.03"})
	if err != nil || res.Active != "0.03" || res.Balance != "2.97" {
		t.Fatalf("stake 0.03 after the refusals: %+v, %v", res, err)
	}
	if st, err := bank.StakeOf(ctx, funded.Chain().Address()); err != nil || st.Active.String() != "30000000000000000" {
		t.Fatalf("stake on chain %v (%v), want exactly 30000000000000000 wei", st.Active, err)
	}
}
