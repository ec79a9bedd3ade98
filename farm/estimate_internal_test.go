package farm

import (
	"encoding/json"
	"image"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// TestSpread simulates tasks (of 1 pixel, at 1 s a pixel unless a case
// says otherwise) on members, each at its own model's rate.
func TestSpread(t *testing.T) {
	fast := api.Member{NodeMeta: api.NodeMeta{ID: "fast", Cores: 8, Slots: 2, Price: api.MustTokens("0.02")}}
	one := api.Member{NodeMeta: api.NodeMeta{ID: "one", Cores: 4, Slots: 1, Price: api.MustTokens("0.01")}}
	slow := api.Member{NodeMeta: api.NodeMeta{ID: "slow", Cores: 2, Slots: 1, Price: api.MustTokens("0.005")}}
	four := model(4, 1, 0)
	tests := []struct {
		name              string
		tasks             []taskCost
		members           []api.Member
		models            []*memberModel
		wall, render, cpu float64
		cost              string
	}{
		{"nobody", pixels(1, 1), nil, nil, 0, 0, 0, "0"},
		// Three equal slots, four tasks: the fourth waits for the first slot (one's).
		{"equal slots", pixels(1, 1, 1, 1), []api.Member{one, fast}, []*memberModel{four, four}, 2, 4, 16, "0.06"},
		// Four threads on two cores: each task twice as long as alone.
		{"more threads than cores", pixels(1, 1), []api.Member{slow}, []*memberModel{four}, 4, 4, 8, "0.01"},
		// Two nodes on one machine share its 4 cores: each render gets 2 of its 4 threads.
		{"one host", pixels(1, 1), []api.Member{onHost(one, "a"), onHost(one, "b")}, []*memberModel{four, four}, 2, 4, 8, "0.02"},
		{"two hosts", pixels(1, 1), []api.Member{onHost(one, "a"), onHost(one, "c")}, []*memberModel{four, four}, 1, 2, 8, "0.02"},
		// Not sampled: the scene's setup (1) once, another frame's (0.5)
		// once per frame: frames 1, 1, 2, 3 on one slot.
		{"setups", []taskCost{{1, 1, 0}, {1, 1, 0}, {1, 2, 0}, {1, 3, 0}}, []api.Member{one}, []*memberModel{cold(model(4, 1, 0.5))}, 6, 6, 24, "0.04"},
		// Sampled on frames 1 and 3: those are warm, frame 2 is not.
		{"warm frames", []taskCost{{1, 1, 0}, {1, 1, 0}, {1, 2, 0}, {1, 3, 0}}, []api.Member{one}, []*memberModel{model(4, 1, 0.5)}, 4.5, 4.5, 18, "0.04"},
		// Each member at its own rate: the slow one (3 s a pixel) takes one task, the fast two.
		{"own rates", pixels(1, 1, 1), []api.Member{onHost(one, "a"), onHost(one, "c")}, []*memberModel{model(1, 1, 0), model(1, 3, 0)}, 3, 5, 5, "0.03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := spread(tc.tasks, tc.members, tc.models, pixelRate.mean, false)
			if r.wall != tc.wall || r.renderSeconds != tc.render || r.cpuSeconds != tc.cpu {
				t.Errorf("wall %v, render %v, cpu %v; want %v, %v, %v", r.wall, r.renderSeconds, r.cpuSeconds, tc.wall, tc.render, tc.cpu)
			}
			if got := api.TokensFromWei(r.cost).String(); got != tc.cost && !(tc.cost == "0" && r.cost.Cmp(new(big.Int)) == 0) {
				t.Errorf("cost %s, want %s", got, tc.cost)
			}
		})
	}
}

// TestFillUnsampled: a member not sampled renders at the sampled ones'
// mean CPU time a pixel over its cores, in a range wider than theirs.
func TestFillUnsampled(t *testing.T) {
	a, b := model(2, 1, 0.5), model(1, 4, 0.1) // 2 and 4 CPU-seconds a pixel
	members := []api.Member{{NodeMeta: api.NodeMeta{ID: "a"}}, {NodeMeta: api.NodeMeta{ID: "b"}}, {NodeMeta: api.NodeMeta{ID: "c", Cores: 6}}}
	models := []*memberModel{a, b, nil}
	fillUnsampled(models, members, nonNil(models))
	c := models[2]
	if c == nil || !c.predicted || c.threads != 6 || c.rates[0].mean() != 0.5 || c.frameSetup != 0.3 || c.sceneSetup != 0.6 || c.warm != nil {
		t.Fatalf("predicted %+v; want 6 threads, 0.5 s a pixel (3 CPU-seconds over 6), setups 0.6 and 0.3, no frame warm", c)
	}
	if lo, hi := c.rates[0].least(), c.rates[0].most(); math.Abs(lo-2.0/6*0.75) > 1e-12 || math.Abs(hi-4.0/6*1.25) > 1e-12 {
		t.Errorf("range %v to %v; want the sampled range over 6 cores, widened by %v", lo, hi, unsampledSpread)
	}
	if models[0] != a || models[1] != b {
		t.Error("the sampled models changed")
	}
}

