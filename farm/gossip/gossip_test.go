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
