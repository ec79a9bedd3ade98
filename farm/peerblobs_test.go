package farm

import (
	"net/url"
	"testing"

	"github.com/conun/conun/farm/api"
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
