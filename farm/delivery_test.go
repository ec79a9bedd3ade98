package farm

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
	"github.com/ethereum/go-ethereum/common"
)

// testWorker is a real HTTP server standing in for a worker's RPC: it records
// the messages it takes, answering status (200 takes them).
type testWorker struct {
	srv    *httptest.Server
	mu     sync.Mutex
	status int
	got    []string
	hits   int // requests, taken or not
}

func newTestWorker(t *testing.T, status int) *testWorker {
	w := &testWorker{status: status}
	w.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.mu.Lock()
		defer w.mu.Unlock()
		w.hits++
		if w.status == http.StatusOK {
			w.got = append(w.got, r.URL.Path+" "+string(b))
		}
		rw.WriteHeader(w.status)
	}))
	t.Cleanup(w.srv.Close)
	return w
}

func (w *testWorker) set(status int) { w.mu.Lock(); w.status = status; w.mu.Unlock() }

func (w *testWorker) taken() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.got...)
}

// silentListener accepts connections and never answers: the attacker of
// the silent claims endpoint.
func silentListener(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never read or answered
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

func openTestStore(t *testing.T, path string) *store.Store {
	st, err := store.Open(path, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// TestOutboxSilentWorker: one worker accepts the connection and never
// answers; with fewer slots than messages, every other worker still gets
// its message, the silent one stays queued (retried, not lost), and a
// refusal (4xx) is not retried.
func TestOutboxSilentWorker(t *testing.T) {
	silent := silentListener(t)
	member := func(addr, url string) api.Member {
		return api.Member{NodeMeta: api.NodeMeta{ID: addr[38:], Addr: addr, API: url}}
	}
	members := []api.Member{member("0x00000000000000000000000000000000000000aa", silent)}
	var honest []*testWorker
	for i := range 5 {
		w := newTestWorker(t, http.StatusOK)
		honest = append(honest, w)
		members = append(members, member("0x00000000000000000000000000000000000000b"+string(rune('0'+i)), w.srv.URL))
	}
	refuser := newTestWorker(t, http.StatusBadRequest)
	members = append(members, member("0x00000000000000000000000000000000000000cc", refuser.srv.URL))

	cfg := DeliveryConfig{Timeout: 500 * time.Millisecond, Attempts: 100, Parallel: 2}
	o := newOutbox(cfg, openTestStore(t, filepath.Join(t.TempDir(), "db")), slog.New(slog.DiscardHandler), nil)
	o.members = func() []api.Member { return members }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { o.run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done; o.store.Close() })

	for _, m := range members { // the silent one first: it takes a slot at once
		if err := o.add(rpcClaims, "job", "0x"+strings.Repeat("ab", 32), m.Addr, claimMessage{Node: m.Addr}, nil); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "every honest worker has its message", func() bool {
		for _, w := range honest {
			if len(w.taken()) != 1 {
				return false
			}
		}
		return true
	})
	waitFor(t, "the refused message is dropped and the silent one is still queued", func() bool {
		o.mu.Lock()
		defer o.mu.Unlock()
		d := o.pending[(&delivery{Path: rpcClaims, Escrow: "0x" + strings.Repeat("ab", 32), Worker: members[0].Addr}).key()]
		return len(o.pending) == 1 && d != nil && d.Attempts >= 1 && strings.Contains(d.Error, "deadline exceeded")
	})
	refuser.mu.Lock()
	defer refuser.mu.Unlock()
	if refuser.hits != 1 {
		t.Fatalf("a message refused with 400 was pushed %d times, want once", refuser.hits)
	}
}

// TestOutboxResumesAfterRestart: a message its worker could not take yet
// is kept in the store; a coordinator restarted on the same store delivers
// it, byte for byte, once the worker takes messages again.
func TestOutboxResumesAfterRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	w := newTestWorker(t, http.StatusServiceUnavailable)
	member := api.Member{NodeMeta: api.NodeMeta{ID: "w", Addr: "0x00000000000000000000000000000000000000b1", API: w.srv.URL}}
	cfg := DeliveryConfig{Timeout: time.Second, Attempts: 100, Parallel: 4}
	start := func() (*outbox, func()) {
		o := newOutbox(cfg, openTestStore(t, path), slog.New(slog.DiscardHandler), nil)
		o.members = func() []api.Member { return []api.Member{member} }
		if err := o.load(); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { o.run(ctx); close(done) }()
		return o, func() { cancel(); <-done; o.store.Close() }
	}

	msg := claimMessage{JobID: "0x" + strings.Repeat("cd", 32), Node: member.Addr, Amount: "1234567890123456789", Proof: []string{"0x" + strings.Repeat("ef", 32)}}
	o, stop := start()
	if err := o.add(rpcClaims, "job", msg.JobID, msg.Node, msg, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a first push failed", func() bool {
		o.mu.Lock()
		defer o.mu.Unlock()
		for _, d := range o.pending {
			return d.Attempts >= 1
		}
		return false
	})
	stop() // the coordinator stops mid-delivery

	w.set(http.StatusOK)
	o, stop = start()
	defer stop()
	if n := o.waiting(); n != 1 {
		t.Fatalf("restarted outbox holds %d messages, want the 1 undelivered", n)
	}
	waitFor(t, "the restarted outbox delivers", func() bool { return len(w.taken()) == 1 && o.waiting() == 0 })
	want, _ := json.Marshal(msg)
	if got := w.taken()[0]; got != rpcClaims+" "+string(want) {
		t.Fatalf("delivered %q, want %q", got, rpcClaims+" "+string(want))
	}
}

