package blobstore

import (
	"bytes"
	"encoding/json"
	"testing"
)

func jsonOf(m Manifest) ([]byte, error) { return json.Marshal(m) }

// FuzzDecodeManifest: whatever a peer sends as a manifest, decoding never
// panics, and what it accepts is well formed and hashes to the root.
func FuzzDecodeManifest(f *testing.F) {
	m, _ := NewManifest(bytes.NewReader(make([]byte, 700<<10)), 700<<10)
	good, _ := jsonOf(m)
	f.Add(good)
	f.Add([]byte(`{"size":1,"piece_size":262144,"pieces":[]}`))
	f.Add([]byte(`{"size":-5}`))
	root := m.Root()
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := DecodeManifest(data, root)
		if err != nil {
			return
		}
		if got.check() != nil || got.Root() != root {
			t.Fatalf("accepted a manifest that is malformed or not the root's: %+v", got)
		}
	})
}

// FuzzParseRange: a Range header from a peer never panics, and an
// accepted range lies inside the blob.
func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"bytes=0-9", "bytes=5-", "bytes=-5", "bytes=9-0", "bytes=0-99999999999999999999", "items=0-1"} {
		f.Add(s, int64(100))
	}
	f.Fuzz(func(t *testing.T, header string, size int64) {
		off, n, err := ParseRange(header, size)
		if err == nil && (off < 0 || n <= 0 || off+n > size) {
			t.Fatalf("accepted %q as %d+%d of %d bytes", header, off, n, size)
		}
	})
}

// FuzzParseHave: a peer's bitfield never panics, and an accepted one has
// one entry per piece.
func FuzzParseHave(f *testing.F) {
	f.Add([]byte{0xff, 0x80}, 9)
	f.Add([]byte{0xff, 0x81}, 9)
	f.Add([]byte{}, 0)
	f.Fuzz(func(t *testing.T, data []byte, pieces int) {
		have, err := ParseHave(data, pieces)
		if err == nil && len(have) != pieces {
			t.Fatalf("%d entries for %d pieces", len(have), pieces)
		}
		if err == nil && !bytes.Equal(packBits(have), data) {
			t.Fatalf("bitfield %x reads back as %x", data, packBits(have))
		}
	})
}
