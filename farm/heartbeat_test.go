package farm

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// TestHeartbeatEndsSilentLease: a worker that stops confirming a lease (it
// answers "no such task") loses it after HeartbeatTimeout; while it confirms,
// its progress is reported.
func TestHeartbeatEndsSilentLease(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 3 {
			writeJSON(w, taskProgress{Done: int(calls.Load()), Total: 10})
			return
		}
		httpError(w, http.StatusNotFound, errors.New("no such task in progress"))
	}))
	defer srv.Close()
	c := &coordinator{hc: srv.Client(), cfg: NodeConfig{HeartbeatInterval: 20 * time.Millisecond, HeartbeatTimeout: 150 * time.Millisecond}}
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	var seen []taskProgress
	done := make(chan struct{})
	go func() {
		c.heartbeat(ctx, cancel, api.Member{NodeMeta: api.NodeMeta{API: srv.URL}}, "n1", nil, func(p taskProgress) { seen = append(seen, p) })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("heartbeat never gave up on a silent worker")
	}
	if !errors.Is(context.Cause(ctx), errNoHeartbeat) {
		t.Fatalf("cause = %v, want errNoHeartbeat", context.Cause(ctx))
	}
	if len(seen) != 3 || seen[2].Done != 3 {
		t.Fatalf("progress seen %v, want 3 reports", seen)
	}
}

// TestRelayedProgress: through a gateway (a member behind NAT), a
// heartbeat's answer counts only with the worker's word on it, over that
// very request: a gateway that makes up a progress (here: a stalled one),
// or replays the worker's first answer, is not heard, and the lease ends as
// unanswered (which, through a gateway, counts as unreachable: onTheWay),
// never as stalled, which would be the node's fault. The worker's own
// answers, signed or sealed, are heard.
func TestRelayedProgress(t *testing.T) {
	coordID, _ := rpc.NewIdentity()
	workerID, _ := rpc.NewIdentity()
	cs, ws := rpc.NewSessions(coordID), rpc.NewSessions(workerID)
	w := &worker{ident: workerID, sessions: ws}
	for _, tc := range []struct {
		name    string
		sealed  bool
		gateway string // what the gateway does with the worker's answers
		heard   int    // progress reports the coordinator takes, at most
		cause   error
	}{
		{"the worker's answers", false, "relays", 0, nil},
		{"the worker's sealed answers", true, "relays", 0, nil},
		{"a made-up stall", false, "makes up", -1, errNoHeartbeat},
		{"a replay of the first answer", true, "replays", 1, errNoHeartbeat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := TaskRequest{Nonce: rpc.NewNonce(), Coordinator: coordID.Address().Hex()}
			if tc.sealed {
				req.Key = cs.PublicKey()
			}
			progress := w.active.start(req)
			defer w.active.end(req.Nonce)
			var beats atomic.Int32
			var first *httptest.ResponseRecorder
			mux := http.NewServeMux()
			mux.HandleFunc("GET /rpc/v1/relay/nat/rpc/v1/tasks/{nonce}", func(rw http.ResponseWriter, r *http.Request) {
				progress(int(beats.Add(1)), 100) // it advances
				rec := httptest.NewRecorder()
				w.handleHeartbeat(rec, r)
				switch {
				case tc.gateway == "makes up":
					writeJSON(rw, taskProgress{Done: 1, Total: 100})
					return
				case tc.gateway == "replays" && first != nil:
					rec = first
				case first == nil:
					first = rec
				}
				forward(rw, rec)
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			c := &coordinator{hc: srv.Client(), ident: coordID, sessions: cs, metrics: new(metrics),
				cfg: NodeConfig{HeartbeatInterval: 20 * time.Millisecond, HeartbeatTimeout: 200 * time.Millisecond}}
			m := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: srv.URL + "/rpc/v1/relay/nat", Addr: workerID.Address().Hex()}}
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			var heard []taskProgress
			done := make(chan struct{})
			go func() {
				// A stall of 100 ms: a made-up progress that stands still,
				// if heard, ends the lease as stalled.
				c.heartbeat(ctx, cancel, m, req.Nonce, newStallWatch(100*time.Millisecond, time.Now(), 0, 0), func(p taskProgress) { heard = append(heard, p) })
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(time.Second):
				cancel(nil)
				<-done
			}
			if got := context.Cause(ctx); !errors.Is(got, tc.cause) && !(tc.cause == nil && got == context.Canceled) {
				t.Fatalf("lease ended with %v, want %v (%d beats, heard %v)", got, tc.cause, beats.Load(), heard)
			}
			switch {
			case tc.heard == 0 && len(heard) < 3:
				t.Errorf("heard %v of the worker's %d answers", heard, beats.Load())
			case tc.heard < 0 && len(heard) > 0:
				t.Errorf("heard %v, made up by the gateway", heard)
			case tc.heard > 0 && len(heard) > tc.heard:
				t.Errorf("heard %v: the replays too", heard)
			}
		})
	}
}

