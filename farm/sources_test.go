package farm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/scenes"
)

// recorder is an HTTP server a lying coordinator names as a scene source:
// it counts every request that reaches it.
type recorder struct {
	srv  *httptest.Server
	hits atomic.Int64
}

func newRecorder(t *testing.T, addr string) *recorder {
	t.Helper()
	r := &recorder{}
	r.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
		r.hits.Add(1)
		http.Error(rw, "not a member", http.StatusNotFound)
	}))
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("NOT TESTED: needs to listen on %s: %v", addr, err)
	}
	r.srv.Listener = l
	r.srv.Start()
	t.Cleanup(r.srv.Close)
	return r
}

// TestLeaseSourcesMembersOnly: a real coordinator signs real leases and
// prefetch hints that name a stranger's server (on loopback) and a
// private address (another loopback IP, as the worker's own LAN would be)
// as scene sources. The worker never contacts either: it renders from the
// coordinator, named last, and refuses a lease left with no source of a
// member, or whose last source is not the coordinator's own.
func TestLeaseSourcesMembersOnly(t *testing.T) {
	ctx := context.Background()
	logs := &logBuffer{}
	coord := startNode(t, "coord", nil, nil)
	worker := startNode(t, "worker", []string{coord.GossipAddr()}, func(c *NodeConfig) {
		c.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	if err := WaitMembers(ctx, []*Node{coord, worker}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	stranger := newRecorder(t, "127.0.0.1:0")
	private := newRecorder(t, "127.0.0.2:0")
	metadata := "http://169.254.169.254:80" // a cloud's metadata address: never called

	data, _ := scenes.Bytes("cornell.glb")
	scene, err := api.NewClient(coord.URL()).Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	var me api.Member
	for _, m := range coord.Members() {
		if m.ID == "worker" {
			me = m
		}
	}
	send := func(t *testing.T, path string, req TaskRequest) (int, string) {
		t.Helper()
		if err := coord.coord.signFor(&req, me); err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(req)
		resp, err := http.Post(worker.RPCURL()+path, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp.StatusCode, api.ReadError(resp.Body)
	}
	lease := func(sources ...string) TaskRequest {
		return TaskRequest{
			JobID: "abcdef", JobHash: "0xabcdef" + strings.Repeat("0", 58), Task: 0, Sources: sources,
			Renderer: "pathtracer", Scene: scene, SceneName: "cornell.glb",
			Frame: 1, Width: 8, Height: 8, Samples: 1, Region: image.Rect(0, 0, 8, 8),
			Coordinator: coord.cfg.Identity.Address().Hex(), Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(),
		}
	}
	own := coord.RPCURL()
	tests := []struct {
		name    string
		sources []string
		status  int
		wantErr string
	}{
		{"strangers first, the coordinator last", []string{stranger.srv.URL, private.srv.URL, metadata, own}, http.StatusOK, ""},
		{"strangers only", []string{stranger.srv.URL, private.srv.URL}, http.StatusBadRequest, "not coordinator coord's own RPC address"},
		{"a stranger posing as the coordinator, last", []string{own, stranger.srv.URL}, http.StatusBadRequest, "no usable scene source"},
		{"no source", nil, http.StatusBadRequest, "names no scene source"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			worker.work.cache.Remove(scene) // each lease fetches anew
			status, msg := send(t, "/rpc/v1/render", lease(tc.sources...))
			if status != tc.status || !strings.Contains(msg, tc.wantErr) {
				t.Fatalf("got %d %q, want %d containing %q", status, msg, tc.status, tc.wantErr)
			}
			if tc.status == http.StatusOK {
				if _, ok := worker.work.cache.Path(scene); !ok {
					t.Fatal("the worker rendered without the scene in its cache: it came from nowhere")
				}
				if !strings.Contains(logs.String(), "dropped scene sources") || !strings.Contains(logs.String(), "169.254.169.254") {
					t.Fatalf("no log line names the dropped sources:\n%s", logs.String())
				}
			}
		})
	}

	// A prefetch hint is held to the same rule, and its scene still comes.
	worker.work.cache.Remove(scene)
	hint := lease(stranger.srv.URL, private.srv.URL, own)
	hint.Task, hint.Prefetch = -1, &PrefetchDemand{}
	if status, msg := send(t, prefetchPath, hint); status != http.StatusAccepted {
		t.Fatalf("prefetch hint: %d %s", status, msg)
	}
	waitFor(t, "the hinted scene in the worker's cache", func() bool { _, ok := worker.work.cache.Path(scene); return ok })
	hint = lease(stranger.srv.URL)
	hint.Task, hint.Prefetch = -1, &PrefetchDemand{}
	if status, _ := send(t, prefetchPath, hint); status != http.StatusBadRequest {
		t.Fatalf("a hint naming only a stranger: %d, want 400", status)
	}
	if n := stranger.hits.Load() + private.hits.Load(); n != 0 {
		t.Fatalf("the worker sent %d requests to sources that are not members", n)
	}
}

// TestMemberSources: which scene sources a worker keeps, members moving
// behind NAT included: a relay address is a member's when its gateway is
// a member reached directly and the node behind it is a member, even
// before gossip says that member moved to that gateway.
func TestMemberSources(t *testing.T) {
	const coordAddr = "0x00000000000000000000000000000000000000c0"
	members := []api.Member{
		{NodeMeta: api.NodeMeta{ID: "coord", Addr: coordAddr, API: "http://10.0.0.1:7000"}},
		{NodeMeta: api.NodeMeta{ID: "gw1", Addr: "0x00000000000000000000000000000000000000a1", API: "http://10.0.0.2:7000"}},
		{NodeMeta: api.NodeMeta{ID: "gw2", Addr: "0x00000000000000000000000000000000000000a2", API: "http://10.0.0.3:7000"}},
		{NodeMeta: api.NodeMeta{ID: "natpeer", Addr: "0x00000000000000000000000000000000000000b1", API: "http://10.0.0.2:7000/rpc/v1/relay/natpeer"}},
		{NodeMeta: api.NodeMeta{ID: "natcoord", Addr: "0x00000000000000000000000000000000000000c1", API: "http://10.0.0.2:7000/rpc/v1/relay/natcoord"}},
	}
	tests := []struct {
		name        string
		coordinator string
		sources     []string
		kept        []string
		dropped     int
		err         error
	}{
		{"members kept, coordinator last", coordAddr, []string{"http://10.0.0.2:7000", "http://10.0.0.1:7000"}, []string{"http://10.0.0.2:7000", "http://10.0.0.1:7000"}, 0, nil},
		{"a stranger dropped", coordAddr, []string{"http://192.168.1.1:80", "http://10.0.0.1:7000"}, []string{"http://10.0.0.1:7000"}, 1, nil},
		{"a member's port, not its address", coordAddr, []string{"http://10.0.0.2:22", "http://10.0.0.1:7000"}, []string{"http://10.0.0.1:7000"}, 1, nil},
		{"a NATed peer at its gateway", coordAddr, []string{"http://10.0.0.2:7000/rpc/v1/relay/natpeer", "http://10.0.0.1:7000"}, []string{"http://10.0.0.2:7000/rpc/v1/relay/natpeer", "http://10.0.0.1:7000"}, 0, nil},
		{"a NATed peer moved to another member gateway", coordAddr, []string{"http://10.0.0.3:7000/rpc/v1/relay/natpeer", "http://10.0.0.1:7000"}, []string{"http://10.0.0.3:7000/rpc/v1/relay/natpeer", "http://10.0.0.1:7000"}, 0, nil},
		{"a relay at a stranger", coordAddr, []string{"http://192.168.1.1:80/rpc/v1/relay/natpeer", "http://10.0.0.1:7000"}, []string{"http://10.0.0.1:7000"}, 1, nil},
		{"a relay to a stranger's name", coordAddr, []string{"http://10.0.0.2:7000/rpc/v1/relay/nobody", "http://10.0.0.1:7000"}, []string{"http://10.0.0.1:7000"}, 1, nil},
		{"a relay through a relayed member", coordAddr, []string{"http://10.0.0.2:7000/rpc/v1/relay/natpeer/rpc/v1/relay/x", "http://10.0.0.1:7000"}, []string{"http://10.0.0.1:7000"}, 1, nil},
		{"a NATed coordinator at its new gateway", "0x00000000000000000000000000000000000000c1", []string{"http://10.0.0.3:7000/rpc/v1/relay/natcoord"}, []string{"http://10.0.0.3:7000/rpc/v1/relay/natcoord"}, 0, nil},
		{"another member last", coordAddr, []string{"http://10.0.0.1:7000", "http://10.0.0.2:7000"}, nil, 2, errNoSource},
		{"another NATed member last", coordAddr, []string{"http://10.0.0.2:7000/rpc/v1/relay/natpeer"}, nil, 1, errNoSource},
		{"a stranger last", coordAddr, []string{"http://10.0.0.1:7000", "http://169.254.169.254:80"}, nil, 2, errNoSource},
		{"no source", coordAddr, nil, nil, 0, errNoSource},
		{"a coordinator that is no member", "0x00000000000000000000000000000000000000ff", []string{"http://10.0.0.1:7000"}, nil, 1, errNoSource},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept, dropped, err := memberSources(TaskRequest{Coordinator: tc.coordinator, Sources: tc.sources}, members)
			if !errors.Is(err, tc.err) || strings.Join(kept, " ") != strings.Join(tc.kept, " ") || len(dropped) != tc.dropped {
				t.Fatalf("got kept %v dropped %v err %v; want kept %v, %d dropped, err %v", kept, dropped, err, tc.kept, tc.dropped, tc.err)
			}
		})
	}
}

// FuzzMemberSources: whatever sources a request names, the worker keeps
// only members' addresses, and never panics.
func FuzzMemberSources(f *testing.F) {
	f.Add("http://10.0.0.1:7000", "http://10.0.0.2:7000/rpc/v1/relay/n")
	f.Add("http://169.254.169.254:80", "http://10.0.0.1:7000")
	f.Add("http://[::1]:7000", "http://10.0.0.1:7000/rpc/v1/relay/coord")
	members := []api.Member{
		{NodeMeta: api.NodeMeta{ID: "coord", Addr: "0x00000000000000000000000000000000000000c0", API: "http://10.0.0.1:7000"}},
		{NodeMeta: api.NodeMeta{ID: "n", Addr: "0x00000000000000000000000000000000000000c1", API: "http://10.0.0.2:7000/rpc/v1/relay/n"}},
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		kept, _, _ := memberSources(TaskRequest{Coordinator: members[0].Addr, Sources: []string{a, b}}, members)
		for _, k := range kept {
			if !strings.HasPrefix(k, "http://10.0.0.1:7000") && !strings.HasPrefix(k, "http://10.0.0.2:7000") {
				t.Fatalf("kept %q, not a member's address", k)
			}
		}
	})
}
