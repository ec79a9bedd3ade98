package rpc

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// TestSessions: a seal opens only for the two nodes that share it, over
// the very message and purpose it was made for, and names its sealer.
func TestSessions(t *testing.T) {
	a, b, c := newSessions(t), newSessions(t), newSessions(t)
	msg := []byte("conun-result\nab12\n3\nnonce")
	sealAB, err := a.Seal(b.PublicKey(), "result", msg)
	if err != nil {
		t.Fatal(err)
	}
	sealCB, _ := c.Seal(b.PublicKey(), "result", msg)
	sealAC, _ := a.Seal(c.PublicKey(), "result", msg)
	tests := []struct {
		name    string
		opener  *Sessions
		key     string // the key the answer names
		purpose string
		msg     string
		seal    string
		want    common.Address // zero: refused
	}{
		{"a's seal for b, opened by b", b.Sessions, a.PublicKey(), "result", string(msg), sealAB, a.id},
		{"a's seal for b, opened by a", a.Sessions, b.PublicKey(), "result", string(msg), sealAB, b.id},
		{"changed message", b.Sessions, a.PublicKey(), "result", string(msg) + "x", sealAB, common.Address{}},
		{"other purpose", b.Sessions, a.PublicKey(), "lease", string(msg), sealAB, common.Address{}},
		{"c's seal naming a's key", b.Sessions, a.PublicKey(), "result", string(msg), sealCB, common.Address{}},
		{"c's seal naming its own key", b.Sessions, c.PublicKey(), "result", string(msg), sealCB, c.id},
		{"a's seal for c, opened by b", b.Sessions, a.PublicKey(), "result", string(msg), sealAC, common.Address{}},
		{"seal cut short", b.Sessions, a.PublicKey(), "result", string(msg), sealAB[:62], common.Address{}},
		{"seal not hex", b.Sessions, a.PublicKey(), "result", string(msg), "zz" + sealAB[2:], common.Address{}},
		{"no seal", b.Sessions, a.PublicKey(), "result", string(msg), "", common.Address{}},
		{"key not hex", b.Sessions, "0x" + a.PublicKey(), "result", string(msg), sealAB, common.Address{}},
		{"key uncompressed length", b.Sessions, a.PublicKey() + "00", "result", string(msg), sealAB, common.Address{}},
		{"key off the curve", b.Sessions, "02" + strings.Repeat("ff", 32), "result", string(msg), sealAB, common.Address{}},
		{"no key", b.Sessions, "", "result", string(msg), sealAB, common.Address{}},
		{"no sessions", nil, a.PublicKey(), "result", string(msg), sealAB, common.Address{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.opener.Open(tc.key, tc.purpose, []byte(tc.msg), tc.seal)
			if tc.want == (common.Address{}) {
				if err == nil {
					t.Fatalf("opened, naming %s; want refused", got.Hex())
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %s, %v; want %s", got.Hex(), err, tc.want.Hex())
			}
		})
	}
}

// TestSessionsKeyOf: a node knows a peer's key by its address once it has
// met it, and only then; a peer pushed out of the bounded cache is worked
// out again when it comes back.
func TestSessionsKeyOf(t *testing.T) {
	a, b := newSessions(t), newSessions(t)
	if _, ok := a.KeyOf(b.id); ok {
		t.Fatal("a knows b's key before meeting it")
	}
	seal, _ := b.Seal(a.PublicKey(), "lease", []byte("m"))
	if _, err := a.Open(b.PublicKey(), "lease", []byte("m"), seal); err != nil {
		t.Fatal(err)
	}
	if key, ok := a.KeyOf(b.id); !ok || key != b.PublicKey() {
		t.Fatalf("a's key for b: %q %v, want %q", key, ok, b.PublicKey())
	}
	for range maxSessions {
		other := newSessions(t)
		if _, err := a.Seal(other.PublicKey(), "lease", []byte("m")); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := a.KeyOf(b.id); ok {
		t.Fatalf("a still holds b after %d newer peers (cap %d)", maxSessions, maxSessions)
	}
	if _, err := a.Open(b.PublicKey(), "lease", []byte("m"), seal); err != nil {
		t.Fatalf("b's seal after b was pushed out: %v", err)
	}
	var none *Sessions
	if none.PublicKey() != "" {
		t.Error("nil sessions have a public key")
	}
	if _, ok := none.KeyOf(b.id); ok {
		t.Error("nil sessions know a key")
	}
}

// BenchmarkAnswerAuth: what checking one answer costs its coordinator,
// a signature's key recovered against a seal opened, side by side.
func BenchmarkAnswerAuth(b *testing.B) {
	worker, _ := NewIdentity()
	coord, _ := NewIdentity()
	ws, cs := NewSessions(worker), NewSessions(coord)
	msg := []byte("conun-result\nab12\n3\n0123456789abcdef01234567\n0x00\n0x00\n" + strings.Repeat("5f", 32) + "\n1733400000000")
	b.Run("signature", func(b *testing.B) {
		sig, _ := worker.Sign(msg)
		for b.Loop() {
			if err := Verify(msg, sig, worker.Address()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("seal", func(b *testing.B) {
		seal, _ := ws.Seal(cs.PublicKey(), "result", msg)
		for b.Loop() {
			if _, err := cs.Open(ws.PublicKey(), "result", msg, seal); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// newSessions is a fresh node's sessions; id is kept on the side for the
// tests' expectations.
func newSessions(t testing.TB) *testSessions {
	id, err := NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return &testSessions{Sessions: NewSessions(id), id: id.Address()}
}

// testSessions is Sessions with the address of its node.
type testSessions struct {
	*Sessions
	id common.Address
}
