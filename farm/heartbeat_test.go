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
		c.heartbeat(ctx, cancel, api.Member{NodeMeta: api.NodeMeta{API: srv.URL}}, "n1", 0, func(p taskProgress) { seen = append(seen, p) })
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
