package farm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
	"github.com/ethereum/go-ethereum/common"
)

// lazy renders a quarter of the samples asked for: a cheater.
type lazy struct{ renderer.Renderer }

func (l lazy) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	t.Samples = max(1, t.Samples/4)
	return l.Renderer.Render(ctx, t)
}

// logBuffer is a log a test reads while nodes write it.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// until polls cond until it holds, failing the test after a while with
// the logs given.
func until(t *testing.T, what string, cond func() bool, logs ...*logBuffer) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			for _, l := range logs {
				t.Log(l.String())
			}
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// startNode starts a node called name running the path tracer, joined to
// join, with change made to its config, and stops it when the test ends.
func startNode(t *testing.T, name string, join []string, change func(*NodeConfig)) *Node {
	t.Helper()
	cfg := DefaultNodeConfig()
	cfg.Name, cfg.DataDir, cfg.Gossip.Fast, cfg.Gossip.Join = name, filepath.Join(t.TempDir(), name), true, join
	cfg.Renderers = []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig())}
	if change != nil {
		change(&cfg)
	}
	n, err := StartNode(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// runJob submits a small job of the cornell scene to n and waits for it.
func runJob(t *testing.T, n *Node, nonce string, verifyRate float64) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := api.NewClient(n.URL())
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 48, Height: 36}, Samples: 8, Tiles: tiler.Grid{Cols: 3, Rows: 3},
		Depth: 8, VerifyRate: verifyRate, Nonce: nonce,
	})
	if err != nil {
		t.Fatal(err)
	}
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	return id
}

