package farm

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// TestRecipientOf: a URL is signed for the member whose RPC URL it is
// under, the longest such (a relayed member's URL starts with its
// gateway's), with the path that member sees; other URLs are not signed.
func TestRecipientOf(t *testing.T) {
	gateway := common.HexToAddress("0x00000000000000000000000000000000000000a1")
	home := common.HexToAddress("0x00000000000000000000000000000000000000b2")
	members := []api.Member{
		{NodeMeta: api.NodeMeta{API: "http://10.0.0.1:7947", Addr: gateway.Hex()}},
		{NodeMeta: api.NodeMeta{API: "http://10.0.0.1:7947/rpc/v1/relay/home", Addr: home.Hex()}},
		{NodeMeta: api.NodeMeta{API: "http://10.0.0.9:7947", Addr: "not an address"}},
	}
	tests := []struct {
		name, url string
		wantOK    bool
		wantTo    common.Address
		wantPath  string
	}{
		{"direct", "http://10.0.0.1:7947/rpc/v1/blobs/ab", true, gateway, "/rpc/v1/blobs/ab"},
		{"relayed", "http://10.0.0.1:7947/rpc/v1/relay/home/rpc/v1/blobs/ab", true, home, "/rpc/v1/blobs/ab"},
		{"another relayed node at the gateway", "http://10.0.0.1:7947/rpc/v1/relay/homer/rpc/v1/blobs/ab", true, gateway, "/rpc/v1/relay/homer/rpc/v1/blobs/ab"},
		{"a port that is no member's", "http://10.0.0.1:79470/rpc/v1/blobs/ab", false, common.Address{}, ""},
		{"a member without a valid address", "http://10.0.0.9:7947/rpc/v1/blobs/ab", false, common.Address{}, ""},
		{"no member", "http://10.0.0.2:7947/rpc/v1/blobs/ab", false, common.Address{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := url.Parse(tc.url)
			to, path, ok := recipientOf(members, u)
			if ok != tc.wantOK || to != tc.wantTo || path != tc.wantPath {
				t.Fatalf("recipientOf(%s) = %s %q %v, want %s %q %v", tc.url, to.Hex(), path, ok, tc.wantTo.Hex(), tc.wantPath, tc.wantOK)
			}
		})
	}
}

// roundTripFunc is an http.RoundTripper from a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestSignedGet: a heartbeat GET signed by its caller for the member it
// knows carries the signature the signing transport would have made (the
// recipient and path recipientOf finds, direct or relayed), which the
// member verifies; the transport sends it as it is, without signing again;
// a member without an address is left to the transport.
func TestSignedGet(t *testing.T) {
	id, err := rpc.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	gateway, _ := rpc.NewIdentity()
	home, _ := rpc.NewIdentity()
	members := []api.Member{
		{NodeMeta: api.NodeMeta{API: "http://10.0.0.1:7947", Addr: gateway.Address().Hex()}},
		{NodeMeta: api.NodeMeta{API: "http://10.0.0.1:7947/rpc/v1/relay/home", Addr: home.Address().Hex()}},
		{NodeMeta: api.NodeMeta{API: "http://10.0.0.9:7947", Addr: "not an address"}},
	}
	c := &coordinator{ident: id}
	const path = "/rpc/v1/tasks/n0nce"
	tests := []struct {
		name   string
		member api.Member
		signed bool
	}{
		{"direct", members[0], true},
		{"relayed", members[1], true},
		{"no address", members[2], false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := c.signedGet(context.Background(), tc.member, path)
			if err != nil {
				t.Fatal(err)
			}
			sig := req.Header.Get(rpc.HeaderSigned)
			if (sig != "") != tc.signed {
				t.Fatalf("signed %q, want signed: %v", sig, tc.signed)
			}
			var sent *http.Request
			tr := &signingTransport{ident: id, members: func() []api.Member { return members },
				base: roundTripFunc(func(r *http.Request) (*http.Response, error) { sent = r; return nil, errors.New("not sent") })}
			tr.RoundTrip(req)
			if tc.signed && sent.Header.Get(rpc.HeaderSigned) != sig {
				t.Fatal("the transport signed a signed request again")
			}
			if !tc.signed {
				return
			}
			to, seen, ok := recipientOf(members, req.URL)
			if !ok || to != common.HexToAddress(tc.member.Addr) || seen != path {
				t.Fatalf("recipientOf = %s %q %v, want %s %q", to.Hex(), seen, ok, tc.member.Addr, path)
			}
			// What the member receives: its own path, the same header.
			got := httptest.NewRequest(http.MethodGet, path, nil)
			got.Header.Set(rpc.HeaderSigned, sig)
			signer, err := rpc.VerifyRequest(got, to, rpc.NewReplayGuard(time.Minute))
			if err != nil || signer != id.Address() {
				t.Fatalf("member's check: signer %s, %v; want %s", signer.Hex(), err, id.Address().Hex())
			}
		})
	}
}
