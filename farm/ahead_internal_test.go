package farm

import (
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestLeaseRoom: a member's room for leases is its free slots plus the
// leases it takes ahead, which count for at most its slots whatever it
// gossips (a member claiming a thousand does not draw a job's tasks).
func TestLeaseRoom(t *testing.T) {
	tests := []struct {
		name                   string
		slots, ahead, inflight int
		want                   int
	}{
		{"direct, idle", 2, 0, 0, 2},
		{"direct, full", 2, 0, 2, 0},
		{"behind NAT, rendering", 1, 1, 1, 1},
		{"behind NAT, one ahead", 1, 1, 2, 0},
		{"ahead capped at slots", 2, 1000, 0, 4},
		{"negative ahead is none", 2, -5, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := api.Member{NodeMeta: api.NodeMeta{Slots: tc.slots, Ahead: tc.ahead}}
			if got := leaseRoom(m, tc.inflight); got != tc.want {
				t.Errorf("leaseRoom(%d slots, %d ahead, %d in flight) = %d, want %d", tc.slots, tc.ahead, tc.inflight, got, tc.want)
			}
		})
	}
}
