package rpc

import (
	"testing"
	"time"
)

func TestReplayGuard(t *testing.T) {
	g := NewReplayGuard(time.Minute)
	now := time.Now()
	g.now = func() time.Time { return now }
	ms := now.UnixMilli()
	if err := g.Check(ms, "a"); err != nil {
		t.Fatal(err)
	}
	if err := g.Check(ms, "a"); err == nil {
		t.Fatal("replay accepted")
	}
	if err := g.Check(now.Add(2*time.Minute).UnixMilli(), "b"); err == nil {
		t.Fatal("future timestamp accepted")
	}
	if err := g.Check(ms, ""); err == nil {
		t.Fatal("empty nonce accepted")
	}
}
