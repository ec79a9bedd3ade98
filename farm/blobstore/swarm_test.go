package blobstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/bandwidth"
)

// holder serves a store over real sockets the way a node's rpc routes do
// (farm/peerblobs.go), without the signatures.
func holder(t *testing.T, b *Blobs) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /rpc/v1/blobs/{hash}", func(rw http.ResponseWriter, r *http.Request) {
		h := r.PathValue("hash")
		if p, ok := b.Path(h); ok {
			http.ServeFile(rw, r, p)
			return
		}
		if !b.ServePartial(rw, r, h) {
			http.NotFound(rw, r)
		}
	})
	mux.HandleFunc("GET /rpc/v1/blobs/{hash}/pieces", func(rw http.ResponseWriter, r *http.Request) { b.ServeManifest(rw, r.PathValue("hash")) })
	mux.HandleFunc("GET /rpc/v1/blobs/{hash}/have", func(rw http.ResponseWriter, r *http.Request) { b.ServeHave(rw, r.PathValue("hash")) })
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// liar serves honest's manifest and says it holds every piece, but every
// range it sends has its bytes flipped.
func liar(t *testing.T, honest *Blobs) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /rpc/v1/blobs/{hash}", func(rw http.ResponseWriter, r *http.Request) {
		p, _ := honest.Path(r.PathValue("hash"))
		data, _ := os.ReadFile(p)
		off, n, err := ParseRange(r.Header.Get("Range"), int64(len(data)))
		if err != nil {
			http.Error(rw, err.Error(), http.StatusRequestedRangeNotSatisfiable)
			return
		}
		bad := bytes.Clone(data[off : off+n])
		for i := range bad {
			bad[i] ^= 0xff
		}
		rw.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", off, off+n-1, len(data)))
		rw.WriteHeader(http.StatusPartialContent)
		rw.Write(bad)
	})
	mux.HandleFunc("GET /rpc/v1/blobs/{hash}/pieces", func(rw http.ResponseWriter, r *http.Request) { honest.ServeManifest(rw, r.PathValue("hash")) })
	mux.HandleFunc("GET /rpc/v1/blobs/{hash}/have", func(rw http.ResponseWriter, r *http.Request) { honest.ServeHave(rw, r.PathValue("hash")) })
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// swarmBlob returns size random bytes, their hash and their manifest's root.
func swarmBlob(t *testing.T, size int) ([]byte, string, string) {
	data := make([]byte, size)
	rand.Read(data)
	sum := sha256.Sum256(data)
	m, err := NewManifest(bytes.NewReader(data), int64(size))
	if err != nil {
		t.Fatal(err)
	}
	return data, hex.EncodeToString(sum[:]), m.Root()
}

