package rpc

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSignedRequest: a request verifies once, for its recipient, method and
// path; anything else is a clear error.
func TestSignedRequest(t *testing.T) {
	signer, _ := NewIdentity()
	recipient, _ := NewIdentity()
	other, _ := NewIdentity()
	const path = "/rpc/v1/blobs/abc"
	sign := func(method, signedPath string, to *Identity) *http.Request {
		req, _ := http.NewRequest(method, "http://node"+path, nil)
		if err := signer.SignRequest(req, signedPath, to.Address()); err != nil {
			t.Fatal(err)
		}
		return req
	}
	tests := []struct {
		name    string
		req     *http.Request
		wantErr error
	}{
		{"good", sign("GET", path, recipient), nil},
		{"another recipient", sign("GET", path, other), ErrBadSignature},
		{"another path", sign("GET", "/rpc/v1/blobs/abd", recipient), ErrBadSignature},
		{"another method", func() *http.Request { r := sign("POST", path, recipient); r.Method = "GET"; return r }(), ErrBadSignature},
		{"unsigned", func() *http.Request { r, _ := http.NewRequest("GET", "http://node"+path, nil); return r }(), ErrBadSignature},
	}
	g := NewReplayGuard(time.Minute)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := VerifyRequest(tc.req, recipient.Address(), g)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err %v, want %v", err, tc.wantErr)
			}
			if err == nil && got != signer.Address() {
				t.Fatalf("signer %s, want %s", got.Hex(), signer.Address().Hex())
			}
		})
	}
	replay := sign("GET", path, recipient)
	if _, err := VerifyRequest(replay, recipient.Address(), g); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyRequest(replay, recipient.Address(), g); !errors.Is(err, ErrReplay) {
		t.Fatalf("replayed: err %v, want ErrReplay", err)
	}
}

// TestParseRequestSig: every field once, addresses and times that parse.
func TestParseRequestSig(t *testing.T) {
	const a = "0x00000000000000000000000000000000000000aa"
	good := "signer=" + a + ",to=" + a + ",t=1,nonce=n,sig=00"
	tests := []struct {
		name, header, wantErr string
	}{
		{"good", good, ""},
		{"missing field", "signer=" + a + ",to=" + a + ",t=1,nonce=n", "needs signer"},
		{"repeated field", good + ",t=2", "repeats"},
		{"unknown field", good + ",x=1", "unknown field"},
		{"bad address", strings.Replace(good, "signer="+a, "signer=0x12", 1), "not an address"},
		{"bad time", strings.Replace(good, "t=1", "t=soon", 1), "not milliseconds"},
		{"no equals", "signer", "not key=value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRequestSig(tc.header)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// FuzzParseRequestSig: no header panics the parser, and what parses prints
// back to a header that parses the same.
func FuzzParseRequestSig(f *testing.F) {
	f.Add("signer=0x00000000000000000000000000000000000000aa,to=0x00000000000000000000000000000000000000bb,t=1733300000000,nonce=0a1b2c,sig=00ff")
	f.Add("signer=,to=,t=,nonce=,sig=")
	f.Fuzz(func(t *testing.T, header string) {
		s, err := ParseRequestSig(header)
		if err != nil {
			return
		}
		back, err := ParseRequestSig(s.String())
		if err != nil || back != s {
			t.Fatalf("%q parsed to %+v, printed %q, parsed back to %+v, %v", header, s, s.String(), back, err)
		}
	})
}

// BenchmarkSignedRequest: what signing and checking one request costs.
func BenchmarkSignedRequest(b *testing.B) {
	signer, _ := NewIdentity()
	recipient, _ := NewIdentity()
	g := NewReplayGuard(time.Minute)
	for b.Loop() {
		req, _ := http.NewRequest("GET", "http://node/rpc/v1/blobs/abc", nil)
		if err := signer.SignRequest(req, req.URL.Path, recipient.Address()); err != nil {
			b.Fatal(err)
		}
		if _, err := VerifyRequest(req, recipient.Address(), g); err != nil {
			b.Fatal(err)
		}
	}
}