// TestConvictionsTravel: coordinators A and B, a lazy node C and honest
// nodes H and E, all on real sockets. C is convicted in A's job; B hears
// of it on gossip, fetches the evidence, checks every signature, renders
// the crops itself and quarantines C without ever having seen it cheat, so
// B's own job goes to others. D, a coordinator with no renderer, has two
// members outside the evidence render the crops, and believes it too. A coordinator gossiping a false accusation of H
// (H's real signed tile, crops the accuser drew and signed itself) gets
// nothing: B's own render (and D's members') agrees with H. Evidence tampered with anywhere
// (tile, crops, renders, spec, task, domain, who is accused, the bundle's
// bytes, the notice's signature) is refused.
func TestConvictionsTravel(t *testing.T) {
	names := []string{"A", "B", "C", "H", "D", "E"}
	logB, logD := new(logBuffer), new(logBuffer)
	var ns []*Node
	var join []string
	for _, name := range names {
		ns = append(ns, startNode(t, name, join, func(cfg *NodeConfig) {
			switch name {
			case "C":
				cfg.Renderers = []renderer.Renderer{lazy{cfg.Renderers[0]}}
			case "B":
				cfg.Logger = slog.New(slog.NewTextHandler(logB, nil))
			case "D": // a coordinator with no renderer: others render for it
				cfg.Logger, cfg.Renderers = slog.New(slog.NewTextHandler(logD, nil)), nil
			}
		}))
		join = []string{ns[0].GossipAddr()}
	}
	if err := WaitMembers(context.Background(), ns, len(ns), 30*time.Second); err != nil {
		t.Fatal(err)
	}
	a, b, d := ns[0].coord, ns[1].coord, ns[4].coord
	cAddr, hAddr := ns[2].cfg.Identity.Address().Hex(), ns[3].cfg.Identity.Address().Hex()

	// C cheats in A's job; B believes it only after its own re-check.
	job := runJob(t, ns[0], "a", 1)
	if !a.quarantined(cAddr) {
		t.Fatal("C was not convicted in A's job: the test proves nothing")
	}
	until(t, "B to quarantine C", func() bool { return b.quarantined(cAddr) }, logB)
	if got := b.metrics.noticesBelieved.Load(); got != 1 {
		t.Fatalf("B believed %d convictions, want 1", got)
	}
	until(t, "D to quarantine C", func() bool { return d.quarantined(cAddr) }, logD)
	if n := strings.Count(logD.String(), "crops rendered by a member no party to the evidence"); n != delegates {
		t.Fatalf("D, which renders nothing, had %d members render the crops, want %d; log:\n%s", n, delegates, logD.String())
	}
	b.mu.Lock()
	if len(b.jobs) != 0 {
		t.Fatalf("B ran %d jobs before: it must never have seen C cheat", len(b.jobs))
	}
	b.mu.Unlock()
	rep, err := api.NewClient(ns[1].URL()).Report(context.Background(), runJob(t, ns[1], "b", 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Tasks {
		if tr.Node == "C" {
			t.Fatalf("B leased task %d to C, which it quarantined", tr.Index)
		}
	}

	// The evidence as anyone fetches it stands on its own.
	resp, err := http.Get(ns[0].URL() + "/v1/evidence/" + job + "/" + cAddr)
	if err != nil {
		t.Fatal(err)
	}
	var good api.EvidenceBundle
	err = json.NewDecoder(resp.Body).Decode(&good)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET evidence: %s %v", resp.Status, err)
	}
	if err := verifyBundle(good); err != nil {
		t.Fatalf("A's own evidence: %v", err)
	}

	// A false accusation of H, signed by A over crops it drew itself.
	refusedBefore, refusedBeforeD := b.metrics.noticesRefused.Load(), d.metrics.noticesRefused.Load()
	a.mu.Lock()
	var victim *task
	j := a.jobs[job]
	for _, t := range j.tasks {
		if t.node == "H" && t.state == api.TaskDone && t.result != nil {
			victim = t
			break
		}
	}
	if victim == nil {
		a.mu.Unlock()
		t.Fatal("H rendered no task of A's job")
	}
	r := victim.tile.Rect
	crops := []image.Rectangle{image.Rect(r.Min.X+1, r.Min.Y+1, r.Min.X+5, r.Min.Y+5)}
	forged := image.NewNRGBA64(r)
	draw.Draw(forged, r, image.NewUniform(color.NRGBA64{0x8000, 0x1000, 0x1000, 0xffff}), image.Point{}, draw.Src)
	data, _, err := encodeTile(renderer.Result{Image: forged}, false, false)
	if err != nil {
		a.mu.Unlock()
		t.Fatal(err)
	}
	h, err := a.blobs.Put(bytes.NewReader(data), "")
	if err != nil {
		a.mu.Unlock()
		t.Fatal(err)
	}
	chk, err := contracts.SignCheck(a.ident.Key(), signingDomain(nil), jobHash(j.spec), uint64(victim.index), crops, common.HexToHash(h))
	if err != nil {
		a.mu.Unlock()
		t.Fatal(err)
	}
	self := api.Member{NodeMeta: api.NodeMeta{ID: "A", Addr: a.ident.Address().Hex(), Renderers: map[string]string{"pathtracer": victim.build}}}
	var sum [32]byte
	copy(sum[:], common.HexToHash(h).Bytes())
	lie := api.Conviction{Node: "H", Address: hAddr, Task: victim.index, Time: a.now(), Evidence: api.Evidence{
		Worker: "H", Checker: "A", Crops: crops, Hashes: []string{victim.hash, h}, Convicted: "H",
		WorkerAddress: victim.addr.Hex(), Build: victim.build, Result: resultRecord(victim.result),
		Renders: []api.CheckRender{checkRender(self, victim.build, sum, &chk)},
	}}
	j.convictions = append(j.convictions, lie)
	a.announce(j, lie)
	lieBundle, berr := a.bundle(j, lie)
	a.mu.Unlock()
	if berr != nil {
		t.Fatal(berr)
	}
	if err := verifyBundle(lieBundle); err != nil {
		t.Fatalf("the lie is well signed, so only the pixels can refute it, but: %v", err)
	}
	// Wait for B to settle the notice either way, so a belief shows as
	// itself below rather than as a timeout; the logs say where it stuck.
	believedBefore := b.metrics.noticesBelieved.Load()
	until(t, "B to re-check the false accusation", func() bool {
		return b.metrics.noticesRefused.Load() > refusedBefore || b.metrics.noticesBelieved.Load() > believedBefore
	}, logB)
	if b.metrics.noticesRefused.Load() == refusedBefore {
		t.Fatalf("B believed the false accusation; log:\n%s", logB.String())
	}
	if b.quarantined(hAddr) {
		t.Fatal("B quarantined H on a false accusation")
	}
	if !strings.Contains(logB.String(), "agrees with the accused") {
		t.Fatalf("B refused the accusation for another reason than its own render; log:\n%s", logB.String())
	}
	until(t, "D to refuse the false accusation", func() bool { return d.metrics.noticesRefused.Load() > refusedBeforeD }, logD)
	if d.quarantined(hAddr) || !strings.Contains(logD.String(), "agrees with the accused") {
		t.Fatalf("D quarantined H (%v) or refused for another reason; log:\n%s", d.quarantined(hAddr), logD.String())
	}

	// Tampered evidence is refused before any pixel is looked at.
	stranger := common.Address{0xee}.Hex()
	tests := []struct {
		name   string
		tamper func(b *api.EvidenceBundle)
	}{
		{"another tile", func(b *api.EvidenceBundle) { b.Tile = b.Renders[0].Hash }},
		{"another tile, result hash changed too", func(b *api.EvidenceBundle) {
			b.Tile, b.Result.ResultHash = b.Renders[0].Hash, "0x"+b.Renders[0].Hash
		}},
		{"a crop moved", func(b *api.EvidenceBundle) { b.Crops[0] = b.Crops[0].Add(image.Pt(0, 1)) }},
		{"a crop left out", func(b *api.EvidenceBundle) { b.Crops = b.Crops[1:] }},
		{"another render", func(b *api.EvidenceBundle) { b.Renders[0].Hash = b.Tile }},
		{"a render by someone else", func(b *api.EvidenceBundle) { b.Renders[0].Address = stranger }},
		{"another spec", func(b *api.EvidenceBundle) { b.Spec.Samples++ }},
		{"another spec and its hash", func(b *api.EvidenceBundle) {
			b.Spec.Samples++
			b.JobHash, b.Job = "0x"+b.Spec.Hash(), b.Spec.ID()
		}},
		{"another task", func(b *api.EvidenceBundle) { b.Task = (b.Task + 1) % 9 }},
		{"another domain", func(b *api.EvidenceBundle) { b.ChainID = "1337" }},
		{"the worker's address swapped", func(b *api.EvidenceBundle) { b.Worker = stranger }},
		{"an accused who rendered nothing", func(b *api.EvidenceBundle) { b.Accused = hAddr }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var bad api.EvidenceBundle
			raw, _ := json.Marshal(good)
			json.Unmarshal(raw, &bad) // a deep copy
			tc.tamper(&bad)
			if err := b.recheck(context.Background(), bad); !errors.Is(err, ErrBadEvidence) {
				t.Fatalf("re-check: %v, want ErrBadEvidence", err)
			}
		})
	}
	notice := func(change func(n *api.ConvictionNotice)) api.ConvictionNotice {
		n := api.ConvictionNotice{
			Kind: api.NoticeConviction, Job: job, Accused: cAddr, Coordinator: a.ident.Address().Hex(),
			URL: ns[0].URL() + "/rpc/v1/evidence/" + job + "/" + cAddr, Hash: strings.Repeat("0", 64),
			Time: time.Now().UnixMilli(), Nonce: fmt.Sprint(time.Now().UnixNano()),
		}
		change(&n)
		n.Sig, _ = a.ident.Sign(n.SignedBytes())
		return n
	}
	t.Run("bundle bytes not the notice's", func(t *testing.T) {
		if _, err := b.fetchBundle(context.Background(), notice(func(*api.ConvictionNotice) {})); !errors.Is(err, ErrBadEvidence) {
			t.Fatalf("fetch: %v, want ErrBadEvidence", err)
		}
	})
	t.Run("bundle naming its accused by a padded address", func(t *testing.T) {
		// HexToAddress keeps the last 20 bytes of anything: padded, the
		// accused still compares equal, and would be a 2 KB string kept.
		var padded api.EvidenceBundle
		raw, _ := json.Marshal(good)
		json.Unmarshal(raw, &padded)
		padded.Accused = "0x" + strings.Repeat("ab", 1000) + strings.TrimPrefix(padded.Accused, "0x")
		data, _ := json.Marshal(padded)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write(data) }))
		defer srv.Close()
		sum := sha256.Sum256(data)
		n := notice(func(n *api.ConvictionNotice) {
			n.URL, n.Hash = srv.URL+"/rpc/v1/evidence/"+job+"/"+cAddr, hex.EncodeToString(sum[:])
		})
		if _, err := b.fetchBundle(context.Background(), n); !errors.Is(err, ErrBadEvidence) || !strings.Contains(err.Error(), "not an address") {
			t.Fatalf("fetch: %v, want ErrBadEvidence: not an address", err)
		}
	})
	t.Run("notice signed by another key", func(t *testing.T) {
		n := notice(func(*api.ConvictionNotice) {})
		n.Coordinator = hAddr
		if err := b.takeNotice(n); !errors.Is(err, ErrBadEvidence) {
			t.Fatalf("take: %v, want ErrBadEvidence", err)
		}
	})
	t.Run("stale notice", func(t *testing.T) {
		n := notice(func(n *api.ConvictionNotice) { n.Time = time.Now().Add(-time.Hour).UnixMilli() })
		if err := b.takeNotice(n); !errors.Is(err, ErrBadEvidence) {
			t.Fatalf("take: %v, want ErrBadEvidence", err)
		}
	})
}

