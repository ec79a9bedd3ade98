package farm

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// startBare starts one node with no renderers: enough to exercise its RPC
// surface.
func startBare(t *testing.T, id *rpc.Identity, change ...func(*NodeConfig)) *Node {
	t.Helper()
	c := DefaultNodeConfig()
	c.Name = "bare"
	c.DataDir = t.TempDir()
	c.Identity = id
	c.Gossip.Fast = true
	for _, f := range change {
		f(&c)
	}
	n, err := StartNode(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

func metricValue(t *testing.T, n *Node, name string) string {
	t.Helper()
	resp, err := http.Get(n.URL() + "/v1/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			return v
		}
	}
	t.Fatalf("no metric %s in:\n%s", name, b)
	return ""
}

// TestRPCRejects: forged, stale, replayed, unsigned, malformed and unknown
// requests, signed or sealed (seal.go), are refused with a reason and
// counted, and the node keeps serving.
func TestRPCRejects(t *testing.T) {
	self, _ := rpc.NewIdentity()
	stranger, _ := rpc.NewIdentity()
	// It refuses Blender as a node without a sandbox does (cmd/conun's
	// unsandboxedKinds), with the reason a coordinator then logs.
	n := startBare(t, self, func(c *NodeConfig) {
		c.Refused = map[string]string{"blender": "it has no Docker sandbox (--sandbox none accepts)"}
	})
	url := n.URL() + "/rpc/v1/render"

	signed := func(id *rpc.Identity, change func(*TaskRequest)) []byte {
		r := TaskRequest{
			JobID: "abab", JobHash: "0x" + strings.Repeat("ab", 32), Task: 1, Renderer: "none", Scene: strings.Repeat("a", 64), SceneName: "s.glb",
			Frame: 1, Width: 8, Height: 8, Samples: 1, Region: image.Rect(0, 0, 8, 8),
			Coordinator: self.Address().Hex(), Recipient: self.Address().Hex(), Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(),
		}
		if change != nil {
			change(&r)
		}
		r.Sig, _ = id.Sign(r.signedBytes())
		b, _ := json.Marshal(r)
		return b
	}
	// sealed is a request sealed by s for this node for purpose, naming
	// key as its sender's, changed by after once sealed.
	selfS, strangerS, nodeKey := rpc.NewSessions(self), rpc.NewSessions(stranger), rpc.NewSessions(self).PublicKey()
	sealed := func(s *rpc.Sessions, key, purpose string, change, after func(*TaskRequest)) []byte {
		var r TaskRequest
		json.Unmarshal(signed(self, change), &r)
		r.Sig, r.Key = "", key
		r.Seal, _ = s.Seal(nodeKey, self.Address(), purpose, r.signedBytes())
		if after != nil {
			after(&r)
		}
		b, _ := json.Marshal(r)
		return b
	}
	replayed := signed(self, nil)
	post := func(body []byte) (int, string) {
		resp, err := http.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp.StatusCode, api.ReadError(resp.Body)
	}
	post(replayed) // first use: passes authentication, fails on the renderer

	tests := []struct {
		name    string
		body    []byte
		status  int
		wantErr string
		metric  string
	}{
		{"malformed json", []byte(`{"job":`), 400, "task request", "conun_rpc_bad_requests_total"},
		{"unknown field", []byte(`{"job":"j","evil":1}`), 400, "unknown field", "conun_rpc_bad_requests_total"},
		{"huge body", bytes.Repeat([]byte(" "), maxTaskRequest+1), 400, "too large", "conun_rpc_bad_requests_total"},
		{"not a member", signed(stranger, func(r *TaskRequest) { r.Coordinator = stranger.Address().Hex() }), 403, "not a member", "conun_rpc_unknown_senders_total"},
		{"forged signature", signed(stranger, nil), 401, "bad signature", "conun_rpc_bad_signatures_total"},
		{"stale", signed(self, func(r *TaskRequest) { r.Time = time.Now().Add(-time.Hour).UnixMilli() }), 401, "stale", "conun_rpc_stale_total"},
		{"replayed", replayed, 401, "replayed", "conun_rpc_replays_total"},
		{"addressed to another node", signed(self, func(r *TaskRequest) { r.Recipient = stranger.Address().Hex() }), 421, "addressed to " + stranger.Address().Hex() + ", not this node", "conun_rpc_bad_requests_total"},
		{"scene source with a path", signed(self, func(r *TaskRequest) { r.Sources = []string{"http://127.0.0.1:1/internal/admin?confirm=yes"} }), 400, "scene source", "conun_rpc_bad_requests_total"},
		{"no recipient", signed(self, func(r *TaskRequest) { r.Recipient = "" }), 421, "names no recipient", "conun_rpc_bad_requests_total"},
		{"job hash not the job's", signed(self, func(r *TaskRequest) { r.JobHash = "0x" + strings.Repeat("cd", 32) }), 400, "job hash", ""},
		{"no job hash", signed(self, func(r *TaskRequest) { r.JobHash = "" }), 400, "job hash", ""},
		{"unknown renderer", signed(self, nil), 400, "no \"none\" renderer", ""},
		{"renderer refused without a sandbox", signed(self, func(r *TaskRequest) { r.Renderer = "blender" }), 400, "this node refuses \"blender\" tasks: it has no Docker sandbox (--sandbox none accepts)", ""},
		{"sealed by its coordinator", sealed(selfS, selfS.PublicKey(), sealLease, nil, nil), 400, "no \"none\" renderer", ""},
		{"sealed by a stranger naming the coordinator's key", sealed(strangerS, selfS.PublicKey(), sealLease, nil, nil), 401, "bad signature", "conun_rpc_bad_signatures_total"},
		{"sealed by a stranger under its own key", sealed(strangerS, strangerS.PublicKey(), sealLease, nil, nil), 401, "the key is " + stranger.Address().Hex() + "'s", "conun_rpc_bad_signatures_total"},
		{"sealed, then changed", sealed(selfS, selfS.PublicKey(), sealLease, nil, func(r *TaskRequest) { r.Samples = 4096 }), 401, "bad signature", "conun_rpc_bad_signatures_total"},
		{"an answer's seal on a lease", sealed(selfS, selfS.PublicKey(), sealResult, nil, nil), 401, "bad signature", "conun_rpc_bad_signatures_total"},
		{"sealed under a key that is no key", sealed(selfS, "02"+strings.Repeat("ff", 32), sealLease, nil, nil), 401, "bad signature", "conun_rpc_bad_signatures_total"},
		{"sealed for another node", sealed(selfS, selfS.PublicKey(), sealLease, func(r *TaskRequest) { r.Recipient = stranger.Address().Hex() }, nil), 421, "not this node", "conun_rpc_bad_requests_total"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := ""
			if tc.metric != "" {
				before = metricValue(t, n, tc.metric)
			}
			status, msg := post(tc.body)
			if status != tc.status || !strings.Contains(msg, tc.wantErr) {
				t.Fatalf("got %d %q, want %d containing %q", status, msg, tc.status, tc.wantErr)
			}
			if tc.metric != "" && metricValue(t, n, tc.metric) == before {
				t.Fatalf("%s did not move from %s", tc.metric, before)
			}
		})
	}
}

