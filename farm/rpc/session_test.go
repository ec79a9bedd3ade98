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
	sealAB, err := a.Seal(b.PublicKey(), b.id, "result", msg)
	if err != nil {
		t.Fatal(err)
	}
	sealCB, _ := c.Seal(b.PublicKey(), b.id, "result", msg)
	sealAC, _ := a.Seal(c.PublicKey(), c.id, "result", msg)
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
			got, err := tc.opener.Open(tc.key, anyone, tc.purpose, []byte(tc.msg), tc.seal)
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
	seal, _ := b.Seal(a.PublicKey(), a.id, "lease", []byte("m"))
	if _, err := a.Open(b.PublicKey(), anyone, "lease", []byte("m"), seal); err != nil {
		t.Fatal(err)
	}
	if key, ok := a.KeyOf(b.id); !ok || key != b.PublicKey() {
		t.Fatalf("a's key for b: %q %v, want %q", key, ok, b.PublicKey())
	}
	for range maxSessions {
		other := newSessions(t)
		if _, err := a.Seal(other.PublicKey(), other.id, "lease", []byte("m")); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := a.KeyOf(b.id); ok {
		t.Fatalf("a still holds b after %d newer peers (cap %d)", maxSessions, maxSessions)
	}
	if _, err := a.Open(b.PublicKey(), anyone, "lease", []byte("m"), seal); err != nil {
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
		seal, _ := ws.Seal(cs.PublicKey(), coord.Address(), "result", msg)
		for b.Loop() {
			if _, err := cs.Open(ws.PublicKey(), anyone, "result", msg, seal); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSessionsFrom: a key from an address the caller does not expect is
// refused before any secret is worked out for it, and nothing of it is
// kept; a seal is made only to the key of the address named.
func TestSessionsFrom(t *testing.T) {
	a, b, c := newSessions(t), newSessions(t), newSessions(t)
	seal, _ := b.Seal(a.PublicKey(), a.id, "lease", []byte("m"))
	onlyC := func(x common.Address) bool { return x == c.id }
	if _, err := a.Open(b.PublicKey(), onlyC, "lease", []byte("m"), seal); err == nil || !strings.Contains(err.Error(), b.id.Hex()) {
		t.Fatalf("b's seal opened where only c's may: %v", err)
	}
	if _, ok := a.KeyOf(b.id); ok {
		t.Fatal("a kept the session with b, an address it did not expect")
	}
	if got, err := a.Open(b.PublicKey(), func(x common.Address) bool { return x == b.id }, "lease", []byte("m"), seal); err != nil || got != b.id {
		t.Fatalf("b's seal where b's may: %s %v", got.Hex(), err)
	}
	// Known now, still refused where b is not expected.
	if _, err := a.Open(b.PublicKey(), onlyC, "lease", []byte("m"), seal); err == nil {
		t.Fatal("a known key passed where its address is not expected")
	}
	if _, err := a.Seal(b.PublicKey(), c.id, "result", []byte("m")); err == nil {
		t.Fatal("sealed to b's key as if it were c's")
	}
}

// anyone accepts every address.
func anyone(common.Address) bool { return true }

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