// TestNoticeLimits: gossip is open, so what a flood of conviction notices
// can cost is bounded: at most maxNoticesPerSigner from one key a window,
// a queue of noticeQueue re-checks however many keys sign, each notice
// once; a coordinator's own notices are not re-checked.
func TestNoticeLimits(t *testing.T) {
	self, _ := rpc.NewIdentity()
	c := &coordinator{ident: self, notices: newNotices(), cfg: NodeConfig{Now: time.Now},
		rep: verifier.NewReputation(verifier.DefaultPolicy(), time.Now), metrics: new(metrics), log: slog.New(slog.DiscardHandler)}
	accused := common.Address{9}.Hex()
	notice := func(id *rpc.Identity, i int) api.ConvictionNotice {
		n := api.ConvictionNotice{Kind: api.NoticeConviction, Job: "j", Accused: accused, Coordinator: id.Address().Hex(),
			URL: "http://127.0.0.1:1/rpc/v1/evidence/j/" + accused, Hash: fmt.Sprintf("%064x", i), Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce()}
		n.Sig, _ = id.Sign(n.SignedBytes())
		return n
	}
	if err := c.takeNotice(notice(self, 0)); err != nil || len(c.notices.queue) != 0 {
		t.Fatalf("own notice: %v, queued %d; want ignored", err, len(c.notices.queue))
	}
	one, _ := rpc.NewIdentity()
	for i := range maxNoticesPerSigner + 3 {
		err := c.takeNotice(notice(one, i))
		if (err == nil) != (i < maxNoticesPerSigner) {
			t.Fatalf("notice %d from one key: %v", i, err)
		}
	}
	if err := c.takeNotice(notice(one, 0)); err != nil || len(c.notices.queue) != maxNoticesPerSigner {
		t.Fatalf("a notice heard twice: %v, queued %d; want it once", err, len(c.notices.queue))
	}
	refused := 0
	for i := range 2 * noticeQueue {
		id, _ := rpc.NewIdentity()
		if c.takeNotice(notice(id, 100+i)) != nil {
			refused++
		}
	}
	if len(c.notices.queue) != noticeQueue || refused != 2*noticeQueue-(noticeQueue-maxNoticesPerSigner) {
		t.Fatalf("queued %d, refused %d of a flood from many keys; want the queue full at %d and the rest refused", len(c.notices.queue), refused, noticeQueue)
	}
}