// TestOthersThan: another coordinator's lease counts as work in flight
// from its authentication to its answer, not only while it renders: one
// waiting on the chain's word on its funding, or a check waiting for its
// slot, would be cut by leaving the gateway just the same.
func TestOthersThan(t *testing.T) {
	a, b := common.HexToAddress("0xa"), common.HexToAddress("0xb")
	var tasks activeTasks
	if tasks.othersThan(a) {
		t.Fatal("nothing handled: others in flight")
	}
	doneB := tasks.handling(b) // b's lease, not yet in progress
	doneA := tasks.handling(a)
	if !tasks.othersThan(a) || !tasks.othersThan(b) {
		t.Fatal("a lease of b and one of a being handled: each sees the other's")
	}
	doneB()
	if tasks.othersThan(a) || !tasks.othersThan(b) {
		t.Fatal("b's lease answered: a sees none, b still sees a's")
	}
	again := tasks.handling(a)
	doneA()
	if !tasks.othersThan(b) {
		t.Fatal("one of a's two leases answered: b sees none")
	}
	again()
	if tasks.othersThan(b) || len(tasks.handled) != 0 {
		t.Fatalf("all answered: %v", tasks.handled)
	}
}

// TestFetchedProgress: while a task's scene arrives, a heartbeat's answer
// says how much of it the worker holds, in a header of its own under the
// worker's word; through a gateway, an altered or unsigned count is not
// heard (no progress), and the rest of the answer stands. The answer's
// body and the word on it are as the release before made them, so its
// coordinators still hear a fetching worker behind NAT.
func TestFetchedProgress(t *testing.T) {
	coordID, _ := rpc.NewIdentity()
	workerID, _ := rpc.NewIdentity()
	cs := rpc.NewSessions(coordID)
	w := &worker{ident: workerID, sessions: rpc.NewSessions(workerID)}
	for _, tc := range []struct {
		name    string
		relayed bool
		sealed  bool
		tamper  func(h http.Header)
		want    int64
	}{
		{"relayed, its word", true, false, nil, 12345},
		{"relayed, its seal", true, true, nil, 12345},
		{"relayed, count altered", true, true, func(h http.Header) { h.Set(headerFetched, "99999") }, 0},
		{"relayed, word stripped", true, false, func(h http.Header) { h.Del(headerFetchedSig) }, 0},
		{"relayed, not a number", true, false, func(h http.Header) { h.Set(headerFetched, "lots") }, 0},
		{"direct", false, false, nil, 12345},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := TaskRequest{Nonce: rpc.NewNonce(), Coordinator: coordID.Address().Hex()}
			if tc.sealed {
				req.Key = cs.PublicKey()
			}
			progress := w.active.start(req)
			defer w.active.end(req.Nonce)
			progress(0, 0)
			w.active.fetching(req.Nonce, func() int64 { return 12345 })
			var oldWord error // a coordinator of the release before: its word over the body alone
			srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
				rec := httptest.NewRecorder()
				r.SetPathValue("nonce", req.Nonce)
				w.handleHeartbeat(rec, r)
				oldWord = wordOf(rec.Header(), cs, workerID.Address(), sealProgress, progressMessage(req.Nonce, r.Header.Get(rpc.HeaderSigned), taskProgress{}), headerSig, headerSeal)
				if tc.tamper != nil {
					tc.tamper(rec.Header())
				}
				forward(rw, rec)
			}))
			defer srv.Close()
			url := srv.URL
			if tc.relayed {
				url += "/rpc/v1/relay/nat"
			}
			c := &coordinator{hc: srv.Client(), ident: coordID, sessions: cs, metrics: new(metrics), cfg: NodeConfig{HeartbeatInterval: time.Second}}
			m := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: url, Addr: workerID.Address().Hex()}}
			p, err := c.askProgress(context.Background(), m, req.Nonce)
			if err != nil || p.Fetched != tc.want || p.Done != 0 || p.Total != 0 {
				t.Fatalf("heard %+v, %v: want %d bytes of the scene", p, err, tc.want)
			}
			if oldWord != nil {
				t.Errorf("the release before's word on the answer: %v", oldWord)
			}
		})
	}
	// The word of the release before, byte for byte.
	if got, want := string(progressMessage("n1", "sig", taskProgress{Done: 3, Total: 9, Fetched: 7})), "conun-progress\nn1\na543997d84f12798350c09bdef2cdb171bf41ed3e4a5f808af2feb0c56263009\n3\n9"; got != want {
		t.Errorf("progressMessage = %q, want %q", got, want)
	}
}

// forward writes a worker's recorded answer to rw, as a gateway relays it.
func forward(rw http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		rw.Header()[k] = v
	}
	rw.WriteHeader(rec.Code)
	rw.Write(rec.Body.Bytes())
}
