package farm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
)

// TestGatewayFaults: the run of a NATed member's answers that came through
// its gateway without its word grows with each such answer, survives what
// is nobody's fault (busy, over a cap), ends with the member's own word (a
// tile accepted, a failure it signed) or after faultsLast without a fault,
// is kept by relay URL (a member at a new gateway starts afresh), and is
// never kept for a member reached directly.
func TestGatewayFaults(t *testing.T) {
	nat := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.1:7947/rpc/v1/relay/nat"}}
	moved := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.2:7947/rpc/v1/relay/nat"}}
	direct := api.Member{NodeMeta: api.NodeMeta{ID: "direct", API: "http://10.0.0.3:7947"}}
	altered := onTheWay(nat, errors.New("bad signature"))
	signed := fmt.Errorf("500 Internal Server Error: out of memory")
	tick := errors.New("a minute passes")
	for _, tc := range []struct {
		name string
		m    api.Member
		errs []error // tick: a minute passes
		want int
	}{
		{"a minute between", nat, []error{altered, tick, altered}, 2},
		{"gone stale", nat, []error{altered, altered, tick, tick, tick}, 0},
		{"stale, then again", nat, []error{altered, altered, tick, tick, tick, altered}, 1},
		{"altered twice", nat, []error{altered, altered}, 2},
		{"busy between", nat, []error{altered, errBusy, fmt.Errorf("%w: full", errOverCap), altered}, 2},
		{"a tile accepted", nat, []error{altered, altered, nil}, 0},
		{"a failure it signed", nat, []error{altered, signed}, 0},
		{"again after its word", nat, []error{altered, nil, altered}, 1},
		{"reached directly", direct, []error{onTheWay(direct, errors.New("bad signature")), errors.New("bad signature")}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := time.Unix(1e9, 0)
			g := gatewayFaults{now: func() time.Time { return now }}
			for _, err := range tc.errs {
				if err == tick {
					now = now.Add(time.Minute)
					continue
				}
				g.observe(tc.m, err)
			}
			if got := g.of(tc.m); got != tc.want {
				t.Errorf("run %d, want %d", got, tc.want)
			}
			if tc.m.API == nat.API && g.of(moved) != 0 {
				t.Errorf("the member at its new gateway has a run of %d, want 0", g.of(moved))
			}
		})
	}
}

// TestWayBackoff: a member whose answers keep reaching the coordinator
// through its gateway without its word, past the run that tells it to
// leave, is held there twice as long after each (a gateway that drops
// every lease to its node: before, one lease every 3 s for as long as
// both stayed), up to a minute; the same node at another gateway is not
// held, and its word ends the hold.
func TestWayBackoff(t *testing.T) {
	nat := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.1:7947/rpc/v1/relay/nat"}}
	moved := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.2:7947/rpc/v1/relay/nat"}}
	direct := api.Member{NodeMeta: api.NodeMeta{ID: "direct", API: "http://10.0.0.3:7947"}}
	dropped := onTheWay(nat, errors.New("context deadline exceeded"))
	now := time.Unix(1e9, 0)
	g := gatewayFaults{now: func() time.Time { return now }}
	for i, step := range []struct {
		m    api.Member
		err  error
		hold time.Duration // how long m is held after it (0: not, beyond the unreachable back-off)
	}{
		{nat, dropped, 0},
		{nat, dropped, 0},
		{nat, dropped, 6 * time.Second},
		{nat, dropped, 12 * time.Second},
		{nat, dropped, 24 * time.Second},
		{nat, dropped, 48 * time.Second},
		{nat, dropped, time.Minute},
		{nat, dropped, time.Minute},
		{moved, dropped, 0},
		{nat, dropped, time.Minute}, // the old way's run goes on
		{nat, errors.New("500 Internal Server Error: its word"), 0},
		{nat, dropped, 0},
		{direct, onTheWay(direct, errors.New("bad signature")), 0},
	} {
		g.tell(step.m) // the lease that this answers carried the run
		err := g.observe(step.m, step.err)
		if step.hold > 0 && !strings.Contains(err.Error(), fmt.Sprintf("left alone %v there", step.hold)) {
			t.Errorf("answer %d: %v, want it to say the hold", i, err)
		}
		if !errors.Is(err, step.err) {
			t.Errorf("answer %d: %v no longer is %v", i, err, step.err)
		}
		if got := g.holds(step.m, now.Add(step.hold-time.Millisecond)); got != (step.hold > 0) {
			t.Fatalf("answer %d (%v): held just before %v: %v", i, err, step.hold, got)
		}
		if g.holds(step.m, now.Add(step.hold)) {
			t.Fatalf("answer %d (%v): still held after %v", i, err, step.hold)
		}
		if step.m.API == nat.API && g.holds(moved, now) {
			t.Fatalf("answer %d: the node at its new gateway is held", i)
		}
		now = now.Add(step.hold + time.Second)
	}
	// Faults that came together (leases and checks in flight at once)
	// hold nothing until a lease told the member: the hold kept back
	// that very lease, and a tampered-with node left 30 s late.
	fresh := gatewayFaults{now: func() time.Time { return now }}
	for range 6 {
		fresh.observe(nat, dropped)
	}
	if fresh.holds(nat, now) {
		t.Fatal("held before it was told")
	}
	if fresh.tell(nat) != 6 || !fresh.holds(nat, now) {
		t.Fatal("not held once told")
	}
}

