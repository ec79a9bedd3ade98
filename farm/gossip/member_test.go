package gossip

import (
	"encoding/json"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/hashicorp/memberlist"
)

// TestMember: a member's metadata is taken with its RPC address in
// canonical form, and refused when the address is not a host and port or
// relays another node; refusals are reported once per metadata.
func TestMember(t *testing.T) {
	tests := []struct {
		name, id, api string
		want          string // canonical API; "" for a refusal
		wantErr       error
	}{
		{"host and port", "n1", "http://127.0.0.1:7000", "http://127.0.0.1:7000", nil},
		{"hostname", "n1", "http://Farm.Example:7000", "http://farm.example:7000", nil},
		{"own relay", "n1", "http://10.0.0.1:7000/rpc/v1/relay/n1", "http://10.0.0.1:7000/rpc/v1/relay/n1", nil},
		{"another's relay", "n1", "http://10.0.0.1:7000/rpc/v1/relay/n2", "", rpcaddr.ErrBad},
		{"path and query", "n1", "http://127.0.0.1:7000/internal/admin?confirm=yes", "", rpcaddr.ErrBad},
		{"userinfo", "n1", "http://a:b@127.0.0.1:7000", "", rpcaddr.ErrBad},
		{"no farm metadata", "n1", "", "", errNoMeta},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			meta, _ := json.Marshal(api.NodeMeta{ID: tc.id, API: tc.api})
			m, err := member(&memberlist.Node{Name: tc.id, Meta: meta, Addr: net.IPv4(127, 0, 0, 1), Port: 7946})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got %+v, %v; want %v", m, err, tc.wantErr)
				}
				return
			}
			if err != nil || m.API != tc.want {
				t.Fatalf("got %q, %v; want %q", m.API, err, tc.want)
			}
		})
	}
	var told []string
	r := refusals{report: func(name, addr string, err error) { told = append(told, name+" "+err.Error()) }}
	meta, _ := json.Marshal(api.NodeMeta{ID: "evil", API: "http://127.0.0.1:1/x"})
	n := &memberlist.Node{Name: "evil", Meta: meta}
	for range 3 {
		_, err := member(n)
		r.note(n, err)
	}
	if len(told) != 1 || !strings.Contains(told[0], "evil") {
		t.Fatalf("reported %q, want once", told)
	}
}
