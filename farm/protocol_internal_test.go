package farm

import (
	"slices"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestSameProtocol: only members of the given protocol are kept; a member
// of a release from before the protocol was gossiped speaks 0.
func TestSameProtocol(t *testing.T) {
	member := func(id string, proto int) api.Member {
		return api.Member{NodeMeta: api.NodeMeta{ID: id, Proto: proto}}
	}
	ids := func(ms []api.Member) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	all := []api.Member{member("old", 0), member("a", Protocol), member("newer", Protocol+1), member("b", Protocol)}
	for _, tc := range []struct {
		proto int
		want  []string
	}{
		{Protocol, []string{"a", "b"}},
		{0, []string{"old"}},
		{Protocol + 1, []string{"newer"}},
		{Protocol + 2, nil},
	} {
		if got := ids(sameProtocol(slices.Clone(all), tc.proto)); !slices.Equal(got, tc.want) {
			t.Errorf("protocol %d: kept %v, want %v", tc.proto, got, tc.want)
		}
	}
}
