package farm

import (
	"errors"
	"fmt"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestGatewayFaults: the run of a NATed member's answers that came through
// its gateway without its word grows with each such answer, survives what
// is nobody's word (busy, over a cap), ends with the member's own word (a
// tile accepted, a failure it signed), is kept by relay URL (a member at a
// new gateway starts afresh), and is never kept for a member reached
// directly.
func TestGatewayFaults(t *testing.T) {
	nat := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.1:7947/rpc/v1/relay/nat"}}
	moved := api.Member{NodeMeta: api.NodeMeta{ID: "nat", API: "http://10.0.0.2:7947/rpc/v1/relay/nat"}}
	direct := api.Member{NodeMeta: api.NodeMeta{ID: "direct", API: "http://10.0.0.3:7947"}}
	altered := onTheWay(nat, errors.New("bad signature"))
	signed := fmt.Errorf("500 Internal Server Error: out of memory")
	for _, tc := range []struct {
		name string
		m    api.Member
		errs []error
		want int
	}{
		{"altered twice", nat, []error{altered, altered}, 2},
		{"busy between", nat, []error{altered, errBusy, fmt.Errorf("%w: full", errOverCap), altered}, 2},
		{"a tile accepted", nat, []error{altered, altered, nil}, 0},
		{"a failure it signed", nat, []error{altered, signed}, 0},
		{"again after its word", nat, []error{altered, nil, altered}, 1},
		{"reached directly", direct, []error{onTheWay(direct, errors.New("bad signature")), errors.New("bad signature")}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var g gatewayFaults
			for _, err := range tc.errs {
				g.observe(tc.m, err)
			}
			if got := g.of(tc.m); got != tc.want {
				t.Errorf("run %d, want %d", got, tc.want)
			}
			if tc.m.API == nat.API && g.of(moved) != 0 {
				t.Errorf("the member at its new gateway has a run of %d, want 0", g.of(moved))
			}
		})
	}
}
