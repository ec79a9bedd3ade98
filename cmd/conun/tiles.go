package main

import (
	"fmt"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

// tilesHelp is --tiles' help, shared by submit and demo.
const tilesHelp = "tile grid CxR; default tiles of about 128 px for the resolution (3x2 at 320x240), as the app picks"

// parseTiles reads --tiles; empty picks api.DefaultTiles for res, the
// app's default too.
func parseTiles(s string, res tiler.Resolution) (tiler.Grid, error) {
	if s == "" {
		return api.DefaultTiles(res), nil
	}
	g, err := tiler.ParseGrid(s)
	if err != nil {
		return g, fmt.Errorf("%w: --tiles: %w", errUsage, err)
	}
	return g, nil
}
