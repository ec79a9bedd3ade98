package farm_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// TestSeparateListeners: with ListenAddr the node-to-node RPC has a
// listener of its own, which is what other members are told, and each
// listener serves only its own routes (the client API's stays private).
func TestSeparateListeners(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.ListenAddr = "127.0.0.1:0"
	})
	n := nodes[0]
	if n.RPCURL() == n.URL() {
		t.Fatalf("RPC and client API share %s", n.URL())
	}
	advertised := false
	farmtest.Until(t, "both members seen", func() bool { return len(nodes[1].Members()) == 2 })
	for _, m := range nodes[1].Members() {
		advertised = advertised || m.API == n.RPCURL()
	}
	if !advertised {
		t.Fatalf("node-1 advertises none of %v as its RPC URL %s", nodes[1].Members(), n.RPCURL())
	}
	for _, tc := range []struct {
		base, path string
		want       int
	}{
		{n.URL(), "/v1/jobs", http.StatusOK},
		{n.RPCURL(), "/v1/jobs", http.StatusNotFound},
		{n.URL(), "/rpc/v1/blobs/" + strings.Repeat("0", 64), http.StatusNotFound},
		{n.RPCURL(), "/rpc/v1/blobs/" + strings.Repeat("0", 64), http.StatusUnauthorized}, // served, to members' signed requests only
	} {
		resp, err := http.Get(tc.base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("GET %s%s: %d, want %d", tc.base, tc.path, resp.StatusCode, tc.want)
		}
	}
	// A job runs across the two with RPC on its own listeners.
	rep := farmtest.RunJob(t, api.NewClient(n.URL()), nil)
	if len(rep.Nodes) != 2 {
		t.Fatalf("%d of 2 nodes rendered", len(rep.Nodes))
	}
}

// TestAdvertise: a bind-all listener is never advertised, and a bad
// advertise address is refused with the reason.
func TestAdvertise(t *testing.T) {
	for _, tc := range []struct {
		name, listen, advertise, wantErr string
	}{
		{"bind-all takes the machine's address", "0.0.0.0:0", "", ""},
		{"explicit", "0.0.0.0:0", "127.0.0.1", ""},
		{"bind-all advertise", "127.0.0.1:0", "0.0.0.0", "advertise address"},
		{"not an IP", "127.0.0.1:0", "my host", "advertise address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := farm.DefaultNodeConfig()
			c.DataDir = t.TempDir()
			c.Renderers = farmtest.Renderers()
			c.ListenAddr, c.Advertise = tc.listen, tc.advertise
			n, err := farm.StartNode(context.Background(), c)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					n.Close()
					t.Fatalf("err %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer n.Close()
			if strings.Contains(n.RPCURL(), "0.0.0.0") || strings.Contains(n.RPCURL(), "[::]") {
				t.Fatalf("advertises %s", n.RPCURL())
			}
		})
	}
}
