package farm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestBlobsPut(t *testing.T) {
	data := []byte("a scene")
	tests := []struct {
		name    string
		data    []byte
		want    string
		wantErr string
	}{
		{"unnamed", data, "", ""},
		{"named", data, hashOf(data), ""},
		{"wrong hash", data, hashOf([]byte("other")), "content hashes to"},
		{"bad name", data, "../x", "not a sha256"},
		{"too big", bytes.Repeat([]byte{1}, 65), "", "limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := OpenBlobs(t.TempDir(), 64)
			if err != nil {
				t.Fatal(err)
			}
			h, err := b.Put(bytes.NewReader(tc.data), tc.want)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrBadBlob) {
					t.Fatalf("err = %v, want ErrBadBlob containing %q", err, tc.wantErr)
				}
				entries, _ := os.ReadDir(b.dir)
				if len(entries) != 0 {
					t.Fatalf("rejected blob left %d files behind", len(entries))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			p, ok := b.Path(h)
			got, _ := os.ReadFile(p)
			if !ok || h != hashOf(tc.data) || !bytes.Equal(got, tc.data) {
				t.Fatalf("stored %q under %s", got, h)
			}
		})
	}
}

func TestBlobsFetchVerifies(t *testing.T) {
	good := []byte("the real scene")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, hashOf(good)) {
			w.Write(good)
			return
		}
		w.Write([]byte("tampered")) // a peer lying about content
	}))
	defer srv.Close()
	b, _ := OpenBlobs(t.TempDir(), 1<<20)
	ctx := context.Background()
	if _, err := b.Fetch(ctx, srv.Client(), srv.URL, hashOf(good)); err != nil {
		t.Fatal(err)
	}
	want := hashOf([]byte("expected"))
	if _, err := b.Fetch(ctx, srv.Client(), srv.URL, want); !errors.Is(err, ErrBadBlob) {
		t.Fatalf("tampered blob: err = %v, want ErrBadBlob", err)
	}
	if _, ok := b.Path(want); ok {
		t.Fatal("tampered blob stored")
	}
}