// TestOutboxKeepsTheLargerReceipt: a worker's receipts are queued in any
// order (each once its record is written); the one covering more tasks
// stays pending whichever came last.
func TestOutboxKeepsTheLargerReceipt(t *testing.T) {
	tests := []struct {
		name  string
		order []uint64
		want  uint64
	}{
		{"in order", []uint64{1, 2, 3}, 3},
		{"reversed", []uint64{3, 2, 1}, 3},
		{"newest in the middle", []uint64{1, 3, 2}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOutbox(DefaultDeliveryConfig(), openTestStore(t, filepath.Join(t.TempDir(), "db")), slog.New(slog.DiscardHandler), nil)
			t.Cleanup(func() { o.store.Close() })
			worker := "0x00000000000000000000000000000000000000b1"
			for _, n := range tc.order {
				if err := o.addReceipt("job", api.Receipt{JobID: "0x" + strings.Repeat("ab", 32), Worker: worker, Tasks: n}, nil); err != nil {
					t.Fatal(err)
				}
			}
			if len(o.pending) != 1 {
				t.Fatalf("%d messages pending, want the worker's one", len(o.pending))
			}
			for _, d := range o.pending {
				var m api.Receipt
				if err := json.Unmarshal(d.Body, &m); err != nil || m.Tasks != tc.want || d.Tasks != tc.want {
					t.Errorf("pending receipt covers %d tasks (%d in its body, %v), want %d", d.Tasks, m.Tasks, err, tc.want)
				}
			}
		})
	}
}

// TestReceiptResumedFromOutbox: a worker's receipt still undelivered when
// its coordinator stopped is where the restarted coordinator's next
// receipt starts from, so that one lists every task the worker has not
// seen; one that is not the stored receipt (an older, or a changed one) is
// left alone.
func TestReceiptResumedFromOutbox(t *testing.T) {
	jobID, worker := common.HexToHash("0x"+strings.Repeat("ab", 32)), common.HexToAddress("0x00000000000000000000000000000000000000b1")
	accepted := []api.ReceiptTask{{Task: 3, ResultHash: "0x" + strings.Repeat("11", 32)}, {Task: 5, ResultHash: "0x" + strings.Repeat("22", 32)}}
	var results common.Hash
	for _, a := range accepted {
		results = contracts.NextResults(results, a.Task, common.HexToHash(a.ResultHash))
	}
	stored := contracts.WorkReceipt{JobID: jobID, Worker: worker, Amount: big.NewInt(2), Tasks: 2, Results: results, Signature: make([]byte, 65)}
	tests := []struct {
		name    string
		pending *api.Receipt
		since   uint64 // of the next receipt
		listed  int
	}{
		{"nothing pending", nil, 2, 0},
		{"the stored receipt pending", &api.Receipt{JobID: jobID.Hex(), Worker: worker.Hex(), Tasks: 2, Results: results.Hex(), Accepted: accepted}, 0, 2},
		{"an older receipt pending", &api.Receipt{JobID: jobID.Hex(), Worker: worker.Hex(), Tasks: 1, Results: results.Hex(), Accepted: accepted[:1]}, 2, 0},
		{"tasks that are not its chain", &api.Receipt{JobID: jobID.Hex(), Worker: worker.Hex(), Tasks: 2, Results: results.Hex(), Accepted: []api.ReceiptTask{accepted[1], accepted[0]}}, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOutbox(DefaultDeliveryConfig(), openTestStore(t, filepath.Join(t.TempDir(), "db")), slog.New(slog.DiscardHandler), nil)
			t.Cleanup(func() { o.store.Close() })
			if tc.pending != nil {
				if err := o.addReceipt("job", *tc.pending, nil); err != nil {
					t.Fatal(err)
				}
			}
			recs, _ := receiptsFromRecords([]api.Receipt{receiptRecord(stored)})
			j := &job{receipts: recs}
			(&coordinator{outbox: o}).resumeReceipts(j)
			m := receiptMessage(j.receipts[worker])
			if m.Since != tc.since || len(m.Accepted) != tc.listed || m.Tasks != 2 {
				t.Errorf("next receipt covers %d tasks since %d, listing %d; want since %d, listing %d", m.Tasks, m.Since, len(m.Accepted), tc.since, tc.listed)
			}
			if tc.listed > 0 {
				// Resumed, its delivery is recorded, so that a later
				// restart does not hand it over again.
				o.mu.Lock()
				done := o.pending[(&delivery{Path: rpcReceipts, Escrow: jobID.Hex(), Worker: worker.Hex()}).key()].onDone
				o.mu.Unlock()
				if done == nil {
					t.Fatal("the resumed receipt's delivery runs nothing")
				}
				done()
				if j.receiptsTaken[worker] != 2 {
					t.Errorf("delivered, the job records %v taken; want 2", j.receiptsTaken)
				}
			}
		})
	}
}
