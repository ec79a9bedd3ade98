package farm

import (
	"image"
	"math/big"
	"slices"
	"testing"

	"github.com/conun/conun/farm/api"
)

func TestSpread(t *testing.T) {
	fast := api.Member{NodeMeta: api.NodeMeta{ID: "fast", Cores: 8, Slots: 2, Price: api.MustTokens("0.02")}}
	one := api.Member{NodeMeta: api.NodeMeta{ID: "one", Cores: 4, Slots: 1, Price: api.MustTokens("0.01")}}
	slow := api.Member{NodeMeta: api.NodeMeta{ID: "slow", Cores: 2, Slots: 1, Price: api.MustTokens("0.005")}}
	tests := []struct {
		name              string
		tasks             []taskCost
		members           []api.Member
		local             float64
		wall, render, cpu float64
		cost              string
	}{
		{"nobody", secs(1, 1), nil, 4, 0, 0, 0, "0"},
		// Three equal slots, four tasks: the fourth waits for the first slot (one's).
		{"equal slots", secs(1, 1, 1, 1), []api.Member{one, fast}, 4, 2, 4, 16, "0.06"},
		// Half the cores a slot: each task twice as long there.
		{"slower member", secs(1, 1), []api.Member{slow}, 4, 4, 4, 8, "0.01"},
		// Sampled on a node whose slot has 2 cores; a member with 4 a slot halves it.
		{"faster member", secs(2), []api.Member{one}, 2, 1, 1, 4, "0.01"},
		// Two nodes on one machine share its 4 cores: 2 a slot.
		{"one host", secs(1, 1), []api.Member{onHost(one, "a"), onHost(one, "b")}, 4, 2, 4, 8, "0.02"},
		// The setup of a frame once per member: frames 1, 1, 2 on one slot.
		{"frame setups", []taskCost{{1, 0.5, 1}, {1, 0.5, 1}, {1, 0.5, 2}}, []api.Member{one}, 4, 4, 4, 16, "0.03"},
		{"two hosts", secs(1, 1), []api.Member{onHost(one, "a"), onHost(one, "c")}, 4, 1, 2, 8, "0.02"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := spread(tc.tasks, tc.members, tc.local)
			if r.wall != tc.wall || r.renderSeconds != tc.render || r.cpuSeconds != tc.cpu {
				t.Errorf("wall %v, render %v, cpu %v; want %v, %v, %v", r.wall, r.renderSeconds, r.cpuSeconds, tc.wall, tc.render, tc.cpu)
			}
			if got := api.TokensFromWei(r.cost).String(); got != tc.cost && !(tc.cost == "0" && r.cost.Cmp(new(big.Int)) == 0) {
				t.Errorf("cost %s, want %s", got, tc.cost)
			}
		})
	}
}

// secs are tasks of frame 1 taking these seconds, with no setup.
func secs(s ...float64) []taskCost {
	out := make([]taskCost, len(s))
	for i, v := range s {
		out[i] = taskCost{seconds: v, frame: 1}
	}
	return out
}

// onHost is m as node id on the machine of the test's host name.
func onHost(m api.Member, id string) api.Member {
	m.ID = id
	m.API = map[string]string{"a": "http://10.0.0.1:7947", "b": "http://10.0.0.1:7948", "c": "http://10.0.0.2:7947"}[id]
	return m
}

func TestSampleFrames(t *testing.T) {
	tests := []struct {
		n    int
		want []int
	}{
		{1, []int{0}},
		{2, []int{0, 1}},
		{3, []int{0, 1, 2}},
		{10, []int{0, 4, 9}},
	}
	for _, tc := range tests {
		if got := sampleFrames(tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("sampleFrames(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestCropAt(t *testing.T) {
	tests := []struct {
		w, h int
		at   [2]float64
		want image.Rectangle
	}{
		{128, 96, [2]float64{0.5, 0.5}, image.Rect(48, 32, 80, 64)},
		{128, 96, [2]float64{0.25, 0.25}, image.Rect(16, 8, 48, 40)},
		{40, 40, [2]float64{0.75, 0.75}, image.Rect(8, 8, 40, 40)}, // kept inside
		{16, 8, [2]float64{0.5, 0.5}, image.Rect(0, 0, 16, 8)},     // a frame smaller than a crop
		{1, 1, [2]float64{0.75, 0.25}, image.Rect(0, 0, 1, 1)},
	}
	for _, tc := range tests {
		got := cropAt(tc.w, tc.h, tc.at)
		if got != tc.want || !got.In(image.Rect(0, 0, tc.w, tc.h)) {
			t.Errorf("cropAt(%d, %d, %v) = %v, want %v", tc.w, tc.h, tc.at, got, tc.want)
		}
	}
}
