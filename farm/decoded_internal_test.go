package farm

import (
	"image"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestDecodedTiles: a tile kept for its frame's assembly is handed over
// once, only for the rectangle and kind it was decoded for; the oldest go
// beyond the byte cap; checks' crops, passes and finished frames are
// never kept; a coordinator without the cache reads the store.
func TestDecodedTiles(t *testing.T) {
	r := image.Rect(0, 0, 4, 4)
	png := tile{img: image.NewNRGBA64(r)} // 128 bytes of pixels
	exr := tile{hdr: renderer.NewHDR(r)}  // 256 bytes
	plain, hdr := tileWant{}, tileWant{hdr: true}
	type step struct {
		put     bool // else take
		h       string
		rect    image.Rectangle
		want    tileWant
		tl      tile
		wantHit bool
	}
	tests := []struct {
		name  string
		max   int64
		steps []step
	}{
		{"kept, taken once", 1 << 20, []step{
			{put: true, h: "a", rect: r, want: plain, tl: png},
			{h: "a", rect: r, want: plain, wantHit: true},
			{h: "a", rect: r, want: plain},
		}},
		{"another rectangle or kind misses", 1 << 20, []step{
			{put: true, h: "a", rect: r, want: plain, tl: png},
			{h: "a", rect: r.Add(image.Pt(4, 0)), want: plain},
			{h: "a", rect: r, want: hdr},
			{h: "a", rect: r, want: plain, wantHit: true},
		}},
		{"the same bytes in two places are two tiles", 1 << 20, []step{
			{put: true, h: "a", rect: r, want: plain, tl: png},
			{put: true, h: "a", rect: r.Add(image.Pt(4, 0)), want: plain, tl: tile{img: image.NewNRGBA64(r.Add(image.Pt(4, 0)))}},
			{h: "a", rect: r.Add(image.Pt(4, 0)), want: plain, wantHit: true},
			{h: "a", rect: r, want: plain, wantHit: true},
		}},
		{"an EXR tile", 1 << 20, []step{
			{put: true, h: "e", rect: r, want: hdr, tl: exr},
			{h: "e", rect: r, want: hdr, wantHit: true},
		}},
		{"the oldest go beyond the cap", 300, []step{
			{put: true, h: "a", rect: r, want: plain, tl: png},
			{put: true, h: "b", rect: r, want: plain, tl: png},
			{put: true, h: "c", rect: r, want: plain, tl: png},
			{h: "a", rect: r, want: plain},
			{h: "b", rect: r, want: plain, wantHit: true},
			{h: "c", rect: r, want: plain, wantHit: true},
		}},
		{"larger than the cap: not kept", 100, []step{
			{put: true, h: "a", rect: r, want: plain, tl: png},
			{h: "a", rect: r, want: plain},
		}},
		{"crops, passes and finished frames are not kept", 1 << 20, []step{
			{put: true, h: "p", rect: r, want: tileWant{planes: true}, tl: png},
			{put: true, h: "q", rect: r, want: tileWant{passes: []string{"ViewLayer.Image"}}, tl: png},
			{put: true, h: "f", rect: r, want: tileWant{frame: "jpeg"}, tl: png},
			{h: "p", rect: r, want: tileWant{planes: true}},
			{h: "p", rect: r, want: plain},
			{h: "q", rect: r, want: plain},
			{h: "f", rect: r, want: plain},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDecodedTiles(tc.max)
			for i, s := range tc.steps {
				if s.put {
					d.put(s.h, s.rect, s.want, s.tl)
					continue
				}
				got, hit := d.take(s.h, s.rect, s.want)
				if hit != s.wantHit {
					t.Fatalf("step %d: take(%s, %v) hit = %v, want %v", i, s.h, s.rect, hit, s.wantHit)
				}
				if hit && (got.size() == 0 || (got.img != nil && got.img.Rect != s.rect)) {
					t.Fatalf("step %d: take(%s, %v) handed over another tile", i, s.h, s.rect)
				}
			}
			if d.bytes < 0 || d.bytes > tc.max {
				t.Fatalf("%d bytes held, cap %d", d.bytes, tc.max)
			}
		})
	}
	var none *decodedTiles
	none.put("a", r, plain, png)
	if _, hit := none.take("a", r, plain); hit {
		t.Fatal("a coordinator without the cache found a tile in it")
	}
}
