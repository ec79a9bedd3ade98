package farm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"image"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/gossip"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// launderer is a hostile member: it takes leases like any worker but does
// none of the work. In "forward" mode it sends each lease, as it stands,
// to helper nodes and re-signs whatever pixels come back with its own key
// (the attack of issue #15). In "pass-on" mode an accomplice, a member
// that ignores recipients, "renders" the lease and the launderer returns
// the accomplice's signed answer unchanged. When sealed, both answer with
// seals (seal.go) wherever a lease carries its coordinator's key, and the
// launderer seals a log onto its failures, so the coordinator learns its
// key and seals the leases it forwards.
type launderer struct {
	ident, accomplice *rpc.Identity
	mode              string
	sealed            bool
	helpers           []string // RPC URLs of the nodes it forwards to

	leases, sealedLeases atomic.Int64
	mu                   sync.Mutex
	answers              []string // what the helpers said, "STATUS message"
	laundered            int      // leases some helper rendered for it
}

func (l *launderer) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	// Relayed, it is its own gateway: what its gateway could answer.
	r.URL.Path = strings.TrimPrefix(r.URL.Path, rpcaddr.RelayPrefix+"launderer")
	if strings.HasPrefix(r.URL.Path, "/rpc/v1/tasks/") {
		writeJSON(rw, taskProgress{}) // "still working on it"
		return
	}
	if r.URL.Path != "/rpc/v1/render" {
		http.NotFound(rw, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req TaskRequest
	if err := json.Unmarshal(body, &req); err != nil {
		httpError(rw, http.StatusBadRequest, err)
		return
	}
	l.leases.Add(1)
	if req.Seal != "" {
		l.sealedLeases.Add(1)
	}
	if l.mode == "tampered" {
		// Its own signed pixels, under an accomplice's word: what a relay
		// that can read the lease's nonce could put on an honest
		// worker's answer.
		data, ctype, _ := encodeTile(renderer.Result{Image: image.NewNRGBA64(req.Region)}, false, false)
		l.answer(rw, req, data, ctype, l.accomplice, l.ident)
		return
	}
	if l.mode == "fails signed" {
		// A failure it signs for: its own, through a gateway or not.
		body := errorBody(errors.New("out of memory"))
		vouch(rw.Header(), l.ident, rpc.NewSessions(l.ident), "", common.HexToAddress(req.Coordinator), sealFailure, failureMessage(req, http.StatusInternalServerError, body), headerFailSig, headerFailSeal)
		rw.WriteHeader(http.StatusInternalServerError)
		rw.Write(body)
		return
	}
	if l.mode == "fails unsigned" {
		// A failure nobody signed: a gateway can answer this for its node.
		httpError(rw, http.StatusBadGateway, errors.New("relay: node is not attached to this gateway"))
		return
	}
	if l.mode == "pass-on" {
		// Any pixels of the right size: what gives the launderer away is
		// whose signature is on them, checked before any pixel is used.
		data, ctype, _ := encodeTile(renderer.Result{Image: image.NewNRGBA64(req.Region)}, false, false)
		l.answer(rw, req, data, ctype, l.accomplice, l.accomplice)
		return
	}
	for _, h := range l.helpers {
		resp, err := http.Post(h+"/rpc/v1/render", "application/json", bytes.NewReader(body))
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			l.mu.Lock()
			l.laundered++
			l.mu.Unlock()
			l.answer(rw, req, data, resp.Header.Get("Content-Type"), l.ident, l.ident)
			return
		}
		l.mu.Lock()
		l.answers = append(l.answers, resp.Status+" "+api.ReadError(bytes.NewReader(data)))
		l.mu.Unlock()
	}
	if l.sealed {
		const log = "no helper would render it"
		vouch(rw.Header(), l.ident, rpc.NewSessions(l.ident), req.Key, common.HexToAddress(req.Coordinator), sealLog, logMessage(req, "", log), headerLogSig, headerLogSeal)
		rw.Header().Set(headerLog, base64.StdEncoding.EncodeToString([]byte(log)))
	}
	httpError(rw, http.StatusBadGateway, io.ErrUnexpectedEOF)
}

