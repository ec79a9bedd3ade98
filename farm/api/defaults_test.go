package api

import (
	"testing"

	"github.com/conun/conun/tiler"
)

func TestDefaultTiles(t *testing.T) {
	tests := []struct {
		res  tiler.Resolution
		want string
	}{
		{tiler.Resolution{Width: 32, Height: 24}, "2x1"},
		{tiler.Resolution{Width: 64, Height: 48}, "2x2"},
		{tiler.Resolution{Width: 320, Height: 240}, "3x2"},
		{tiler.Resolution{Width: 1920, Height: 1080}, "15x9"},
		{tiler.Resolution{Width: 7680, Height: 4320}, "16x16"},
		{tiler.Resolution{Width: 1, Height: 1}, "1x1"},
	}
	for _, tc := range tests {
		if got := DefaultTiles(tc.res).String(); got != tc.want {
			t.Errorf("DefaultTiles(%s) = %s, want %s", tc.res, got, tc.want)
		}
	}
}
