package blobstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// blobSource serves n blobs of size bytes each (blob i all byte i) the
// way a member does; chunked serves them with no Content-Length, so the
// cache learns a blob's size only once it has arrived.
func blobSource(t *testing.T, n, size int, chunked bool) (*httptest.Server, []string) {
	t.Helper()
	src, err := Open(t.TempDir(), 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	var hashes []string
	for i := range n {
		h, err := src.Put(bytes.NewReader(bytes.Repeat([]byte{byte(i)}, size)), "")
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := src.Path(strings.TrimPrefix(r.URL.Path, "/rpc/v1/blobs/"))
		if !ok {
			http.NotFound(w, r)
			return
		}
		if chunked {
			data, _ := os.ReadFile(p)
			w.Write(data[:1])
			w.(http.Flusher).Flush() // headers go out now, without a length
			w.Write(data[1:])
			return
		}
		http.ServeFile(w, r, p)
	}))
	t.Cleanup(srv.Close)
	return srv, hashes
}

// diskBytes is what the store holds on disk: blobs, partial downloads and
// temporary files alike (what a cap must bound).
func diskBytes(t *testing.T, dir string) int64 {
	var total int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			total += info.Size()
		}
	}
	return total
}

// TestBlobsCapPins: a pinned blob is never evicted; a fetch the pinned
// blobs leave no room for is refused with ErrOverCap and a reason naming
// --cache-max, stores nothing and evicts nothing; unpinned, the least
// recently used goes to make room. Whether the source says the blob's size
// up front (refused before the download) or not (refused once it arrived).
func TestBlobsCapPins(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			srv, h := blobSource(t, 3, 1000, chunked)
			cache, _ := Open(t.TempDir(), 1<<20)
			cache.SetCap(2500)
			ctx := context.Background()
			_, unpinA, err := cache.FetchPinned(ctx, srv.Client(), []string{srv.URL}, h[0])
			if err != nil {
				t.Fatal(err)
			}
			_, unpinB, err := cache.FetchPinned(ctx, srv.Client(), []string{srv.URL}, h[1])
			if err != nil {
				t.Fatal(err)
			}
			defer unpinB()
			// A is the least recently used, but pinned.
			old := time.Now().Add(-time.Hour)
			os.Chtimes(filepath.Join(cache.dir, h[0]), old, old)

			_, err = cache.Fetch(ctx, srv.Client(), []string{srv.URL}, h[2])
			if !errors.Is(err, ErrOverCap) || !strings.Contains(err.Error(), "--cache-max") {
				t.Fatalf("fetch past the pinned blobs: %v; want ErrOverCap naming --cache-max", err)
			}
			for i, want := range []bool{true, true, false} {
				if _, ok := cache.Path(h[i]); ok != want {
					t.Errorf("after the refusal blob %d held = %v, want %v", i, ok, want)
				}
			}
			if got := diskBytes(t, cache.dir); got > 2500 {
				t.Errorf("the store holds %d bytes on disk, over its 2500-byte cap", got)
			}

			unpinA()
			unpinA() // twice is once
			os.Chtimes(filepath.Join(cache.dir, h[0]), old, old)
			if _, err := cache.Fetch(ctx, srv.Client(), []string{srv.URL}, h[2]); err != nil {
				t.Fatalf("fetch once A is unpinned: %v", err)
			}
			for i, want := range []bool{false, true, true} {
				if _, ok := cache.Path(h[i]); ok != want {
					t.Errorf("after A was unpinned blob %d held = %v, want %v", i, ok, want)
				}
			}
			if total, pinned := cache.Usage(); total != 2000 || pinned != 1000 {
				t.Errorf("usage %d bytes, %d pinned; want 2000, 1000", total, pinned)
			}
		})
	}
}

// TestBlobsCapLRUSurvivesRestart: recency is on disk, so a store opened
// again over the same folder evicts the blob used least recently before
// the restart, not the one fetched first.
func TestBlobsCapLRUSurvivesRestart(t *testing.T) {
	srv, h := blobSource(t, 3, 1000, false)
	dir := t.TempDir()
	ctx := context.Background()
	first, _ := Open(dir, 1<<20)
	first.SetCap(2500)
	for _, i := range []int{0, 1} {
		if _, err := first.Fetch(ctx, srv.Client(), []string{srv.URL}, h[i]); err != nil {
			t.Fatal(err)
		}
	}
	// Blob 0 was fetched first but used last.
	base := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, h[1]), base, base)
	os.Chtimes(filepath.Join(dir, h[0]), base.Add(time.Minute), base.Add(time.Minute))

	again, _ := Open(dir, 1<<20)
	again.SetCap(2500)
	if _, err := again.Fetch(ctx, srv.Client(), []string{srv.URL}, h[2]); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true} {
		if _, ok := again.Path(h[i]); ok != want {
			t.Errorf("blob %d held = %v, want %v", i, ok, want)
		}
	}
}