// FuzzEvidenceBundle: a bundle is outside input; checking one never
// panics, and whatever the bytes, it is refused unless every signature
// holds (random bytes never make one that does).
func FuzzEvidenceBundle(f *testing.F) {
	spec := `{"scene":"` + strings.Repeat("a", 64) + `","scene_name":"s.glb","renderer":"pathtracer","frames":{"start":1,"end":100000,"step":1},"resolution":{"width":16384,"height":16384},"samples":1,"tiles":{"cols":64,"rows":64},"depth":8}`
	f.Add([]byte(`{"job":"j","spec":` + spec + `,"task":409599999,"crops":[{"Min":{"X":0,"Y":0},"Max":{"X":4,"Y":4}}],"renders":[{}]}`))
	f.Add([]byte(`{"spec":` + spec + `,"task":-1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var b api.EvidenceBundle
		if json.Unmarshal(data, &b) != nil {
			return
		}
		if err := verifyBundle(b); !errors.Is(err, ErrBadEvidence) {
			t.Fatalf("bundle %s: %v, want ErrBadEvidence", data, err)
		}
	})
}

// FuzzConvictionNotice: a gossiped message is outside input; taking one
// never panics, and nothing unsigned is queued.
func FuzzConvictionNotice(f *testing.F) {
	f.Add([]byte(`{"kind":"conviction","job":"j","accused":"0x0000000000000000000000000000000000000009","coordinator":"0x0000000000000000000000000000000000000001","url":"http://x","hash":"00","time":1,"nonce":"n","sig":"00"}`))
	f.Add([]byte(`not json`))
	self, _ := rpc.NewIdentity()
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &coordinator{ident: self, notices: newNotices(), cfg: NodeConfig{Now: time.Now}, log: slog.New(slog.DiscardHandler),
			rep: verifier.NewReputation(verifier.DefaultPolicy(), time.Now), metrics: new(metrics)}
		c.hear(data)
		if len(c.notices.queue) != 0 {
			t.Fatalf("%s queued without a valid signature", data)
		}
	})
}
