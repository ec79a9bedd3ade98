package gossip

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/hashicorp/memberlist"
)

// lockedLog is a memberlist log a test reads while gossip writes it.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// TestPeekLeavesNoGhost: a Peek reads the members through a seed over
// real sockets, and no member ever takes the peek in: the seed refuses
// it (its log says so), no member's memberlist counts it, no member is
// told it left, and nothing is declared failed. A visitor that gossips no
// farm metadata and stops without leaving is refused the same way.
func TestPeekLeavesNoGhost(t *testing.T) {
	var logs [2]lockedLog
	var mu sync.Mutex
	var left []string
	join := func(i int, seeds []string) *Cluster {
		name := []string{"g0", "g1"}[i]
		cfg := Config{Name: name, BindAddr: "127.0.0.1", Fast: true, Join: seeds, Logger: log.New(&logs[i], "", 0)}
		c, err := Join(cfg, api.NodeMeta{ID: name, API: "http://127.0.0.1:1"}, func(n string) {
			mu.Lock()
			left = append(left, name+" was told "+n+" left")
			mu.Unlock()
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Kill() })
		return c
	}
	until := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting until %s", what)
			}
		}
	}
	seed := join(0, nil)
	other := join(1, []string{seed.Addr()})
	until("they meet", func() bool { return len(seed.Members()) == 2 && len(other.Members()) == 2 })

	members, err := Peek(Config{BindAddr: "127.0.0.1"}, []string{seed.Addr()})
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[0].ID != "g0" || members[1].ID != "g1" {
		t.Fatalf("peek read %+v, want g0 and g1", members)
	}
	until("the seed refused the peek", func() bool {
		return strings.Contains(logs[0].String(), "ignoring alive message for 'peek-")
	})

	// A visitor with no farm metadata that dies without leaving.
	mc := memberlist.DefaultLANConfig()
	mc.Name, mc.BindAddr, mc.BindPort, mc.AdvertisePort = "visitor", "127.0.0.1", 0, 0
	var vlog lockedLog
	mc.Logger = log.New(&vlog, "", 0)
	v, err := memberlist.Create(mc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Join([]string{other.Addr()}); err != nil {
		t.Fatal(err)
	}
	until("the member refused the visitor", func() bool {
		return strings.Contains(logs[1].String(), "ignoring alive message for 'visitor'")
	})
	v.Shutdown()

	for i, c := range []*Cluster{seed, other} {
		if n := c.list().NumMembers(); n != 2 {
			t.Errorf("g%d's memberlist counts %d members, want 2 (no peek, no visitor)", i, n)
		}
		for _, n := range c.list().Members() {
			if n.Name != "g0" && n.Name != "g1" {
				t.Errorf("g%d's memberlist lists %s", i, n.Name)
			}
		}
		if l := logs[i].String(); strings.Contains(l, "as failed") {
			t.Errorf("g%d declared a member failed:\n%s", i, l)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(left) > 0 {
		t.Errorf("members were told of departures: %v", left)
	}
}

// TestMetaVerdicts: the remembered verdict on a member's metadata is
// member's own, for farm metadata, malformed farm metadata (taken in,
// refused later by Members) and none; a repeat is answered from memory,
// and the memory starts over past its bound.
func TestMetaVerdicts(t *testing.T) {
	good, err := encodeMeta(api.NodeMeta{ID: "node-1", API: "127.0.0.1:9000"})
	if err != nil {
		t.Fatal(err)
	}
	badAPI, err := encodeMeta(api.NodeMeta{ID: "node-1", API: "no port"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		node memberlist.Node
		farm bool
	}{
		{"farm metadata", memberlist.Node{Name: "node-1", Meta: good}, true},
		{"farm metadata, malformed address", memberlist.Node{Name: "node-1", Meta: badAPI}, true},
		{"another member's metadata", memberlist.Node{Name: "node-2", Meta: good}, false},
		{"a peek: no metadata", memberlist.Node{Name: "peek-0123"}, false},
		{"not JSON", memberlist.Node{Name: "node-1", Meta: []byte("\x00\x01")}, false},
	}
	var v metaVerdicts
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for range 2 { // the second from memory
				if got := v.farm(&tc.node); got != tc.farm {
					t.Fatalf("farm(%s, %q) = %v, want %v", tc.node.Name, tc.node.Meta, got, tc.farm)
				}
			}
			if _, err := member(&tc.node); errors.Is(err, errNoMeta) == tc.farm {
				t.Fatalf("member says %v, the verdict %v", err, tc.farm)
			}
		})
	}
	if len(v.m) != len(tests) {
		t.Fatalf("%d verdicts remembered for %d metadata", len(v.m), len(tests))
	}
	for i := range maxMetaVerdicts {
		v.farm(&memberlist.Node{Name: fmt.Sprint("node-", i), Meta: good})
	}
	if len(v.m) > maxMetaVerdicts {
		t.Fatalf("%d verdicts remembered, bound %d", len(v.m), maxMetaVerdicts)
	}
}
