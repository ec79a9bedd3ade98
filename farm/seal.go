package farm

import (
	"net/http"

	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// A lease, its answer and the answer's log are signed the first time two
// nodes deal with each other, and sealed under their session key
// (rpc.Sessions) once each knows the other's public key: a coordinator
// learns a worker's from its first sealed answer, a worker learns a
// coordinator's from every lease (TaskRequest.Key, taken only as the key
// of the lease's coordinator). A node part built without sessions (in a
// test) sends no key and is signed to and signs as before. A worker of a
// release before sessions refuses a lease that names a key (an unknown
// field): the nodes of a cluster run one release. The EIP-712 result and
// check signatures, which are what anyone else is shown, are never
// replaced, and a kept lease is kept without its seal (dispute.go).

// Headers of a sealed answer: the worker's public key, and its seals
// over the result message and over the log.
const (
	headerKey     = "X-Conun-Key"
	headerSeal    = "X-Conun-Seal"
	headerLogSeal = "X-Conun-Log-Seal"
)

// What a seal is for: a seal made for one cannot pass for another.
const (
	sealLease  = "lease"
	sealResult = "result"
	sealLog    = "log"
	// sealProgress covers a heartbeat's answer (progressMessage).
	sealProgress = "progress"
	// sealFailure covers a failed task's answer (failureMessage).
	sealFailure = "failure"
	// sealFetched covers a heartbeat's scene bytes (fetchedMessage).
	sealFetched = "fetched"
)

// vouch puts the node's word for msg on h: its seal in sealHeader when
// peerKey, the public key of peer, the node it answers, is known, else its
// signature in sigHeader.
func vouch(h http.Header, ident *rpc.Identity, s *rpc.Sessions, peerKey string, peer common.Address, purpose string, msg []byte, sigHeader, sealHeader string) error {
	if peerKey != "" && s != nil {
		if seal, err := s.Seal(peerKey, peer, purpose, msg); err == nil {
			h.Set(headerKey, s.PublicKey())
			h.Set(sealHeader, seal)
			return nil
		}
		// A key that is no public key, or not the peer's, was the
		// sender's own mistake: the signature still answers it.
	}
	sig, err := ident.Sign(msg)
	if err != nil {
		return err
	}
	h.Set(sigHeader, sig)
	return nil
}

// voucher returns the address of the node whose word for msg h carries:
// the sealer's (one of those from accepts), or the signer's. The caller
// compares it with the node it expects.
func voucher(h http.Header, s *rpc.Sessions, from func(common.Address) bool, purpose string, msg []byte, sigHeader, sealHeader string) (common.Address, error) {
	if seal := h.Get(sealHeader); seal != "" {
		return s.Open(h.Get(headerKey), from, purpose, msg, seal)
	}
	return rpc.Signer(msg, h.Get(sigHeader))
}

// wordOf checks that h carries the word (seal or signature) of the node at
// addr for msg.
func wordOf(h http.Header, s *rpc.Sessions, addr common.Address, purpose string, msg []byte, sigHeader, sealHeader string) error {
	from, err := voucher(h, s, func(a common.Address) bool { return a == addr }, purpose, msg, sigHeader, sealHeader)
	if err != nil {
		return err
	}
	return rpc.CheckSender(from, addr)
}
