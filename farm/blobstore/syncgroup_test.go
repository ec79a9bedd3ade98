package blobstore

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestSyncGrouped: many overlapping calls each return once their blob is
// synced, and a round that cannot sync one of its blobs fails its callers,
// never passes them.
func TestSyncGrouped(t *testing.T) {
	tests := []struct {
		name    string
		blobs   int
		missing bool // one caller names a blob the store does not hold
	}{
		{"one", 1, false},
		{"a burst", 64, false},
		{"a burst with a missing blob", 64, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Open(t.TempDir(), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			var hs []string
			for i := range tc.blobs {
				h, err := b.PutUnsynced(bytes.NewReader(fmt.Appendf(nil, "tile %d", i)))
				if err != nil {
					t.Fatal(err)
				}
				hs = append(hs, h)
			}
			if tc.missing {
				hs[len(hs)/2] = hashOf([]byte("never stored"))
			}
			errs := make([]error, len(hs))
			var wg sync.WaitGroup
			for i, h := range hs {
				wg.Go(func() { errs[i] = b.SyncGrouped(h) })
			}
			wg.Wait()
			failed := 0
			for i, err := range errs {
				switch {
				case err == nil:
				case strings.Contains(err.Error(), "no such file"):
					failed++
				default:
					t.Fatalf("blob %d: %v", i, err)
				}
			}
			if !tc.missing && failed > 0 {
				t.Fatalf("%d of %d syncs failed", failed, len(hs))
			}
			if tc.missing && errs[len(hs)/2] == nil {
				t.Fatal("the missing blob's sync passed")
			}
			if b.syncs.flushing || b.syncs.next != nil {
				t.Fatal("a round was left behind")
			}
		})
	}
}
