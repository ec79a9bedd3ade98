package farm

import (
	"image"
	"sync"

	"github.com/ethereum/go-ethereum/common/lru"
)

// decodedTiles holds the tiles leases answered, decoded, for the assembly
// of their frame, keyed by the blob's hash and the tile's place: a blob's
// bytes never change, so a tile found here is exactly what decoding its
// stored file gives, and a frame is still assembled from its accepted
// tasks' hashes alone (frames.go). (Tiles of one flat colour have the
// same bytes in different places: the hash alone would mix them up.)
// Decoding every tile a second time at assembly, with the file read, was
// 11% of a coordinator's CPU a task. A miss (a restart, a frame larger
// than the cap, a tile rendered again) reads the store.
type decodedTiles struct {
	mu    sync.Mutex
	max   int64 // bytes of pixels held at most
	bytes int64
	lru   lru.BasicLRU[decodedKey, decodedTile]
}

// decodedKey names a decoded tile: its blob and where in the frame it
// was placed.
type decodedKey struct {
	hash string
	rect image.Rectangle
}

// decodedTile is one tile as decodeTile placed it, with the kind of
// pixels it was decoded to.
type decodedTile struct {
	tile
	wantHDR bool
}

// maxDecodedBytes bounds the pixels decodedTiles holds: four 1080p frames
// of 16-bit tiles, or one 4K frame's.
const maxDecodedBytes = 64 << 20

func newDecodedTiles(max int64) *decodedTiles {
	// The count is bounded by bytes (put), not by the LRU's capacity.
	return &decodedTiles{max: max, lru: lru.NewBasicLRU[decodedKey, decodedTile](1 << 30)}
}

// size is the bytes of pixels a tile holds.
func (t tile) size() int64 {
	switch {
	case t.img != nil:
		return int64(len(t.img.Pix))
	case t.hdr != nil:
		return int64(len(t.hdr.Pix)) * 4
	}
	return 0
}

// put keeps tile tl of blob h, decoded at rect as want asked, evicting
// the least recently kept beyond the cap. Only plain tiles are kept: a
// composited scene's passes go to its finish task, not to an assembly.
func (d *decodedTiles) put(h string, rect image.Rectangle, want tileWant, tl tile) {
	n := tl.size()
	if d == nil || n == 0 || n > d.max || len(want.passes) > 0 || want.planes || want.frame != "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	k := decodedKey{h, rect}
	if old, ok := d.lru.Peek(k); ok {
		d.bytes -= old.size()
	}
	d.lru.Add(k, decodedTile{tile: tl, wantHDR: want.hdr})
	d.bytes += n
	for d.bytes > d.max {
		_, old, ok := d.lru.RemoveOldest()
		if !ok {
			break
		}
		d.bytes -= old.size()
	}
}

// take hands over tile h decoded at rect as want asks, if it is held, and
// forgets it: a frame is assembled once, and again only after one of its
// tiles changed.
func (d *decodedTiles) take(h string, rect image.Rectangle, want tileWant) (tile, bool) {
	if d == nil {
		return tile{}, false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	k := decodedKey{h, rect}
	dt, ok := d.lru.Peek(k)
	if !ok || dt.wantHDR != want.hdr || len(want.passes) > 0 || want.frame != "" {
		return tile{}, false
	}
	d.lru.Remove(k)
	d.bytes -= dt.size()
	return dt.tile, true
}
