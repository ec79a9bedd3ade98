package farm_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// call makes one client-API request with token and returns the status and
// body.
func call(t *testing.T, method, url, token string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	switch method { // as the client says (apiguard.go)
	case "POST":
		req.Header.Set("Content-Type", "application/json")
	case "PUT":
		req.Header.Set("Content-Type", "application/octet-stream")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestClientTokens: two studios with tokens of their own on a node with an
// admin token. Each sees only its own jobs and blobs: the other's job
// answers 404 word for word as a job that does not exist; the admin sees
// both; a revoked token is refused; the store keeps only the tokens'
// hashes. Studio A's job runs on both nodes (the worker fetches the scene
// by a signed request).
func TestClientTokens(t *testing.T) {
	const adminToken = "owner-owner-owner-owner-owner-owner"
	var dataDir string
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.APIToken = adminToken
		if i == 0 {
			dataDir = c.DataDir
		}
	})
	ctx := context.Background()
	base := nodes[0].URL()
	admin := api.NewClient(base)
	admin.Token = adminToken

	studio := map[string]*api.Client{}
	for _, name := range []string{"studio-a", "studio-b"} {
		tok, err := admin.CreateToken(ctx, api.TokenRequest{Name: name})
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		c := api.NewClient(base)
		c.Token = tok.Token
		studio[name] = c
	}
	a, b := studio["studio-a"], studio["studio-b"]
	if _, err := a.CreateToken(ctx, api.TokenRequest{Name: "studio-c"}); !isStatus(err, http.StatusForbidden) {
		t.Fatalf("a client made a token: err %v, want 403", err)
	}
	if _, err := a.Wallet(ctx); !isStatus(err, http.StatusForbidden) {
		t.Fatalf("a client read the node's wallet: err %v, want 403", err)
	}
	if _, err := admin.Wallet(ctx); err != nil {
		t.Fatalf("the admin reads the wallet: %v", err)
	}
	if _, err := admin.CreateToken(ctx, api.TokenRequest{Name: "studio-a"}); !isStatus(err, http.StatusConflict) {
		t.Fatalf("a second token for studio-a: err %v, want 409", err)
	}

	repA := farmtest.RunJob(t, a, nil) // b uploads the same scene next: it must prove it has the bytes
	if len(repA.Nodes) != 2 {
		t.Fatalf("%d of 2 nodes rendered studio-a's job", len(repA.Nodes))
	}
	jobA := repA.JobID
	// Long enough to be running when studio-b cancels it below: the
	// default 16 small tiles were done within a second in CI, and the
	// cancel then failed as "already done".
	jobB := farmtest.Submit(t, b, func(s *api.JobSpec) {
		s.Nonce, s.Resolution, s.Samples = t.Name()+"-b", tiler.Resolution{Width: 512, Height: 384}, 256
	})

	missing := strings.Repeat("e", len(jobA))
	routes := []struct{ method, path string }{
		{"GET", "/v1/jobs/ID"},
		{"GET", "/v1/jobs/ID/events"},
		{"GET", "/v1/jobs/ID/frames/1"},
		{"GET", "/v1/jobs/ID/report"},
		{"POST", "/v1/jobs/ID/cancel"},
		{"POST", "/v1/jobs/ID/reclaim"},
		{"GET", "/v1/evidence/ID/" + "0x0000000000000000000000000000000000000001"},
	}
	for _, rt := range routes {
		t.Run(rt.method+strings.ReplaceAll(rt.path, "/", "_"), func(t *testing.T) {
			code, body := call(t, rt.method, base+strings.Replace(rt.path, "ID", jobA, 1), b.Token, nil)
			mcode, mbody := call(t, rt.method, base+strings.Replace(rt.path, "ID", missing, 1), b.Token, nil)
			if code != http.StatusNotFound || strings.ReplaceAll(body, jobA, "ID") != strings.ReplaceAll(mbody, missing, "ID") {
				t.Errorf("studio-b on studio-a's job: %d %s; a missing job: %d %s", code, body, mcode, mbody)
			}
		})
	}
	if code, _ := call(t, "GET", base+"/v1/jobs/"+jobA+"/frames/1", adminToken, nil); code != http.StatusOK {
		t.Errorf("the admin's GET of studio-a's frame: %d", code)
	}
	if code, _ := call(t, "GET", base+"/v1/jobs/"+jobA+"/frames/1", a.Token, nil); code != http.StatusOK {
		t.Errorf("studio-a's GET of its own frame: %d", code)
	}
	for _, tc := range []struct {
		name   string
		client *api.Client
		want   []string
	}{
		{"studio-a", a, []string{jobA}},
		{"studio-b", b, []string{jobB}},
		{"admin", admin, []string{jobA, jobB}},
	} {
		jobs, err := tc.client.Jobs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, j := range jobs {
			got = append(got, j.ID)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s lists %v, want %v", tc.name, got, tc.want)
		}
	}
	if err := b.Cancel(ctx, jobB); err != nil {
		t.Fatalf("studio-b cancels its own job: %v", err)
	}

	// A private blob of studio-a: studio-b knows its hash, not its bytes.
	secret := make([]byte, 4096)
	rand.Read(secret)
	sum := sha256.Sum256(secret)
	h := hex.EncodeToString(sum[:])
	if _, err := a.Upload(ctx, secret); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name          string
		method, path  string
		token         string
		body          []byte
		want          int
		wantSubstring string
	}{
		{"owner reads", "GET", "/v1/blobs/" + h, a.Token, nil, 200, string(secret[:64])},
		{"admin reads", "GET", "/v1/blobs/" + h, adminToken, nil, 200, string(secret[:64])},
		{"other client", "GET", "/v1/blobs/" + h, b.Token, nil, 404, "no blob"},
		{"upload state hidden", "GET", "/v1/uploads/" + h, b.Token, nil, 200, `"complete":false`},
		{"claim by empty PUT", "PUT", "/v1/blobs/" + h, b.Token, nil, 400, "hashes to"},
		{"claim by wrong bytes", "PUT", "/v1/blobs/" + h, b.Token, []byte("not the secret"), 400, "hashes to"},
		{"still hidden", "GET", "/v1/blobs/" + h, b.Token, nil, 404, "no blob"},
		{"no scene of its own", "POST", "/v1/jobs", b.Token, []byte(`{"scene":"` + h + `","scene_name":"x.glb","renderer":"pathtracer","frames":{"start":1,"end":1,"step":1},"resolution":{"width":32,"height":24},"samples":1,"tiles":{"cols":1,"rows":1},"depth":8}`), 400, "has not been uploaded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := call(t, tc.method, base+tc.path, tc.token, tc.body)
			if code != tc.want || !strings.Contains(body, tc.wantSubstring) {
				t.Errorf("%s %s: %d %.200q, want %d with %q", tc.method, tc.path, code, body, tc.want, tc.wantSubstring)
			}
		})
	}

	// Revoked: refused from the next request on, its jobs stay the admin's to see.
	if err := admin.RevokeToken(ctx, "studio-b"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Jobs(ctx); !isStatus(err, http.StatusUnauthorized) || !strings.Contains(err.Error(), "revoked") {
		t.Fatalf("a revoked token: err %v, want a 401 saying it may be revoked", err)
	}
	if _, err := admin.Status(ctx, jobB); err != nil {
		t.Fatalf("the admin reads a revoked client's job: %v", err)
	}
	toks, err := admin.Tokens(ctx)
	if err != nil || len(toks) != 1 || toks[0].Name != "studio-a" || toks[0].Token != "" {
		t.Fatalf("tokens after revoking studio-b: %+v, %v; want studio-a alone, without its token", toks, err)
	}

	// The store file holds the hash of a token, never the token.
	db, err := os.ReadFile(filepath.Join(dataDir, "farm.db"))
	if err != nil {
		t.Fatal(err)
	}
	tokSum := sha256.Sum256([]byte(a.Token))
	if bytes.Contains(db, []byte(a.Token)) || !bytes.Contains(db, []byte(hex.EncodeToString(tokSum[:]))) {
		t.Fatalf("farm.db: holds the token %v, holds its sha256 %v; want only the hash", bytes.Contains(db, []byte(a.Token)), bytes.Contains(db, []byte(hex.EncodeToString(tokSum[:]))))
	}
}