// storeWith opens a store in a temporary directory holding data (when not nil).
func storeWith(t *testing.T, data []byte) *Blobs {
	b, err := Open(t.TempDir(), 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if data != nil {
		if _, err := b.Put(bytes.NewReader(data), ""); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// TestFetchPieces: a blob fetched in pieces from several holders arrives
// intact; peers, not only the seed (the coordinator, last), send pieces;
// a peer that sends wrong bytes is dropped and its pieces come from
// others; and the seed gone mid-transfer does not stop a fetch that peers
// can finish.
func TestFetchPieces(t *testing.T) {
	const size = 3<<20 + 12345 // 13 pieces, the last short
	tests := []struct {
		name string
		// sources returns the holders (the seed last) and, for the
		// mid-transfer case, what to do once the first piece arrived.
		sources   func(t *testing.T, data []byte) (srcs []*httptest.Server, midway func())
		slow      bool // the fetcher's download limit keeps it mid-transfer a while
		wantLies  int64
		peerShare float64 // at least this share of the bytes from peers (not the seed)
	}{
		{"from two peers and the seed", func(t *testing.T, data []byte) ([]*httptest.Server, func()) {
			return []*httptest.Server{holder(t, storeWith(t, data)), holder(t, storeWith(t, data)), holder(t, storeWith(t, data))}, nil
		}, false, 0, 0.5},
		// With the liar dropped, one honest peer races the seed for the
		// pieces, and which wins depends on scheduling (the seed sent
		// 2.6 of 3.2 MB once in CI): the share is the first case's test.
		{"a lying peer", func(t *testing.T, data []byte) ([]*httptest.Server, func()) {
			return []*httptest.Server{liar(t, storeWith(t, data)), holder(t, storeWith(t, data)), holder(t, storeWith(t, data))}, nil
		}, false, 1, 0},
		{"the seed gone mid-transfer", func(t *testing.T, data []byte) ([]*httptest.Server, func()) {
			seed := holder(t, storeWith(t, data))
			return []*httptest.Server{holder(t, storeWith(t, data)), seed}, func() {
				seed.CloseClientConnections()
				seed.Close()
			}
		}, true, 0, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, h, root := swarmBlob(t, size)
			servers, midway := tc.sources(t, data)
			var urls []string
			for _, s := range servers {
				urls = append(urls, s.URL)
			}
			w := storeWith(t, nil)
			if tc.slow {
				w.SetDownloadLimit(bandwidth.New(1 << 20))
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			done := make(chan error, 1)
			var path string
			go func() {
				p, unpin, err := w.FetchPiecesPinned(ctx, http.DefaultClient, urls, h, root)
				unpin()
				path = p
				done <- err
			}()
			if midway != nil {
				waitFor(t, "a first piece", func() bool { s := w.swarmOf(h); return s != nil && s.count() > 0 })
				if s := w.swarmOf(h); s == nil || s.count() == len(s.have) {
					t.Fatal("the fetch ended before the seed went: not mid-transfer")
				}
				midway()
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("fetched blob differs from the original (err %v)", err)
			}
			if w.Lies() != tc.wantLies {
				t.Errorf("%d sources dropped for lying, want %d", w.Lies(), tc.wantLies)
			}
			served := w.PieceBytes()
			var fromPeers, total int64
			for src, n := range served {
				total += n
				if src != urls[len(urls)-1] {
					fromPeers += n
				}
			}
			t.Logf("bytes by source: %v", served)
			if total != size {
				t.Errorf("%d bytes counted, want %d", total, size)
			}
			if tc.peerShare > 0 && float64(fromPeers) < tc.peerShare*size {
				t.Errorf("peers sent %d of %d bytes, want at least %.0f%%", fromPeers, size, 100*tc.peerShare)
			}
			if tc.wantLies > 0 && served[urls[0]] != 0 {
				t.Errorf("the liar is counted for %d bytes kept", served[urls[0]])
			}
		})
	}
}

// TestServePartial: a store fetching a blob in pieces serves the pieces
// it has verified, and answers 404 for a range it does not hold yet.
func TestServePartial(t *testing.T) {
	data, h, root := swarmBlob(t, 2<<20) // 8 pieces
	seed := holder(t, storeWith(t, data))
	w := storeWith(t, nil)
	w.SetDownloadLimit(bandwidth.New(512 << 10)) // four seconds: mid-transfer long enough to look
	ws := holder(t, w)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, unpin, err := w.FetchPiecesPinned(ctx, http.DefaultClient, []string{seed.URL}, h, root)
		unpin()
		done <- err
	}()
	defer func() { cancel(); <-done }()
	var held, missing = -1, -1
	waitFor(t, "a piece held and one not", func() bool {
		s := w.swarmOf(h)
		if s == nil {
			return false
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		held, missing = -1, -1
		for i, ok := range s.have {
			if ok && held < 0 {
				held = i
			}
			if !ok && missing < 0 {
				missing = i
			}
		}
		return held >= 0 && missing >= 0
	})
	m, _ := NewManifest(bytes.NewReader(data), int64(len(data)))
	tests := []struct {
		name   string
		piece  int
		status int
	}{
		{"a verified piece", held, http.StatusPartialContent},
		{"a piece still to come", missing, http.StatusNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			off, n := m.Range(tc.piece)
			req, _ := http.NewRequest(http.MethodGet, ws.URL+"/rpc/v1/blobs/"+h, nil)
			req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, body, tc.status)
			}
			if tc.status == http.StatusPartialContent && !bytes.Equal(body, data[off:off+n]) {
				t.Fatal("served piece differs from the blob's")
			}
		})
	}
}