// TestBlobsCapHoldsUnderLoad: many tasks at once fetch and pin blobs
// through one capped store while a watcher samples the folder: the disk it
// takes, partial downloads included, never goes over the cap, and every
// fetch either succeeds or is refused with ErrOverCap.
func TestBlobsCapHoldsUnderLoad(t *testing.T) {
	const size, capBytes = 64 << 10, 5 * 64 << 10
	srv, h := blobSource(t, 12, size, false)
	cache, _ := Open(t.TempDir(), 1<<30)
	cache.SetCap(capBytes)
	ctx, cancel := context.WithCancel(context.Background())
	var peak atomic.Int64
	var watch sync.WaitGroup
	watch.Add(1)
	go func() {
		defer watch.Done()
		for ctx.Err() == nil {
			if d := diskBytes(t, cache.dir); d > peak.Load() {
				peak.Store(d)
			}
		}
	}()
	var wg sync.WaitGroup
	var ok, refused atomic.Int64
	errs := make(chan error, 64)
	for task := range 48 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, unpin, err := cache.FetchPinned(ctx, srv.Client(), []string{srv.URL}, h[task%len(h)])
			defer unpin()
			switch {
			case errors.Is(err, ErrOverCap):
				refused.Add(1)
				return
			case err != nil:
				errs <- err
				return
			}
			// The task reads its blob while pinned: it must stay whole.
			data, err := os.ReadFile(p)
			if err != nil || len(data) != size {
				errs <- fmt.Errorf("task %d: pinned blob read %d bytes, %v", task, len(data), err)
			}
			ok.Add(1)
		}()
	}
	wg.Wait()
	cancel()
	watch.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if peak.Load() > capBytes {
		t.Errorf("the store took %d bytes on disk at its peak, over its %d-byte cap", peak.Load(), capBytes)
	}
	if ok.Load() == 0 {
		t.Error("no fetch succeeded")
	}
	t.Logf("%d fetches served, %d refused over the cap; peak %d of %d bytes", ok.Load(), refused.Load(), peak.Load(), capBytes)
}

// TestBlobsPrefetchEvictedFirst: a prefetched blob is not pinned and goes
// first under the cap, before older blobs a task used; once a task uses
// it (FetchPinned) it is an ordinary cached blob. A prefetch of a blob
// the store holds downloads nothing.
func TestBlobsPrefetchEvictedFirst(t *testing.T) {
	tests := []struct {
		name string
		use  bool // a task uses the prefetched blob before the next fetch
		held []bool
	}{
		{"unused prefetch goes first", false, []bool{true, false, true}},
		{"used prefetch is ordinary LRU", true, []bool{false, true, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, h := blobSource(t, 3, 1000, false)
			cache, _ := Open(t.TempDir(), 1<<20)
			cache.SetCap(2500)
			ctx, hc, src := context.Background(), srv.Client(), []string{srv.URL}
			if _, err := cache.Fetch(ctx, hc, src, h[0]); err != nil {
				t.Fatal(err)
			}
			// The task's blob is the least recently used by far.
			old := time.Now().Add(-time.Hour)
			os.Chtimes(filepath.Join(cache.dir, h[0]), old, old)
			fetched, err := cache.Prefetch(ctx, hc, src, h[1])
			if err != nil || !fetched {
				t.Fatalf("prefetch: fetched %v, %v", fetched, err)
			}
			if !cache.Prefetched(h[1]) {
				t.Fatal("a prefetched blob is not marked prefetched")
			}
			if again, err := cache.Prefetch(ctx, hc, src, h[1]); err != nil || again {
				t.Fatalf("prefetch of a held blob: fetched %v, %v; want nothing fetched", again, err)
			}
			if tc.use {
				_, unpin, err := cache.FetchPinned(ctx, hc, src, h[1])
				if err != nil {
					t.Fatal(err)
				}
				unpin()
				if cache.Prefetched(h[1]) {
					t.Fatal("a blob a task used is still marked prefetched")
				}
			}
			if _, err := cache.Fetch(ctx, hc, src, h[2]); err != nil {
				t.Fatal(err)
			}
			for i, want := range tc.held {
				if _, ok := cache.Path(h[i]); ok != want {
					t.Errorf("blob %d held = %v, want %v", i, ok, want)
				}
			}
			if cache.Prefetched(h[1]) && !tc.held[1] {
				t.Error("an evicted blob is still marked prefetched")
			}
		})
	}
}