// FuzzTaskRequest: the worker's decoder and signature check never panic on
// any bytes, nor does its check of a prefetch hint's demand.
func FuzzTaskRequest(f *testing.F) {
	f.Add([]byte(`{"job":"j","task":1,"coordinator":"0x0000000000000000000000000000000000000001","sig":"00"}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"job":"ab","task":-1,"renderer":"pathtracer","prefetch":{"release":"pathtracer-1","min_version":"4.3","needs":"gl","device":"CUDA","denoise":true}}`))
	f.Add([]byte(`{"job":"ab","task":2,"coordinator":"0x0000000000000000000000000000000000000001","recipient":"0x0000000000000000000000000000000000000002","sources":["http://127.0.0.1:9/x?y"],"time":1,"nonce":"n","sig":"00"}`))
	id, _ := rpc.NewIdentity()
	sessions := rpc.NewSessions(id)
	f.Add([]byte(`{"job":"ab","task":2,"coordinator":"0x0000000000000000000000000000000000000001","recipient":"0x0000000000000000000000000000000000000002","time":1,"nonce":"n","key":"` + sessions.PublicKey() + `","seal":"00ff"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r TaskRequest
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if dec.Decode(&r) != nil {
			return
		}
		rpc.Verify(r.signedBytes(), r.Sig, [20]byte{})
		sessions.Open(r.Key, func(common.Address) bool { return true }, sealLease, r.signedBytes(), r.Seal)
		checkSources(r.Sources)
		if r.Prefetch != nil {
			me := candidate{Member: api.Member{NodeMeta: api.NodeMeta{Renderers: map[string]string{r.Renderer: "pathtracer-1.2/cpu+finish"}}}}
			r.Prefetch.demand(r.Renderer).admits(me)
		}
	})
}
