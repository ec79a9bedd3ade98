package rpc

// Sessions: a lease and its answer authenticated by a key only their two
// ends hold, instead of a signature each way.
//
// Recovering a signature's key is the costliest thing a coordinator does
// per task (a sixth of its CPU, with the worker's EIP-712 result), and a
// worker pays a recovery and a signature per lease too. Neither message
// needs to convince a third party: what the escrow and arbiters need is
// the worker's EIP-712 result and check signatures, which stay. So once
// two nodes know each other's public key, they authenticate a lease and
// its answer with HMAC-SHA256 under the ECDH secret of their two keys:
// about a microsecond instead of tens.
//
// Who gains if someone lies:
//   - A relay (a NAT gateway) or anyone on the path knows neither private
//     key, so it cannot compute the secret: it can neither forge nor
//     alter a sealed message, nor move one to another lease (the sealed
//     bytes carry the nonce), nor to another node (the other node's
//     secret with the sender is another).
//   - A peer that names someone else's public key as its own gets a secret
//     it cannot compute; a key is only ever taken as the key of the
//     address it hashes to, and only from an address the caller expects
//     (from): a stranger's key costs a point decompression, never a
//     scalar multiplication or a place in the cache.
//   - Either end can forge the other's seal, since both hold the secret.
//     That only lets it fool itself: nothing sealed is shown to anyone
//     else, and what pays or slashes anyone is signed (contracts).

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/lru"
	"github.com/ethereum/go-ethereum/crypto"
)

// maxSessions bounds the peers a node keeps a secret with. A cluster
// has hundreds of members; past this, the least recently used is worked
// out again (one scalar multiplication) when it is next needed.
const maxSessions = 4096

// Sessions holds the secrets a node shares with the peers it talked to,
// by the peer's public key and by its address.
type Sessions struct {
	priv   *secp256k1.PrivateKey
	public string // this node's compressed public key, hex

	mu     sync.Mutex
	byKey  lru.BasicLRU[string, *session]
	byAddr lru.BasicLRU[common.Address, *session]
}

// session is what a node shares with one peer.
type session struct {
	key    string // the peer's compressed public key, hex
	addr   common.Address
	secret []byte
}

// NewSessions starts the session keys of identity id.
func NewSessions(id *Identity) *Sessions {
	return &Sessions{
		priv:   secp256k1.PrivKeyFromBytes(crypto.FromECDSA(id.key)),
		public: hex.EncodeToString(crypto.CompressPubkey(&id.key.PublicKey)),
		byKey:  lru.NewBasicLRU[string, *session](maxSessions),
		byAddr: lru.NewBasicLRU[common.Address, *session](maxSessions),
	}
}

// PublicKey is this node's compressed public key in hex: what a peer
// needs to work out the secret they share. Nil Sessions (a node part
// built in a test) have none, and their node signs everything.
func (s *Sessions) PublicKey() string {
	if s == nil {
		return ""
	}
	return s.public
}

// KeyOf returns the public key of the node with address addr, when this
// node has met it (Open or Seal with that key).
func (s *Sessions) KeyOf(addr common.Address) (string, bool) {
	if s == nil {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	se, ok := s.byAddr.Get(addr)
	if !ok {
		return "", false
	}
	return se.key, true
}

// peer returns the session with the node whose compressed public key is
// key (hex), working the secret out the first time; from says whether
// the key's address may take part (checked before any secret is worked
// out or kept).
func (s *Sessions) peer(key string, from func(common.Address) bool) (*session, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: this node keeps no session keys", ErrBadSignature)
	}
	s.mu.Lock()
	se, ok := s.byKey.Get(key)
	s.mu.Unlock()
	if ok {
		if !from(se.addr) {
			return nil, fmt.Errorf("%w: the key is %s's, who may not take part in this message", ErrBadSignature, se.addr.Hex())
		}
		return se, nil
	}
	raw, err := hex.DecodeString(key)
	if err != nil || len(raw) != 33 {
		return nil, fmt.Errorf("%w: peer key is not a compressed public key (66 hex digits)", ErrBadSignature)
	}
	pub, err := secp256k1.ParsePubKey(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: peer key: %w", ErrBadSignature, err)
	}
	addr := crypto.PubkeyToAddress(*pub.ToECDSA())
	if !from(addr) {
		return nil, fmt.Errorf("%w: the key is %s's, who may not take part in this message", ErrBadSignature, addr.Hex())
	}
	// The x coordinate of the shared point, hashed with a label so that
	// the secret serves this use only.
	x := secp256k1.GenerateSharedSecret(s.priv, pub)
	secret := sha256.Sum256(append([]byte("conun-session-v1\x00"), x...))
	se = &session{key: key, addr: addr, secret: secret[:]}
	s.mu.Lock()
	s.byKey.Add(key, se)
	s.byAddr.Add(se.addr, se)
	s.mu.Unlock()
	return se, nil
}

// Seal authenticates msg, for the use named by purpose, to the peer whose
// public key is key, which must be the key of to: only that peer (and this
// node) can make or check the seal.
func (s *Sessions) Seal(key string, to common.Address, purpose string, msg []byte) (string, error) {
	se, err := s.peer(key, func(a common.Address) bool { return a == to })
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(seal(se.secret, purpose, msg)), nil
}

// Open checks mac, a seal over msg for purpose by the peer whose public
// key is key, and returns that peer's address. from says which addresses
// may have sealed it at all (a key of any other is refused before any work
// on it); the caller then compares the address with the one it expects
// (another member's there means that member sealed it).
func (s *Sessions) Open(key string, from func(common.Address) bool, purpose string, msg []byte, mac string) (common.Address, error) {
	se, err := s.peer(key, from)
	if err != nil {
		return common.Address{}, err
	}
	got, err := hex.DecodeString(mac)
	if err != nil || !hmac.Equal(got, seal(se.secret, purpose, msg)) {
		return common.Address{}, fmt.Errorf("%w: the seal is not %s's over this message", ErrBadSignature, se.addr.Hex())
	}
	return se.addr, nil
}

// seal is HMAC-SHA256 under secret of purpose and msg.
func seal(secret []byte, purpose string, msg []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write(msg)
	return m.Sum(nil)
}