// TestSampleRequestBounds: a member refuses windows outside the frame,
// larger than a crop, or more pixels than a request may ask for.
func TestSampleRequestBounds(t *testing.T) {
	crop := image.Rect(0, 0, estimateCrop, estimateCrop)
	many := make([]SampleWindow, maxSampleWindows+1)
	for i := range many {
		many[i] = SampleWindow{Frame: 1, Rect: image.Rect(0, 0, 1, 1)}
	}
	full := make([]SampleWindow, maxSampleWindows)
	for i := range full {
		full[i] = SampleWindow{Frame: 1, Rect: crop}
	}
	tests := []struct {
		name    string
		windows []SampleWindow
		want    string // "" for accepted
	}{
		{"a crop", []SampleWindow{{1, crop}}, ""},
		{"the most a request may ask", full, ""},
		{"none", nil, "0 windows"},
		{"too many", many, "17 windows"},
		{"larger than a crop", []SampleWindow{{1, image.Rect(0, 0, estimateCrop+1, 4)}}, "at most 32x32"},
		{"outside the frame", []SampleWindow{{1, image.Rect(315, 0, 325, 10)}}, "inside the 320x240 frame"},
		{"empty", []SampleWindow{{1, image.Rect(5, 5, 5, 9)}}, "non-empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := SampleRequest{Windows: tc.windows}.check(320, 240)
			if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}
}

// TestSampleLimits: a requester's sample pixels come from its own budget,
// refilled at samplePixelRate.
func TestSampleLimits(t *testing.T) {
	var l sampleLimits
	now := time.Unix(1000, 0)
	a, b := common.HexToAddress("0xa"), common.HexToAddress("0xb")
	for i := range sampleBurst / maxSamplePixels {
		if !l.allow(a, maxSamplePixels, now) {
			t.Fatalf("request %d of a burst refused", i+1)
		}
	}
	if l.allow(a, maxSamplePixels, now) {
		t.Fatal("a request past the burst was allowed")
	}
	if !l.allow(b, maxSamplePixels, now) {
		t.Fatal("another requester was refused: budgets are per requester")
	}
	refill := float64(maxSamplePixels) / samplePixelRate // seconds
	later := now.Add(time.Duration(refill*float64(time.Second)) + time.Second)
	if !l.allow(a, maxSamplePixels, later) {
		t.Fatal("a request after the budget refilled was refused")
	}
}

// model is a member rendering with threads at rate seconds a pixel of its
// one sampled frame, with no fixed cost, frameSetup a frame and twice that
// for the scene, sampled on frames 1 and 3.
func model(threads, rate, frameSetup float64) *memberModel {
	return &memberModel{threads: threads, cores: threads, sceneSetup: 2 * frameSetup, frameSetup: frameSetup,
		warm: map[int]bool{1: true, 3: true}, rates: []pixelRate{{sum: rate, lo: rate, hi: rate, n: 1}}}
}

// cold is m not sampled: nothing warm.
func cold(m *memberModel) *memberModel {
	m.warm = nil
	return m
}

// pixels are tasks of frame 1 of these pixels.
func pixels(p ...float64) []taskCost {
	out := make([]taskCost, len(p))
	for i, v := range p {
		out[i] = taskCost{pixels: v, frame: 1}
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

// FuzzSampleRequest: whatever a requester sends, a member's check never
// panics, and what it accepts stays within the frame and the bounds.
func FuzzSampleRequest(f *testing.F) {
	f.Add([]byte(`{"windows":[{"frame":1,"rect":{"Min":{"X":0,"Y":0},"Max":{"X":32,"Y":32}}}]}`), 64, 48)
	f.Add([]byte(`{"windows":[{"frame":1,"rect":{"Min":{"X":-5,"Y":0},"Max":{"X":1,"Y":1}}}]}`), 64, 48)
	f.Add([]byte(`{"windows":null}`), 0, 0)
	f.Fuzz(func(t *testing.T, data []byte, w, h int) {
		var req SampleRequest
		if json.Unmarshal(data, &req) != nil {
			return
		}
		if req.check(w, h) != nil {
			return
		}
		if len(req.Windows) > maxSampleWindows || req.pixels() > maxSamplePixels {
			t.Fatalf("accepted %d windows, %d pixels", len(req.Windows), req.pixels())
		}
		for _, win := range req.Windows {
			if win.Rect.Empty() || !win.Rect.In(image.Rect(0, 0, w, h)) {
				t.Fatalf("accepted window %v outside %dx%d", win.Rect, w, h)
			}
		}
	})
}

// TestSampleWindowsInRegion: an estimate of a job with a render region
// samples the region alone, its first-task probe included (a worker
// refuses a window outside the job's region).
func TestSampleWindowsInRegion(t *testing.T) {
	for _, area := range []image.Rectangle{image.Rect(0, 0, 160, 90), image.Rect(48, 18, 115, 77), image.Rect(150, 80, 153, 82)} {
		l := newSampleLayout(area, []int{1, 2, 3}, []int{0, 2})
		if len(l.windows) < 3 {
			t.Fatalf("%v: %d windows", area, len(l.windows))
		}
		for _, w := range l.windows {
			if w.Rect.Empty() || !w.Rect.In(area) {
				t.Errorf("window %v of frame %d lies outside %v", w.Rect, w.Frame, area)
			}
			task := renderer.Task{Width: 160, Height: 90, Samples: 1, Region: w.Rect, Area: area}
			if err := task.Validate(); err != nil {
				t.Error(err)
			}
		}
	}
}