// TestFailedAnswerThroughGateway: a failed answer from a member behind NAT
// is its own (its fault, or busy) only with its word on it; without, it is
// the way's, but for the refusals a node signs nothing for (before it
// authenticated the lease) and a cap on callers, which are nobody's. From
// a member reached directly, nothing changes.
func TestFailedAnswerThroughGateway(t *testing.T) {
	coordID, _ := rpc.NewIdentity()
	workerID, _ := rpc.NewIdentity()
	cs := rpc.NewSessions(coordID)
	w := &worker{ident: workerID, sessions: rpc.NewSessions(workerID)}
	req := TaskRequest{JobID: "j", Task: 1, Nonce: rpc.NewNonce(), Coordinator: coordID.Address().Hex(), Recipient: workerID.Address().Hex(), Key: cs.PublicKey()}
	nat := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.1:7947/rpc/v1/relay/nat", Addr: workerID.Address().Hex()}}
	direct := api.Member{NodeMeta: api.NodeMeta{ID: "direct", API: "http://10.0.0.3:7947", Addr: workerID.Address().Hex()}}
	for _, tc := range []struct {
		name    string
		m       api.Member
		status  int
		signed  bool
		theWays bool  // a fault of the way
		is      error // nil: the node's fault
		// refusing is how long refusals in its name have come before
		// this one.
		refusing time.Duration
	}{
		{"busy, its word", nat, http.StatusServiceUnavailable, true, false, errBusy, 0},
		{"busy, no word", nat, http.StatusServiceUnavailable, false, true, errUnreachable, 0},
		{"failed, its word", nat, http.StatusInternalServerError, true, false, nil, 0},
		{"failed, no word", nat, http.StatusInternalServerError, false, true, errUnreachable, 0},
		{"not known yet, no word", nat, http.StatusForbidden, false, false, errUnreachable, 0},
		{"misdirected, no word", nat, http.StatusMisdirectedRequest, false, false, errUnreachable, 0},
		{"a cap on callers, no word", nat, http.StatusTooManyRequests, false, false, errOverCap, 0},
		{"failed, directly, no word", direct, http.StatusInternalServerError, false, false, nil, 0},
		{"busy, directly, no word", direct, http.StatusServiceUnavailable, false, false, errBusy, 0},
		{"not known for a while, no word", nat, http.StatusForbidden, false, false, errUnreachable, refusalGrace / 2},
		// A gateway that refuses every lease in its node's name.
		{"not known for over a minute, no word", nat, http.StatusForbidden, false, true, errUnreachable, refusalGrace + time.Second},
		{"stale for over a minute, no word", nat, http.StatusUnauthorized, false, true, errUnreachable, refusalGrace + time.Second},
		{"a cap on callers for over a minute, no word", nat, http.StatusTooManyRequests, false, true, errUnreachable, refusalGrace + time.Second},
		{"busy for over a minute, its word", nat, http.StatusServiceUnavailable, true, false, errBusy, refusalGrace + time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := time.Unix(1e9, 0)
			c := &coordinator{ident: coordID, sessions: cs, metrics: new(metrics), gateways: gatewayFaults{now: func() time.Time { return now }}}
			if tc.refusing > 0 {
				// Refusals a few seconds apart, the last of them this
				// answer.
				for range minRefusals - 1 {
					c.gateways.refusedFor(tc.m)
					now = now.Add(tc.refusing / (minRefusals - 1))
				}
			}
			rec := httptest.NewRecorder()
			if tc.signed {
				w.failLease(rec, req, tc.status, errors.New("out of memory"))
			} else {
				httpError(rec, tc.status, errors.New("out of memory"))
			}
			_, err := c.failedAnswer(context.Background(), rec.Result(), req, tc.m)
			if got := errors.Is(err, errOnTheWay); got != tc.theWays {
				t.Errorf("%v: the way's fault %v, want %v", err, got, tc.theWays)
			}
			if tc.is == nil && notAFault(err) || tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%v: want %v (nil: the node's fault)", err, tc.is)
			}
		})
	}
}

