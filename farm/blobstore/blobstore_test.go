package blobstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
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
			b, err := Open(t.TempDir(), 64)
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
			if entries, _ := os.ReadDir(b.dir); len(entries) != 1 {
				t.Fatalf("a stored blob left %d files: %v", len(entries), entries)
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
	b, _ := Open(t.TempDir(), 1<<20)
	ctx := context.Background()
	if _, err := b.Fetch(ctx, srv.Client(), []string{srv.URL}, hashOf(good)); err != nil {
		t.Fatal(err)
	}
	want := hashOf([]byte("expected"))
	if _, err := b.Fetch(ctx, srv.Client(), []string{srv.URL}, want); !errors.Is(err, ErrBadBlob) {
		t.Fatalf("tampered blob: err = %v, want ErrBadBlob", err)
	}
	if _, ok := b.Path(want); ok {
		t.Fatal("tampered blob stored")
	}
}

// TestBlobsFetchResumesAndFallsBack: the first source dies halfway, the
// second lies, the third has no copy; the fourth serves the rest through a
// Range request, and the blob is whole and verified.
func TestBlobsFetchResumesAndFallsBack(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 10000)
	h := hashOf(data)
	var ranges []string
	var mu sync.Mutex
	cut := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data[:len(data)/2])
		panic(http.ErrAbortHandler) // connection dropped mid-body
	}))
	defer cut.Close()
	liar := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusPartialContent)
		w.Write(bytes.Repeat([]byte("x"), len(data)/2))
	}))
	defer liar.Close()
	missing := httptest.NewServer(http.NotFoundHandler())
	defer missing.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		ranges = append(ranges, r.Header.Get("Range"))
		mu.Unlock()
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
	}))
	defer good.Close()

	b, _ := Open(t.TempDir(), 1<<20)
	ctx := context.Background()
	// The cut source leaves half; the liar appends garbage, which fails the
	// hash and is thrown away; the missing one 404s; the good one serves all.
	p, err := b.Fetch(ctx, http.DefaultClient, []string{cut.URL, good.URL}, h)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, data) {
		t.Fatal("resumed blob differs")
	}
	if len(ranges) != 1 || ranges[0] != fmt.Sprintf("bytes=%d-", len(data)/2) {
		t.Fatalf("good source saw ranges %q, want one resume from the middle", ranges)
	}

	b2, _ := Open(t.TempDir(), 1<<20)
	ranges = nil
	if _, err := b2.Fetch(ctx, http.DefaultClient, []string{cut.URL, liar.URL, missing.URL, good.URL}, h); err != nil {
		t.Fatal(err)
	}
	if len(ranges) != 1 || ranges[0] != "" {
		t.Fatalf("after the liar the good source saw ranges %q, want one fresh download", ranges)
	}
}

func TestBlobsLRUCap(t *testing.T) {
	src, _ := Open(t.TempDir(), 1<<20)
	var hashes []string
	for i := range 4 {
		h, _ := src.Put(bytes.NewReader(bytes.Repeat([]byte{byte(i)}, 1000)), "")
		hashes = append(hashes, h)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := src.Path(r.URL.Path[len("/rpc/v1/blobs/"):])
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, p)
	}))
	defer srv.Close()
	cache, _ := Open(t.TempDir(), 1<<20)
	cache.SetCap(2500)
	ctx := context.Background()
	base := time.Now().Add(-time.Hour)
	for i, h := range hashes {
		p, err := cache.Fetch(ctx, srv.Client(), []string{srv.URL}, h)
		if err != nil {
			t.Fatal(err)
		}
		// Spread use times so "least recent" is well defined.
		os.Chtimes(p, base.Add(time.Duration(i)*time.Minute), base.Add(time.Duration(i)*time.Minute))
		if i == 1 {
			cache.Path(hashes[0]) // use blob 0 again: blob 1 is now the oldest
			os.Chtimes(filepath.Join(cache.dir, hashes[0]), base.Add(90*time.Second), base.Add(90*time.Second))
		}
	}
	for i, want := range []bool{false, false, true, true} {
		if _, ok := cache.Path(hashes[i]); ok != want {
			t.Errorf("blob %d cached = %v, want %v", i, ok, want)
		}
	}
}