// TestFetchPiecesBadRoot: a root no holder's manifest hashes to (a
// coordinator that lies, or a stale one) makes the fetch whole, from one
// source at a time, still checked against the blob's hash.
func TestFetchPiecesBadRoot(t *testing.T) {
	data, h, _ := swarmBlob(t, 1<<20)
	seed := holder(t, storeWith(t, data))
	w := storeWith(t, nil)
	p, unpin, err := w.FetchPiecesPinned(context.Background(), http.DefaultClient, []string{seed.URL}, h, strings.Repeat("ab", 32))
	defer unpin()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, data) {
		t.Fatal("fetched blob differs")
	}
	if n := len(w.PieceBytes()); n != 0 {
		t.Fatalf("%d sources counted for pieces, want the whole-blob fetch", n)
	}
}

// TestDecodeManifest refuses manifests that are malformed or not the
// root's.
func TestDecodeManifest(t *testing.T) {
	m, _ := NewManifest(bytes.NewReader(make([]byte, 600<<10)), 600<<10)
	good := m.Root()
	tests := []struct {
		name    string
		change  func(m *Manifest)
		wantErr string
	}{
		{"the root's", func(*Manifest) {}, ""},
		{"a piece changed", func(m *Manifest) { m.Pieces[1] = strings.Repeat("0", 64) }, "root"},
		{"a piece missing", func(m *Manifest) { m.Pieces = m.Pieces[:2] }, "lists 2 pieces"},
		{"another piece size", func(m *Manifest) { m.PieceSize = 1024 }, "want pieces of"},
		{"a bad hash", func(m *Manifest) { m.Pieces[0] = "zz" }, "not a sha256"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Manifest{Size: m.Size, PieceSize: m.PieceSize, Pieces: append([]string(nil), m.Pieces...)}
			tc.change(&c)
			data, _ := jsonOf(c)
			_, err := DecodeManifest(data, good)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("got %v, want error containing %q", err, tc.wantErr)
			}
		})
	}
}

// waitFor polls cond until it holds, failing the test after a while.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestArriving: while a blob is fetched, whole or in pieces, Arriving
// reports its bytes so far, more and more, never past its size; once the
// fetch ends, none is under way. A worker's heartbeats carry it, so a
// coordinator does not take a slow scene for a stalled lease.
func TestArriving(t *testing.T) {
	const size = 1 << 20 // four pieces
	data, h, root := swarmBlob(t, size)
	src := holder(t, storeWith(t, data))
	tests := []struct {
		name  string
		fetch func(b *Blobs) error
	}{
		{"whole", func(b *Blobs) error {
			_, err := b.Fetch(context.Background(), src.Client(), []string{src.URL}, h)
			return err
		}},
		{"pieces", func(b *Blobs) error {
			_, unpin, err := b.FetchPiecesPinned(context.Background(), src.Client(), []string{src.URL}, h, root)
			unpin()
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := storeWith(t, nil)
			w.SetDownloadLimit(bandwidth.New(512 << 10)) // two seconds
			done := make(chan error, 1)
			go func() { done <- tc.fetch(w) }()
			var last int64
			var between bool
			for fetching := true; fetching; {
				select {
				case err := <-done:
					if err != nil {
						t.Fatal(err)
					}
					fetching = false
				case <-time.After(10 * time.Millisecond):
				}
				n, ok := w.Arriving(h)
				if !ok {
					continue // not begun, or ended
				}
				if n < last || n > size {
					t.Fatalf("arriving %d bytes after %d, of %d", n, last, size)
				}
				last, between = n, between || 0 < n && n < size
			}
			if !between {
				t.Errorf("never saw the blob part way (last %d of %d)", last, size)
			}
			if n, ok := w.Arriving(h); ok {
				t.Errorf("after the fetch: still arriving, %d bytes", n)
			}
		})
	}
}