func isStatus(err error, status int) bool {
	var apiErr *api.APIError
	return errors.As(err, &apiErr) && apiErr.Status == status
}

// TestPeerBlobsMembersOnly: /rpc/v1/blobs serves a scene only to a member's
// request signed for this node; a stranger (unsigned, or signed with a key
// that is no member's, or replaying a member's request) gets 401, and the
// node goes on serving members.
func TestPeerBlobsMembersOnly(t *testing.T) {
	memberKey, err := rpc.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		if i == 1 {
			c.Identity = memberKey
		}
	})
	scene := make([]byte, 1000)
	rand.Read(scene)
	h, err := api.NewClient(nodes[0].URL()).Upload(context.Background(), scene)
	if err != nil {
		t.Fatal(err)
	}
	victim := nodes[0].Members()
	var victimAddr string
	for _, m := range victim {
		if m.ID == nodes[0].Name() {
			victimAddr = m.Addr
		}
	}
	stranger, _ := rpc.NewIdentity()
	path := "/rpc/v1/blobs/" + h
	url := nodes[0].RPCURL() + path
	signed := func(id *rpc.Identity, signedPath, to string) *http.Request {
		req, _ := http.NewRequest("GET", url, nil)
		if err := id.SignRequest(req, signedPath, common.HexToAddress(to)); err != nil {
			t.Fatal(err)
		}
		return req
	}
	replayed := signed(memberKey, path, victimAddr)
	for _, tc := range []struct {
		name string
		req  *http.Request
		want int
	}{
		{"unsigned", func() *http.Request { r, _ := http.NewRequest("GET", url, nil); return r }(), 401},
		{"stranger's key", signed(stranger, path, victimAddr), 401},
		{"member, for another node", signed(memberKey, path, memberKey.Address().Hex()), 401},
		{"member, another path", signed(memberKey, "/rpc/v1/blobs/"+strings.Repeat("0", 64), victimAddr), 401},
		{"garbled header", func() *http.Request {
			r, _ := http.NewRequest("GET", url, nil)
			r.Header.Set(rpc.HeaderSigned, "signer=0x1,,sig==")
			return r
		}(), 401},
		{"member", replayed, 200},
		{"member's request replayed", replayed.Clone(context.Background()), 401},
		{"member again", signed(memberKey, path, victimAddr), 200},
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
			if tc.want == 200 && !bytes.Equal(body, scene) {
				t.Fatalf("served %d bytes, not the scene", len(body))
			}
			if tc.want != 200 && bytes.Contains(body, scene[:32]) {
				t.Fatal("a refusal carried the scene")
			}
		})
	}
}

