package farm

import (
	"testing"

	"github.com/conun/conun/farm/rpc"
)

// TestWayAnswer: a node takes a coordinator's run of its faults only as
// that coordinator's word, to this node, in answer to this request, and
// only for the relay URL it is at now: anything else from the way (a
// gateway in front of a coordinator behind NAT, say) could make it leave
// a good gateway, or stay at a bad one.
func TestWayAnswer(t *testing.T) {
	coord, _ := rpc.NewIdentity()
	other, _ := rpc.NewIdentity()
	node, _ := rpc.NewIdentity()
	const relay, nonce = "http://10.0.0.1:7947/rpc/v1/relay/nat", "n1"
	signed := func(by *rpc.Identity, to *rpc.Identity, api string, faults int, nonce string) wayAnswer {
		sig, err := by.Sign(wayMessage(by.Address(), to.Address(), api, faults, nonce))
		if err != nil {
			t.Fatal(err)
		}
		return wayAnswer{API: api, Faults: faults, Sig: sig}
	}
	raised := signed(coord, node, relay, 0, nonce)
	raised.Faults = 5
	moved := signed(coord, node, relay, 3, nonce)
	moved.API = "http://10.0.0.2:7947/rpc/v1/relay/nat"
	for _, tc := range []struct {
		name   string
		a      wayAnswer
		want   int
		refuse bool
	}{
		{"its word", signed(coord, node, relay, 3, nonce), 3, false},
		{"none", signed(coord, node, relay, 0, nonce), 0, false},
		{"counted at another gateway", signed(coord, node, "http://10.0.0.2:7947/rpc/v1/relay/nat", 3, nonce), 0, false},
		{"below zero", signed(coord, node, relay, -1, nonce), 0, false},
		{"another's word", signed(other, node, relay, 3, nonce), 0, true},
		{"to another node", signed(coord, other, relay, 3, nonce), 0, true},
		{"an old answer", signed(coord, node, relay, 3, "n0"), 0, true},
		{"raised on the way", raised, 0, true},
		{"moved on the way", moved, 0, true},
		{"no signature", wayAnswer{API: relay, Faults: 3}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.a.faultsAt(coord.Address(), node.Address(), nonce, relay)
			if (err != nil) != tc.refuse || got != tc.want {
				t.Errorf("faults %d, err %v; want %d, refused %v", got, err, tc.want, tc.refuse)
			}
		})
	}
}
