package farm_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// TestClusterJobs: the admin of one node lists a job another coordinator
// holds, with that coordinator's name; a client token is refused the
// cluster listing (403); a coordinator's summaries go to members' signed
// requests only (401 for a stranger), and carry no spec.
func TestClusterJobs(t *testing.T) {
	const adminToken = "owner-owner-owner-owner-owner-owner"
	memberKey, err := rpc.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.APIToken = adminToken
		if i == 0 {
			c.Identity = memberKey
		}
	})
	ctx := context.Background()
	admin := func(n *farm.Node) *api.Client {
		c := api.NewClient(n.URL())
		c.Token = adminToken
		return c
	}
	id := farmtest.Submit(t, admin(nodes[1]), nil)

	all, err := admin(nodes[0]).ClusterJobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Jobs) != 1 || all.Jobs[0].ID != id || all.Jobs[0].Coordinator != nodes[1].Name() || all.Jobs[0].Frames == 0 {
		t.Fatalf("want job %s of %s, got %+v", id, nodes[1].Name(), all)
	}
	if len(all.Coordinators) != 2 || all.Coordinators[0].Error != "" || all.Coordinators[1].Error != "" {
		t.Fatalf("want both coordinators answering: %+v", all.Coordinators)
	}

	tok, err := admin(nodes[0]).CreateToken(ctx, api.TokenRequest{Name: "studio-a"})
	if err != nil {
		t.Fatal(err)
	}
	studio := api.NewClient(nodes[0].URL())
	studio.Token = tok.Token
	if _, err := studio.ClusterJobs(ctx); !isStatus(err, http.StatusForbidden) {
		t.Fatalf("a client token's cluster listing: %v, want 403", err)
	}

	var coordAddr string
	for _, m := range nodes[1].Members() {
		if m.ID == nodes[1].Name() {
			coordAddr = m.Addr
		}
	}
	stranger, _ := rpc.NewIdentity()
	const path = "/rpc/v1/jobs"
	signed := func(id *rpc.Identity) *http.Request {
		req, _ := http.NewRequest("GET", nodes[1].RPCURL()+path, nil)
		if err := id.SignRequest(req, path, common.HexToAddress(coordAddr)); err != nil {
			t.Fatal(err)
		}
		return req
	}
	unsigned, _ := http.NewRequest("GET", nodes[1].RPCURL()+path, nil)
	for _, tc := range []struct {
		name string
		req  *http.Request
		want int
	}{
		{"unsigned", unsigned, 401},
		{"stranger's key", signed(stranger), 401},
		{"member", signed(memberKey), 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("%d %s, want %d", resp.StatusCode, body, tc.want)
			}
			if tc.want == 200 && (!strings.Contains(string(body), id) || strings.Contains(string(body), "scene")) {
				t.Fatalf("summaries %s: want job %s and no spec", body, id)
			}
		})
	}
}