// TestRefusedFor: refusals of a NATed member's leases in its name run from
// the first until its own word on a lease (a tile, a failure it signed;
// not that it is busy, which a gateway can let through at will), or until
// refusalGap passes with none; they count as faults of the way only past
// refusalGrace, minRefusals of them; each relay URL has its own.
func TestRefusedFor(t *testing.T) {
	nat := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.1:7947/rpc/v1/relay/nat"}}
	moved := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.2:7947/rpc/v1/relay/nat"}}
	refused := errors.New("refused in its name")
	five := []error{refused, refused, refused, refused, refused}
	for _, tc := range []struct {
		name    string
		m       api.Member
		errs    []error // refused: a refusal; nil and others: observed answers
		gap     time.Duration
		want    time.Duration // how long the last refusal's run is
		wantWay bool
	}{
		{"one", nat, []error{refused}, 0, 0, false},
		{"five in a minute", nat, five, 15 * time.Second, time.Minute, false},
		{"five past a minute", nat, five, 16 * time.Second, 64 * time.Second, true},
		{"four past a minute", nat, []error{refused, refused, refused, refused}, 25 * time.Second, 75 * time.Second, false},
		{"a pause between", nat, five, refusalGap + time.Second, 0, false},
		// The coordinator's own hold of the member, up to a minute,
		// does not end the run it holds it for.
		{"a hold between", nat, five, maxWayBackoff + unreachableBackoff, 4 * (maxWayBackoff + unreachableBackoff), true},
		{"a tile accepted", nat, []error{refused, refused, refused, nil, refused, refused, refused}, 16 * time.Second, 32 * time.Second, false},
		{"a failure it signed", nat, []error{refused, refused, refused, errors.New("500: its word"), refused}, 16 * time.Second, 0, false},
		{"busy, its word", nat, []error{refused, refused, refused, errBusy, refused, refused}, 16 * time.Second, 80 * time.Second, true},
		{"full, its word", nat, []error{refused, refused, refused, fmt.Errorf("%w: disk full", errOverCap), refused}, 16 * time.Second, 64 * time.Second, false},
		{"faults of the way between", nat, []error{refused, refused, onTheWay(nat, errors.New("502")), refused, refused, refused}, 14 * time.Second, 70 * time.Second, true},
		{"at another gateway", moved, []error{refused}, time.Minute, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := time.Unix(1e9, 0)
			g := gatewayFaults{now: func() time.Time { return now }}
			if tc.m.API == moved.API {
				for range minRefusals {
					g.refusedFor(nat)
					now = now.Add(tc.gap)
				}
			}
			var way bool
			var got time.Duration
			for i, err := range tc.errs {
				if i > 0 {
					now = now.Add(tc.gap)
				}
				if err == refused {
					way, got = g.refusedFor(tc.m)
				} else {
					g.observe(tc.m, err)
				}
			}
			if got != tc.want || way != tc.wantWay {
				t.Errorf("refused for %v, the way's %v; want %v, %v", got, way, tc.want, tc.wantWay)
			}
		})
	}
}