// TestPeerBlobsThroughRelay: a coordinator behind NAT is reached through
// its gateway's relay, whose URL carries a prefix: the workers sign the
// path the coordinator sees, and the job renders on them.
func TestPeerBlobsThroughRelay(t *testing.T) {
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) { c.BehindNAT = i == 2 })
	nat := nodes[2]
	rep := farmtest.RunJob(t, api.NewClient(nat.URL()), nil)
	others := 0
	for _, nr := range rep.Nodes {
		if nr.Node != nat.Name() {
			others += nr.Tasks
		}
	}
	if others == 0 {
		t.Fatalf("no member rendered for the NATed coordinator: %+v", rep.Nodes)
	}
}

// TestTokensSurviveRestart: a client's token and its job's ownership are on
// disk before the node answers: after a restart on the same data the token
// still works, the job is still the client's alone, and a revoked token
// stays revoked.
func TestTokensSurviveRestart(t *testing.T) {
	cfg := farm.DefaultNodeConfig()
	cfg.Name, cfg.DataDir, cfg.Renderers = "node-1", t.TempDir(), farmtest.Renderers()
	cfg.Gossip.Fast = true
	ctx := context.Background()
	start := func() *farm.Node {
		n, err := farm.StartNode(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	n := start()
	owner := api.NewClient(n.URL()) // loopback, no admin token: the local user owns the node
	a, err := owner.CreateToken(ctx, api.TokenRequest{Name: "studio-a"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := owner.CreateToken(ctx, api.TokenRequest{Name: "studio-b"})
	if err != nil {
		t.Fatal(err)
	}
	ca := api.NewClient(n.URL())
	ca.Token = a.Token
	id := farmtest.Submit(t, ca, nil)
	if err := owner.RevokeToken(ctx, "studio-b"); err != nil {
		t.Fatal(err)
	}
	n.Close()

	n = start()
	defer n.Close()
	ca.BaseURL = n.URL()
	if _, err := ca.Status(ctx, id); err != nil {
		t.Fatalf("studio-a's job after a restart: %v", err)
	}
	cb := api.NewClient(n.URL())
	cb.Token = b.Token
	if _, err := cb.Status(ctx, id); !isStatus(err, http.StatusUnauthorized) {
		t.Fatalf("studio-b's revoked token after a restart: %v, want 401", err)
	}
	c, err := api.NewClient(n.URL()).CreateToken(ctx, api.TokenRequest{Name: "studio-c"})
	if err != nil {
		t.Fatal(err)
	}
	cc := api.NewClient(n.URL())
	cc.Token = c.Token
	if _, err := cc.Status(ctx, id); !isStatus(err, http.StatusNotFound) {
		t.Fatalf("studio-c on studio-a's job: %v, want 404", err)
	}
}

// TestResumableUploadOwnership: a client owns a blob it uploaded in parts;
// another client that only completes someone else's upload, without ever
// holding the start of it, does not.
func TestResumableUploadOwnership(t *testing.T) {
	const adminToken = "owner-owner-owner-owner-owner-owner"
	nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) { c.APIToken = adminToken })
	ctx := context.Background()
	base := nodes[0].URL()
	admin := api.NewClient(base)
	admin.Token = adminToken
	token := map[string]string{}
	for _, name := range []string{"a", "b"} {
		tok, err := admin.CreateToken(ctx, api.TokenRequest{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		token[name] = tok.Token
	}
	put := func(who string, data []byte, from, to int) int {
		t.Helper()
		sum := sha256.Sum256(data)
		req, _ := http.NewRequest("PUT", base+"/v1/blobs/"+hex.EncodeToString(sum[:]), bytes.NewReader(data[from:to]))
		req.Header.Set("Authorization", "Bearer "+token[who])
		req.Header.Set("Content-Type", "application/octet-stream")
		req.Header.Set(api.HeaderUploadOffset, strconv.Itoa(from))
		req.Header.Set(api.HeaderUploadLength, strconv.Itoa(len(data)))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Logf("PUT by %s, bytes %d-%d: %d %s", who, from, to, resp.StatusCode, bytes.TrimSpace(body))
		return resp.StatusCode
	}
	get := func(who string, data []byte) int {
		sum := sha256.Sum256(data)
		code, _ := call(t, "GET", base+"/v1/blobs/"+hex.EncodeToString(sum[:]), token[who], nil)
		return code
	}
	blob := func() []byte {
		b := make([]byte, 3000)
		rand.Read(b)
		return b
	}
	one, two := blob(), blob()
	steps := []struct {
		name string
		do   func() int
		want int
	}{
		{"a starts its upload, cut off", func() int { return put("a", one, 0, 1000) }, 400},
		{"not a's yet", func() int { return get("a", one) }, 404},
		{"a finishes it", func() int { return put("a", one, 1000, 3000) }, 200},
		{"a owns it", func() int { return get("a", one) }, 200},
		{"b does not", func() int { return get("b", one) }, 404},
		{"a starts another, cut off", func() int { return put("a", two, 0, 1000) }, 400},
		// Each client's upload is its own part (blobstore quotas): b
		// cannot continue a's bytes, and owns the blob only by sending
		// all of it.
		{"b cannot continue a's upload", func() int { return put("b", two, 1000, 3000) }, 409},
		{"b does not own it", func() int { return get("b", two) }, 404},
		{"b sends it whole", func() int { return put("b", two, 0, 3000) }, 200},
		{"now b owns it", func() int { return get("b", two) }, 200},
		{"a finishes its own upload", func() int { return put("a", two, 1000, 3000) }, 200},
		{"and owns it too", func() int { return get("a", two) }, 200},
	}
	for _, st := range steps {
		if got := st.do(); got != st.want {
			t.Fatalf("%s: %d, want %d", st.name, got, st.want)
		}
	}
}
