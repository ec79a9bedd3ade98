package rpc

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// HeaderSigned carries the signature of a node-to-node HTTP request that
// has no signed body (a GET): who made it, for whom, when, and a nonce.
const HeaderSigned = "X-Conun-Signed"

// RequestSig is what a signed request's HeaderSigned says.
type RequestSig struct {
	Signer    common.Address
	Recipient common.Address
	UnixMilli int64
	Nonce     string
	Sig       string
}

// message is what is signed: the request's method and path as its
// recipient routes them, the time, the nonce and the recipient, so a
// request is good once, for one node, for one resource.
func (s RequestSig) message(method, path string) []byte {
	return fmt.Appendf(nil, "conun request\n%s\n%s\n%d\n%s\n%s", method, path, s.UnixMilli, s.Nonce, s.Recipient.Hex())
}

// String is the header's value.
func (s RequestSig) String() string {
	return fmt.Sprintf("signer=%s,to=%s,t=%d,nonce=%s,sig=%s", s.Signer.Hex(), s.Recipient.Hex(), s.UnixMilli, s.Nonce, s.Sig)
}

// SignRequest signs req for recipient. path is the path the recipient sees:
// a request relayed by a gateway carries the gateway's prefix in its URL.
func (id *Identity) SignRequest(req *http.Request, path string, recipient common.Address) error {
	s := RequestSig{Signer: id.addr, Recipient: recipient, UnixMilli: time.Now().UnixMilli(), Nonce: NewNonce()}
	sig, err := id.Sign(s.message(req.Method, path))
	if err != nil {
		return err
	}
	s.Sig = sig
	req.Header.Set(HeaderSigned, s.String())
	return nil
}

// ParseRequestSig reads a HeaderSigned value; every field is required once.
func ParseRequestSig(v string) (RequestSig, error) {
	var s RequestSig
	seen := make(map[string]bool)
	for _, field := range strings.Split(v, ",") {
		key, val, ok := strings.Cut(field, "=")
		if !ok || seen[key] {
			return RequestSig{}, fmt.Errorf("%w: %s: field %q is not key=value, or repeats", ErrBadSignature, HeaderSigned, field)
		}
		seen[key] = true
		switch key {
		case "signer", "to":
			if !common.IsHexAddress(val) {
				return RequestSig{}, fmt.Errorf("%w: %s: %s %q is not an address", ErrBadSignature, HeaderSigned, key, val)
			}
			if key == "signer" {
				s.Signer = common.HexToAddress(val)
			} else {
				s.Recipient = common.HexToAddress(val)
			}
		case "t":
			t, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return RequestSig{}, fmt.Errorf("%w: %s: time %q is not milliseconds", ErrBadSignature, HeaderSigned, val)
			}
			s.UnixMilli = t
		case "nonce":
			s.Nonce = val
		case "sig":
			s.Sig = val
		default:
			return RequestSig{}, fmt.Errorf("%w: %s: unknown field %q", ErrBadSignature, HeaderSigned, key)
		}
	}
	if len(seen) != 5 {
		return RequestSig{}, fmt.Errorf("%w: %s needs signer, to, t, nonce and sig", ErrBadSignature, HeaderSigned)
	}
	return s, nil
}

// VerifyRequest checks r's HeaderSigned: signed over r's method and path
// for recipient, fresh and never seen by guard. It returns the signer.
func VerifyRequest(r *http.Request, recipient common.Address, guard *ReplayGuard) (common.Address, error) {
	v := r.Header.Get(HeaderSigned)
	if v == "" {
		return common.Address{}, fmt.Errorf("%w: the request is not signed (%s)", ErrBadSignature, HeaderSigned)
	}
	s, err := ParseRequestSig(v)
	if err != nil {
		return common.Address{}, err
	}
	if s.Recipient != recipient {
		return common.Address{}, fmt.Errorf("%w: signed for %s, not for this node (%s)", ErrBadSignature, s.Recipient.Hex(), recipient.Hex())
	}
	// The signature first: a forger must not use up nonces.
	if err := Verify(s.message(r.Method, r.URL.Path), s.Sig, s.Signer); err != nil {
		return common.Address{}, err
	}
	if err := guard.Check(s.UnixMilli, s.Nonce); err != nil {
		return common.Address{}, err
	}
	return s.Signer, nil
}
