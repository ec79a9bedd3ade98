package tiler

import (
	"errors"
	"fmt"
	"image"
	"slices"
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
		{"frames from zero", func() (any, error) { return ParseFrames("0-2") }, Frames{Start: 0, End: 2, Step: 1}, ""},
		{"frames negative", func() (any, error) { f := Frames{Start: -1, End: 2, Step: 1}; return f, f.Validate() }, nil, "frames start at 0"},
		{"frames bad step", func() (any, error) { return ParseFrames("1-2:0") }, nil, "step must be >= 1"},
		{"frames garbage", func() (any, error) { return ParseFrames("a-b") }, nil, "want A, A-B"},
		{"frames step overflows", func() (any, error) { return ParseFrames("1-2:9223372036854775807") }, nil, "step must be between 1 and 100000"},
		{"frames past blender", func() (any, error) { return ParseFrames("9223372036854775806-9223372036854775807") }, nil, "frame numbers end at 1048574"},
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

// TestFramesList: the frames of a range, and a range at the edges of int
// (which Validate refuses, but List must still not overflow into negative
// frames or loop forever).
func TestFramesList(t *testing.T) {
	const maxInt = int(^uint(0) >> 1)
	tests := []struct {
		name   string
		frames Frames
		want   []int
		valid  bool
	}{
		{"step 3", Frames{1, 10, 3}, []int{1, 4, 7, 10}, true},
		{"step past end", Frames{1, 10, 4}, []int{1, 5, 9}, true},
		{"one frame", Frames{7, 7, 1}, []int{7}, true},
		{"largest step", Frames{1, 2, MaxFrames}, []int{1}, true},
		{"step max int", Frames{1, 1, maxInt}, []int{1}, false},
		{"step max int, two frames wide", Frames{1, 2, maxInt}, []int{1}, false},
		{"end max int", Frames{maxInt - 2, maxInt, 1}, []int{maxInt - 2, maxInt - 1, maxInt}, false},
		{"last frame", Frames{MaxFrame - 1, MaxFrame, 1}, []int{MaxFrame - 1, MaxFrame}, true},
		{"past last frame", Frames{MaxFrame, MaxFrame + 1, 1}, []int{MaxFrame, MaxFrame + 1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.frames.List(); !slices.Equal(got, tc.want) {
				t.Errorf("List() = %v, want %v", got, tc.want)
			}
			if err := tc.frames.Validate(); (err == nil) != tc.valid {
				t.Errorf("Validate() = %v, want valid %v", err, tc.valid)
			}
		})
	}
}

// TestSplitCoversOnce checks that tiles cover every pixel exactly once, for
// even and uneven grids and grids finer than the frame.
func TestSplitCoversOnce(t *testing.T) {
	tests := []struct {
		area image.Rectangle
		grid Grid
		n    int
	}{
		{image.Rect(0, 0, 64, 48), Grid{1, 1}, 1},
		{image.Rect(0, 0, 64, 48), Grid{2, 2}, 4},
		{image.Rect(0, 0, 64, 48), Grid{3, 2}, 6},
		{image.Rect(0, 0, 64, 48), Grid{4, 4}, 16},
		{image.Rect(0, 0, 65, 47), Grid{7, 5}, 35},
		{image.Rect(0, 0, 3, 2), Grid{8, 8}, 6},
		{image.Rect(16, 5, 48, 39), Grid{3, 4}, 12}, // a render region
		{image.Rect(5, 7, 8, 9), Grid{4, 4}, 6},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.area, "/", tc.grid), func(t *testing.T) {
			tiles := Split(tc.area, tc.grid)
			if len(tiles) != tc.n {
				t.Fatalf("%d tiles, want %d", len(tiles), tc.n)
			}
			count := map[image.Point]int{}
			for _, r := range tiles {
				if r.Empty() || !r.In(tc.area) {
					t.Fatalf("tile %v: empty, or outside %v", r, tc.area)
				}
				for y := r.Min.Y; y < r.Max.Y; y++ {
					for x := r.Min.X; x < r.Max.X; x++ {
						count[image.Pt(x, y)]++
					}
				}
			}
			for p, c := range count {
				if c != 1 {
					t.Fatalf("pixel %v covered %d times", p, c)
				}
			}
			if len(count) != tc.area.Dx()*tc.area.Dy() {
				t.Fatalf("tiles cover %d pixels of the %d", len(count), tc.area.Dx()*tc.area.Dy())
			}
			c := NewCanvas(tc.area) // a region's canvas counts from its corner
			for i, r := range tiles {
				if c.Complete() {
					t.Fatalf("canvas complete after %d of %d tiles", i, len(tiles))
				}
				if err := c.Cover(r); err != nil {
					t.Fatal(err)
				}
			}
			if !c.Complete() {
				t.Fatal("canvas not complete with every tile")
			}
		})
	}
}

func FuzzParseFrames(f *testing.F) {
	for _, s := range []string{"1-24", "3", "1-10:2", "", "-", "1-:", "9999999999999999999-1", "1-1:9223372036854775807", "1048570-1048574:3"} {
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
		// Every frame of an accepted range lies in it, in order.
		prev := 0
		for _, n := range fr.List() {
			if n < fr.Start || n > fr.End || n <= prev {
				t.Fatalf("ParseFrames(%q) = %v lists frame %d", s, fr, n)
			}
			prev = n
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
		if len(Split(Resolution{16, 16}.Rect(), g)) == 0 {
			t.Fatalf("grid %v split into no tiles", g)
		}
	})
}
