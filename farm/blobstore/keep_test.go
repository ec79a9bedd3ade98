package blobstore_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/conun/conun/farm/blobstore"
)

// TestKeepAndIntact: Keep stores bytes under their hash (again after a
// power loss cut its file short, not when the same bytes are there),
// refuses what is over the limit, and Intact tells a kept blob from one
// that is gone, cut short or altered.
func TestKeepAndIntact(t *testing.T) {
	data := []byte("a tile's PNG, as a worker answered it")
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])
	tests := []struct {
		name   string
		damage func(path string) error // after the first Keep
		intact bool                    // after the damage
	}{
		{"kept", func(string) error { return nil }, true},
		{"gone", os.Remove, false},
		{"cut short", func(p string) error { return os.Truncate(p, 3) }, false},
		{"altered", func(p string) error { return os.WriteFile(p, []byte("a tile's PNG, as a worker answered iT"), 0o644) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			b, err := blobstore.Open(dir, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			h, err := b.Keep(data)
			if err != nil || h != want {
				t.Fatalf("Keep = %s, %v; want %s", h, err, want)
			}
			if err := tc.damage(filepath.Join(dir, h)); err != nil {
				t.Fatal(err)
			}
			if got := b.Intact(h); got != tc.intact {
				t.Fatalf("Intact after %s = %v, want %v", tc.name, got, tc.intact)
			}
			// Keeping the same bytes again leaves the store whole,
			// whatever happened to the file (an altered file of the
			// same size is what Intact is for: restore checks).
			if tc.name != "altered" {
				if _, err := b.Keep(data); err != nil {
					t.Fatal(err)
				}
				if !b.Intact(h) {
					t.Fatalf("Keep after %s did not restore the blob", tc.name)
				}
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".incoming-*"))
			if len(leftovers) != 0 {
				t.Fatalf("temporary files left: %v", leftovers)
			}
		})
	}
	b, err := blobstore.Open(t.TempDir(), 8)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Keep(data); !errors.Is(err, blobstore.ErrBadBlob) {
		t.Fatalf("Keep over the limit: %v, want ErrBadBlob", err)
	}
}
