package farm

import (
	"context"
	"errors"
	"testing"
)

// TestInspectGate: a client inspects one scene at a time (a second ask
// while its first runs is refused at once), and the node no more scenes
// at once than its slots (one more waits, then is refused); leaving frees
// both.
func TestInspectGate(t *testing.T) {
	g := newInspectGate(2, 0)
	g.wait = 0 // a full gate refuses at once
	ctx := context.Background()
	steps := []struct {
		enter, leave string
		want         error
	}{
		{enter: "a"},
		{enter: "a", want: errInspectBusy},
		{enter: "b"},
		{enter: "c", want: errInspectFull},
		{leave: "a"},
		{enter: "c"},
		{enter: "a", want: errInspectFull},
		{leave: "b"},
		{enter: "a"},
	}
	for i, s := range steps {
		if s.leave != "" {
			g.leave(s.leave)
			continue
		}
		if err := g.enter(ctx, s.enter); !errors.Is(err, s.want) || (s.want == nil && err != nil) {
			t.Fatalf("step %d: %s enters: %v, want %v", i, s.enter, err, s.want)
		}
	}
	if g.expire != DefaultInspectTimeout {
		t.Errorf("timeout %v, want the default %v", g.expire, DefaultInspectTimeout)
	}
}