// answer sends data as a worker would: id's word over req (its seal when
// the launderer seals, else its signature), and by's EIP-712 result.
func (l *launderer) answer(rw http.ResponseWriter, req TaskRequest, data []byte, ctype string, id, by *rpc.Identity) {
	now := time.Now().UnixMilli()
	sum := sha256.Sum256(data)
	key := ""
	if l.sealed {
		key = req.Key
	}
	vouch(rw.Header(), id, rpc.NewSessions(id), key, common.HexToAddress(req.Coordinator), sealResult, resultMessage(req, hex.EncodeToString(sum[:]), now), headerSig, headerSeal)
	res, _ := contracts.SignResult(by.Key(), signingDomain(nil), common.HexToHash(req.JobHash), uint64(req.Task), common.Hash(sum))
	rw.Header().Set("Content-Type", ctype)
	rw.Header().Set(headerTime, strconv.FormatInt(now, 10))
	rw.Header().Set(headerResult, hex.EncodeToString(res.Signature))
	rw.Header().Set(headerSeconds, "0.1")
	rw.Write(data)
}

// joinHostile makes a gossip member named name that advertises rpcURL as
// its RPC address and id as its key, with many free slots and the lowest
// price so coordinators lease to it eagerly (when renders, it advertises
// the path tracer).
func joinHostile(t *testing.T, name, rpcURL string, id *rpc.Identity, join string, renders bool) {
	t.Helper()
	meta := api.NodeMeta{ID: name, API: rpcURL, Addr: id.Address().Hex(), Cores: 16, Slots: 8, Proto: Protocol}
	if renders {
		meta.Renderers = map[string]string{"pathtracer": pathtracer.New(pathtracer.DefaultConfig()).Version()}
	}
	cl, err := gossip.Join(gossip.Config{Name: name, BindAddr: "127.0.0.1", Fast: true, Join: []string{join}}, meta, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Leave(time.Second) })
}

