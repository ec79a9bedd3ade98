// Package rpc is what makes node-to-node messages trustworthy: a node's
// key (its identity in the cluster and its payout address on the chain),
// signatures over messages, and the guard against replayed ones.
package rpc

import (
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Identity is a node's secp256k1 key. Its Ethereum address names the node
// in signatures and, later, receives its payouts.
type Identity struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

// NewIdentity makes a fresh random identity.
func NewIdentity() (*Identity, error) {
	k, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	return &Identity{key: k, addr: crypto.PubkeyToAddress(k.PublicKey)}, nil
}

// LoadIdentity reads the hex private key in path, creating the file with a
// new key (readable only by its owner) when it does not exist.
func LoadIdentity(path string) (*Identity, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		id, err := NewIdentity()
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		hexKey := hex.EncodeToString(crypto.FromECDSA(id.key))
		if err := os.WriteFile(path, []byte(hexKey+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("save node key: %w", err)
		}
		return id, nil
	}
	if err != nil {
		return nil, fmt.Errorf("node key: %w", err)
	}
	k, err := crypto.HexToECDSA(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("node key %s: %w", path, err)
	}
	return &Identity{key: k, addr: crypto.PubkeyToAddress(k.PublicKey)}, nil
}

// Address is the identity's Ethereum address.
func (id *Identity) Address() common.Address { return id.addr }

// Sign signs the keccak256 hash of msg.
func (id *Identity) Sign(msg []byte) (string, error) {
	sig, err := crypto.Sign(crypto.Keccak256(msg), id.key)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(sig), nil
}

// ErrBadSignature is wrapped by every signature check that fails.
var ErrBadSignature = errors.New("bad signature")

// Verify checks that sig over msg was made by addr.
func Verify(msg []byte, sig string, addr common.Address) error {
	got, err := Signer(msg, sig)
	if err != nil {
		return err
	}
	return CheckSender(got, addr)
}

// CheckSender checks that got, who signed or sealed a message, is want.
func CheckSender(got, want common.Address) error {
	if got != want {
		return fmt.Errorf("%w: signed by %s, not %s", ErrBadSignature, got.Hex(), want.Hex())
	}
	return nil
}

// Signer returns the address whose key made sig over msg: whoever it is,
// which is evidence when a node hands on a message someone else signed.
func Signer(msg []byte, sig string) (common.Address, error) {
	raw, err := hex.DecodeString(sig)
	if err != nil || len(raw) != crypto.SignatureLength {
		return common.Address{}, fmt.Errorf("%w: malformed", ErrBadSignature)
	}
	pub, err := crypto.SigToPub(crypto.Keccak256(msg), raw)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// NewNonce returns a random nonce for a signed message.
func NewNonce() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Errors of replay protection.
var (
	ErrStale  = errors.New("stale message")
	ErrReplay = errors.New("replayed message")
)

// ReplayGuard rejects messages whose timestamp is outside a window around
// now, and messages whose nonce was seen within that window. Nonces older
// than the window can be forgotten: their timestamps are stale anyway.
type ReplayGuard struct {
	window time.Duration
	now    func() time.Time

	mu     sync.Mutex
	seen   map[string]time.Time
	pruned time.Time
}

func NewReplayGuard(window time.Duration) *ReplayGuard {
	return &ReplayGuard{window: window, now: time.Now, seen: make(map[string]time.Time)}
}

// Check accepts a message stamped at unixMilli with nonce once.
func (g *ReplayGuard) Check(unixMilli int64, nonce string) error {
	now := g.now()
	t := time.UnixMilli(unixMilli)
	if d := now.Sub(t); d > g.window || d < -g.window {
		return fmt.Errorf("%w: timestamp %s is %v off this node's clock (window %v)", ErrStale, t.UTC().Format(time.RFC3339), d.Round(time.Second), g.window)
	}
	if nonce == "" || len(nonce) > 64 {
		return fmt.Errorf("%w: nonce must be 1-64 characters", ErrReplay)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.seen[nonce]; ok {
		return fmt.Errorf("%w: nonce %s was already used", ErrReplay, nonce)
	}
	if now.Sub(g.pruned) > g.window { // amortised: one sweep per window
		for n, at := range g.seen {
			if now.Sub(at) > 2*g.window {
				delete(g.seen, n)
			}
		}
		g.pruned = now
	}
	g.seen[nonce] = now
	return nil
}

// IdentityFromKey wraps an existing key (a development account of a test
// chain, a key loaded elsewhere).
func IdentityFromKey(k *ecdsa.PrivateKey) *Identity {
	return &Identity{key: k, addr: crypto.PubkeyToAddress(k.PublicKey)}
}

// Key is the private key, for signing chain transactions with the same
// identity that signs the node's messages.
func (id *Identity) Key() *ecdsa.PrivateKey { return id.key }
