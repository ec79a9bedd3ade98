package gossip

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

func TestNodeMetaLimit(t *testing.T) {
	m := api.NodeMeta{ID: "n", API: "http://127.0.0.1:1", Renderers: map[string]string{"pathtracer": "pt-1"}}
	if _, err := encodeMeta(m); err != nil {
		t.Fatal(err)
	}
	m.API = strings.Repeat("x", 600)
	if _, err := encodeMeta(m); err == nil {
		t.Fatal("oversized meta accepted; memberlist would panic on it")
	}
}

// TestTimings: members with each timing preset (LAN, WAN, fast) form a
// cluster over real sockets, and a bind-all address is never advertised.
func TestTimings(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"lan", Config{BindAddr: "127.0.0.1"}},
		{"wan", Config{BindAddr: "127.0.0.1", WAN: true}},
		{"fast", Config{BindAddr: "127.0.0.1", Fast: true}},
		{"bind-all", Config{BindAddr: "0.0.0.0", AdvertiseAddr: "127.0.0.1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cs []*Cluster
			for i := range 2 {
				c := tc.cfg
				c.Name = fmt.Sprintf("%s-%d", tc.name, i)
				if i > 0 {
					c.Join = []string{cs[0].Addr()}
				}
				m := api.NodeMeta{ID: c.Name, API: "http://127.0.0.1:1"}
				cl, err := Join(c, m, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer cl.Kill()
				cs = append(cs, cl)
				if strings.HasPrefix(cl.Addr(), "0.0.0.0") {
					t.Fatalf("advertises %s", cl.Addr())
				}
			}
			for deadline := time.Now().Add(10 * time.Second); len(cs[0].Members()) != 2; time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("%s: first member sees %v", tc.name, cs[0].Members())
				}
			}
		})
	}
}

// TestBroadcast: a message one member broadcasts reaches the others over
// real sockets, as a copy; one over the size limit is refused.
func TestBroadcast(t *testing.T) {
	const n = 3
	got := make(chan string, 16)
	var cs []*Cluster
	for i := range n {
		cfg := Config{Name: fmt.Sprintf("g%d", i), BindAddr: "127.0.0.1", Fast: true}
		if i > 0 {
			cfg.Join = []string{cs[0].Addr()}
			cfg.Messages = func(msg []byte) { got <- fmt.Sprintf("g%d:%s", i, msg) }
		}
		c, err := Join(cfg, api.NodeMeta{ID: cfg.Name, API: "http://127.0.0.1:1"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Kill() })
		cs = append(cs, c)
	}
	for deadline := time.Now().Add(10 * time.Second); len(cs[0].Members()) < n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("members did not meet")
		}
	}
	if err := cs[0].Broadcast([]byte(strings.Repeat("x", MaxMessageBytes+1))); err == nil {
		t.Fatal("an oversized message was queued")
	}
	if err := cs[0].Broadcast([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"g1:hello": true, "g2:hello": true}
	for timeout := time.After(10 * time.Second); len(want) > 0; {
		select {
		case m := <-got:
			delete(want, m)
		case <-timeout:
			t.Fatalf("not delivered: %v", want)
		}
	}
}