// TestLaunderingMember: a member that forwards its leases to three honest
// nodes gets every forward refused as addressed to someone else, so
// nothing is rendered for it and none of its tasks is accepted; one that
// hands on an accomplice's signed answer is convicted. The honest nodes
// are never blamed and the job completes on them. The same holds where
// leases and answers are sealed instead of signed: a sealed lease forwarded
// is refused as addressed to someone else, and an accomplice's seal gives
// the launderer away as its signature did. But a member whose answer
// carries its own EIP-712 result under another member's word is refused,
// not convicted: that word may be its relay's, put on the way.
//
// A member behind NAT (relayed: it advertises a gateway's relay URL, and
// here plays its own gateway) is held only to what it signs: through a
// gateway, an accomplice's signed answer or an unsigned failure may be the
// gateway's doing, so neither convicts it nor counts as its failed
// attempt (the task is requeued as unreachable), while a failure it signs
// counts as one.
func TestLaunderingMember(t *testing.T) {
	tests := []struct {
		mode    string
		sealed  bool
		relayed bool
		convict bool
		failed  bool // a failed attempt is counted against the launderer
	}{
		{"forward", false, false, false, true},
		{"pass-on", false, false, true, false},
		{"forward", true, false, false, true},
		{"pass-on", true, false, true, false},
		{"tampered", false, false, false, true},
		{"tampered", true, false, false, true},
		{"fails signed", false, false, false, true},
		{"fails unsigned", false, false, false, true},
		{"pass-on", false, true, false, false},
		{"pass-on", true, true, false, false},
		{"tampered", true, true, false, false},
		{"fails signed", false, true, false, true},
		{"fails unsigned", false, true, false, false},
	}
	for _, tc := range tests {
		name := tc.mode
		if tc.sealed {
			name += " sealed"
		}
		if tc.relayed {
			name += " relayed"
		}
		t.Run(name, func(t *testing.T) {
			coord := startNode(t, "coord", nil, nil)
			var honest []*Node
			var helpers []string
			for _, name := range []string{"h1", "h2", "h3"} {
				n := startNode(t, name, []string{coord.GossipAddr()}, nil)
				honest = append(honest, n)
				helpers = append(helpers, n.RPCURL())
			}
			lid, _ := rpc.NewIdentity()
			aid, _ := rpc.NewIdentity()
			l := &launderer{ident: lid, accomplice: aid, mode: tc.mode, sealed: tc.sealed, helpers: helpers}
			srv := httptest.NewServer(l)
			t.Cleanup(srv.Close)
			url := srv.URL
			if tc.relayed {
				url += rpcaddr.RelayPrefix + "launderer"
			}
			joinHostile(t, "launderer", url, lid, coord.GossipAddr(), true)
			want := 5
			if tc.mode == "pass-on" || tc.mode == "tampered" {
				// The accomplice is a member (its key is known) that
				// advertises no renderer, so it works only for the
				// launderer.
				idle := httptest.NewServer(http.NotFoundHandler())
				t.Cleanup(idle.Close)
				joinHostile(t, "accomplice", idle.URL, aid, coord.GossipAddr(), false)
				want++
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			if err := WaitMembers(ctx, append(honest, coord), want, 30*time.Second); err != nil {
				t.Fatal(err)
			}
			before := make([]string, len(honest))
			for i, n := range honest {
				before[i] = metricValue(t, n, "conun_rpc_bad_requests_total")
			}

			c := api.NewClient(coord.URL())
			data, _ := scenes.Bytes("cornell.glb")
			hash, err := c.Upload(ctx, data)
			if err != nil {
				t.Fatal(err)
			}
			id, err := c.Submit(ctx, api.JobSpec{
				Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
				Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 2, Tiles: tiler.Grid{Cols: 4, Rows: 4},
				Depth: 8, Nonce: t.Name(),
			})
			if err != nil {
				t.Fatal(err)
			}
			var failed, unreachable int
			state, err := c.Events(ctx, id, func(ev api.Event) error {
				if ev.Type == api.EventRequeued && ev.Node == "launderer" {
					switch ev.Reason {
					case api.RequeueFailed:
						failed++
					case api.RequeueUnreachable:
						unreachable++
					}
				}
				return nil
			})
			if err != nil || state != api.JobDone {
				rep, _ := c.Report(ctx, id)
				t.Fatalf("job %s: %s %v (%s)", id, state, err, rep.Error)
			}
			rep, err := c.Report(ctx, id)
			if err != nil {
				t.Fatal(err)
			}

			if l.leases.Load() == 0 {
				t.Fatal("the launderer was never leased a task: the test proves nothing")
			}
			for _, tr := range rep.Tasks {
				if tr.Node == "launderer" || tr.Node == "accomplice" {
					t.Errorf("task %d accepted from %s", tr.Index, tr.Node)
				}
			}
			var convicted []string
			for _, cv := range rep.Convictions {
				convicted = append(convicted, cv.Node)
			}
			if wantConv := []string{"launderer"}; tc.convict && (len(convicted) == 0 || convicted[0] != "launderer") {
				t.Errorf("convicted %v, want %v", convicted, wantConv)
			} else if !tc.convict && len(convicted) > 0 {
				t.Errorf("convicted %v, want nobody", convicted)
			}
			for _, name := range convicted {
				if strings.HasPrefix(name, "h") {
					t.Errorf("honest node %s convicted", name)
				}
			}
			if got := failed > 0; got != tc.failed && !tc.convict {
				t.Errorf("%d of the launderer's leases requeued as failed, %d as unreachable: want failures counted %v", failed, unreachable, tc.failed)
			}
			if tc.relayed && !tc.failed && unreachable == 0 {
				t.Errorf("no lease of the relayed launderer requeued as unreachable (%d as failed)", failed)
			}
			if tc.mode != "forward" {
				return
			}
			if n := l.sealedLeases.Load(); tc.sealed && n == 0 {
				t.Errorf("none of the launderer's %d leases was sealed: the sealed case proves nothing", l.leases.Load())
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.laundered > 0 {
				t.Errorf("a helper rendered %d forwarded leases", l.laundered)
			}
			if len(l.answers) < len(helpers) {
				t.Fatalf("the helpers answered %d forwards, want at least %d", len(l.answers), len(helpers))
			}
			for _, a := range l.answers {
				if !strings.HasPrefix(a, "421 ") || !strings.Contains(a, "addressed to "+lid.Address().Hex()+", not this node") {
					t.Errorf("a helper answered a forwarded lease with %q, want 421 naming the launderer", a)
				}
			}
			for i, n := range honest {
				if metricValue(t, n, "conun_rpc_bad_requests_total") == before[i] {
					t.Errorf("%s counted no refused request", n.Name())
				}
			}
		})
	}
}
