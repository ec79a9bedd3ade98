package farm

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestAdvertisedAddressSSRF: members that advertise an RPC address with
// a path, query, userinfo, fragment or another scheme around a real
// listener on the coordinator's machine are ignored (logged once each),
// and the listener receives nothing, while a job completes on the honest
// members.
func TestAdvertisedAddressSSRF(t *testing.T) {
	var hits atomic.Int64
	var lastHit atomic.Value
	trap := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		lastHit.Store(r.Method + " " + r.URL.String())
		rw.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(trap.Close)
	hostPort := strings.TrimPrefix(trap.URL, "http://")

	logs := new(logBuffer)
	coord := startNode(t, "coord", nil, func(c *NodeConfig) {
		c.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	honest := []*Node{coord}
	for _, name := range []string{"h1", "h2"} {
		honest = append(honest, startNode(t, name, []string{coord.GossipAddr()}, nil))
	}
	spellings := []string{
		"http://" + hostPort + "/internal/admin/delete-everything?confirm=yes&ignored=",
		"http://" + hostPort + "/internal/admin/delete-everything",
		"http://admin:secret@" + hostPort,
		"http://" + hostPort + "#/internal/admin",
		"http://" + hostPort + "/?",
		"http://" + hostPort + "/rpc/v1/relay/h1", // another member's relay
		"http://" + hostPort + "/rpc/v1/relay/../internal",
		"https://" + hostPort,
		"HTTP://" + hostPort + "/%2e%2e/internal",
		hostPort,
	}
	for i, s := range spellings {
		id, _ := rpc.NewIdentity()
		joinHostile(t, fmt.Sprintf("evil-%d", i), s, id, coord.GossipAddr(), true)
	}
	// Every hostile member is in memberlist; none may be in the farm's view.
	until(t, "the coordinator logs every hostile member as ignored", func() bool {
		for i := range spellings {
			if !strings.Contains(logs.String(), fmt.Sprintf("member=evil-%d ", i)) {
				return false
			}
		}
		return true
	}, logs)
	for _, n := range honest {
		for _, m := range n.Members() {
			if strings.HasPrefix(m.ID, "evil-") {
				t.Fatalf("%s lists %s at %q as a member", n.Name(), m.ID, m.API)
			}
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := api.NewClient(coord.URL())
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 2, Tiles: tiler.Grid{Cols: 4, Rows: 4},
		Depth: 8, VerifyRate: 1, Nonce: t.Name(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	if n := hits.Load(); n > 0 {
		t.Fatalf("the listener behind the advertised addresses received %d requests, the last %v", n, lastHit.Load())
	}
	// Logged once each, however often gossip repeats them.
	for i := range spellings {
		if k := strings.Count(logs.String(), fmt.Sprintf("member=evil-%d ", i)); k != 1 {
			t.Errorf("evil-%d logged %d times, want once", i, k)
		}
	}
}