// TestBlobsCapCountsPartials: partial downloads count toward the cap. A
// download in flight with no size known up front (600 of 1000 bytes
// arrived, the source stalled) is counted and never removed; a partial an
// earlier fetch left to resume is counted and goes first, before any
// blob; a sampler of the folder never sees more than the cap.
func TestBlobsCapCountsPartials(t *testing.T) {
	const size, capBytes, arrived, leftover = 1000, 2500, 600, 700
	src, err := Open(t.TempDir(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var h []string
	for i := range 4 {
		hi, err := src.Put(bytes.NewReader(bytes.Repeat([]byte{byte(i)}, size)), "")
		if err != nil {
			t.Fatal(err)
		}
		h = append(h, hi)
	}
	stall := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/rpc/v1/blobs/")
		p, ok := src.Path(name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if name != h[0] {
			http.ServeFile(w, r, p)
			return
		}
		data, _ := os.ReadFile(p)
		w.Write(data[:arrived])
		w.(http.Flusher).Flush() // no length: the cache learns the size at the end
		select {
		case <-stall:
		case <-r.Context().Done():
			return
		}
		w.Write(data[arrived:])
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		select {
		case <-stall:
		default:
			close(stall)
		}
	})

	dir := t.TempDir()
	// Blob 3's fetch was cut short before this run: its partial is kept
	// to resume (it is fresh), and counts.
	if err := os.WriteFile(filepath.Join(dir, ".partial-"+h[3]), bytes.Repeat([]byte{3}, leftover), 0o644); err != nil {
		t.Fatal(err)
	}
	cache, err := Open(dir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	cache.SetCap(capBytes)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var peak atomic.Int64
	var watch sync.WaitGroup
	watch.Go(func() {
		for ctx.Err() == nil {
			if d := diskBytes(t, dir); d > peak.Load() {
				peak.Store(d)
			}
		}
	})

	stalled := make(chan error, 1)
	go func() {
		_, err := cache.Fetch(ctx, srv.Client(), []string{srv.URL}, h[0])
		stalled <- err
	}()
	inFlight := filepath.Join(dir, ".partial-"+h[0])
	for deadline := time.Now().Add(30 * time.Second); ; {
		if fi, err := os.Stat(inFlight); err == nil && fi.Size() == arrived {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("blob 0's download never reached %d bytes", arrived)
		}
		time.Sleep(10 * time.Millisecond)
	}

	for _, i := range []int{1, 2} {
		if _, err := cache.Fetch(ctx, srv.Client(), []string{srv.URL}, h[i]); err != nil {
			t.Fatalf("fetch blob %d beside the download in flight: %v", i, err)
		}
	}
	if fi, err := os.Stat(inFlight); err != nil || fi.Size() != arrived {
		t.Fatalf("the download in flight lost its partial: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".partial-"+h[3])); !os.IsNotExist(err) {
		t.Errorf("the idle partial survived a fetch that needed its room (stat: %v)", err)
	}
	// 600 in flight + 1000 + 1000 would not fit 2500 beside the idle 700
	// nor beside blob 1 (the least recently used): both went.
	for i, want := range []bool{false, false, true} {
		if _, ok := cache.Path(h[i]); ok != want {
			t.Errorf("beside the download in flight blob %d held = %v, want %v", i, ok, want)
		}
	}

	close(stall)
	if err := <-stalled; err != nil {
		t.Fatalf("the stalled download, released: %v", err)
	}
	if _, ok := cache.Path(h[0]); !ok {
		t.Error("blob 0 is not held once its download ended")
	}
	cancel()
	watch.Wait()
	if peak.Load() > capBytes {
		t.Errorf("the store took %d bytes on disk at its peak, over its %d-byte cap", peak.Load(), capBytes)
	}
}
