package tiler

import (
	"errors"
	"image"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		parse   func() (any, error)
		want    any
		wantErr string
	}{
		{"grid", func() (any, error) { return ParseGrid("4x3") }, Grid{4, 3}, ""},
		{"grid upper X", func() (any, error) { return ParseGrid("2X2") }, Grid{2, 2}, ""},
		{"grid zero cols", func() (any, error) { return ParseGrid("0x3") }, nil, "columns must be >= 1"},
		{"grid zero rows", func() (any, error) { return ParseGrid("3x0") }, nil, "rows must be >= 1"},
		{"grid huge", func() (any, error) { return ParseGrid("65x1") }, nil, "at most 64"},
		{"grid garbage", func() (any, error) { return ParseGrid("four") }, nil, "want COLSxROWS"},
		{"res", func() (any, error) { return ParseResolution("320x240") }, Resolution{320, 240}, ""},
		{"res zero", func() (any, error) { return ParseResolution("0x0") }, nil, "must be >= 1"},
		{"res negative", func() (any, error) { return ParseResolution("-5x10") }, nil, "must be >= 1"},
		{"res huge", func() (any, error) { return ParseResolution("100000x10") }, nil, "must be <= 16384"},
		{"frames range", func() (any, error) { return ParseFrames("1-24") }, Frames{1, 24, 1}, ""},
		{"frames single", func() (any, error) { return ParseFrames("7") }, Frames{7, 7, 1}, ""},
		{"frames step", func() (any, error) { return ParseFrames("1-10:3") }, Frames{1, 10, 3}, ""},
		{"frames reversed", func() (any, error) { return ParseFrames("5-2") }, nil, "end is before start"},
		{"frames zero", func() (any, error) { return ParseFrames("0-2") }, nil, "frames start at 1"},
		{"frames bad step", func() (any, error) { return ParseFrames("1-2:0") }, nil, "step must be >= 1"},
		{"frames garbage", func() (any, error) { return ParseFrames("a-b") }, nil, "want A, A-B"},
		{"region", func() (any, error) { return ParseRegion("0,0,16,8") }, image.Rect(0, 0, 16, 8), ""},
		{"region empty", func() (any, error) { return ParseRegion("4,4,4,8") }, nil, "0 <= x0 < x1"},
		{"region short", func() (any, error) { return ParseRegion("1,2,3") }, nil, "want x0,y0,x1,y1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.parse()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				if !errors.Is(err, ErrBadSpec) {
					t.Fatalf("err = %v does not wrap ErrBadSpec", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFramesList(t *testing.T) {
	got := Frames{Start: 1, End: 10, Step: 3}.List()
	want := []int{1, 4, 7, 10}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestSplitCoversOnce checks that tiles cover every pixel exactly once, for
// even and uneven grids and grids finer than the frame.
func TestSplitCoversOnce(t *testing.T) {
	tests := []struct {
		res  Resolution
		grid Grid
		n    int
	}{
		{Resolution{64, 48}, Grid{1, 1}, 1},
		{Resolution{64, 48}, Grid{2, 2}, 4},
		{Resolution{64, 48}, Grid{3, 2}, 6},
		{Resolution{64, 48}, Grid{4, 4}, 16},
		{Resolution{65, 47}, Grid{7, 5}, 35},
		{Resolution{3, 2}, Grid{8, 8}, 6},
	}
	for _, tc := range tests {
		t.Run(tc.res.String()+"/"+tc.grid.String(), func(t *testing.T) {
			tiles := Split(tc.res, tc.grid)
			if len(tiles) != tc.n {
				t.Fatalf("%d tiles, want %d", len(tiles), tc.n)
			}
			count := make([]int, tc.res.Width*tc.res.Height)
			for _, r := range tiles {
				if r.Empty() {
					t.Fatalf("empty tile %v", r)
				}
				for y := r.Min.Y; y < r.Max.Y; y++ {
					for x := r.Min.X; x < r.Max.X; x++ {
						count[y*tc.res.Width+x]++
					}
				}
			}
			for i, c := range count {
				if c != 1 {
					t.Fatalf("pixel %d covered %d times", i, c)
				}
			}
		})
	}
}

func FuzzParseFrames(f *testing.F) {
	for _, s := range []string{"1-24", "3", "1-10:2", "", "-", "1-:", "9999999999999999999-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fr, err := ParseFrames(s)
		if err != nil {
			return
		}
		if fr.Validate() != nil {
			t.Fatalf("ParseFrames(%q) = %v accepted an invalid range", s, fr)
		}
	})
}

func FuzzParseGrid(f *testing.F) {
	for _, s := range []string{"4x4", "0x3", "x", "1x", "64x64"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGrid(s)
		if err != nil {
			return
		}
		if len(Split(Resolution{16, 16}, g)) == 0 {
			t.Fatalf("grid %v split into no tiles", g)
		}
	})
}
