package blobstore

// Fetching a blob in pieces from several holders at once (a swarm), so
// that when many workers need one scene the coordinator's uplink is not
// the bottleneck. How a worker learns the holders: the coordinator's task
// request names the members it leased the same job to (they hold the
// scene, or are fetching it), then itself, last; a peer that asks a
// worker what it holds is taken as a source too (NoteAsker), so workers
// leased early learn of those leased later. Every holder, even one still
// fetching, serves the pieces it has verified and says which, and which
// it is fetching (ServeHave). A worker asks each peer every haveEvery,
// fetches pieces from peers that have them, several at a time, and takes
// from the coordinator (the last source, assumed to hold everything) only
// pieces no peer holds or is fetching, so the coordinator mostly sends
// each piece once and the workers pass it on. Each piece is checked against
// the manifest (pieces.go) before it is kept or served; a peer that sends
// wrong bytes is dropped and its pieces fetched elsewhere. The whole blob
// is checked against its hash at the end, as any fetch is.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/conun/conun/internal/durable"
)

// Swarm tuning: the pieces asked of one source at once, how often a peer
// is asked what it holds, the longest a failing source is left alone
// before it is tried again, and how long a fetch may go without a piece
// arriving. A source that fails (unreachable, not a member for a moment,
// not holding what it said) is tried again after a back-off, since
// membership and peers come and go; only a source that sent wrong bytes
// is dropped for good.
const (
	perSource  = 2
	maxSwarm   = 16 // sources of one fetch, those named and those who asked
	haveEvery  = 250 * time.Millisecond
	maxBackoff = 3 * time.Second
	swarmStall = 60 * time.Second
)

// ErrNotHeld is what a node answers (404) for a range of a blob it holds
// only in part and not those pieces.
var ErrNotHeld = errors.New("range not held")

// swarm is a blob being fetched in pieces: its partial file and which
// pieces in it are verified, so peers are served those while the rest
// arrives.
type swarm struct {
	m    Manifest
	path string
	f    *os.File

	mu     sync.Mutex
	have   []bool
	coming []bool          // pieces being fetched: others leave them to this node
	n      int             // pieces held
	bytes  int64           // their bytes
	done   bool            // renamed to the blob or abandoned: no more serving from path
	askers map[string]bool // peers that asked what it holds: fetching it too
}

// askersNot returns the peers that asked, less those in known.
func (s *swarm) askersNot(known map[string]bool) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for a := range s.askers {
		if !known[a] {
			out = append(out, a)
		}
	}
	return out
}

// held reports whether pieces first..last are all held.
func (s *swarm) held(first, last int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := first; i <= last; i++ {
		if !s.have[i] {
			return false
		}
	}
	return true
}

// count is the number of pieces held.
func (s *swarm) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// put writes verified piece i into the partial file and marks it held.
func (s *swarm) put(i int, data []byte) error {
	off, _ := s.m.Range(i)
	if _, err := s.f.WriteAt(data, off); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.have[i] {
		s.have[i] = true
		s.n++
		s.bytes += int64(len(data))
	}
	return nil
}

// bitfield is the pieces held, one bit each, first piece in the high
// bit, then as many bytes again for the pieces being fetched.
func (s *swarm) bitfield() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append(packBits(s.have), packBits(s.coming)...)
}

// setComing marks piece i as being fetched, or no longer.
func (s *swarm) setComing(i int, on bool) {
	s.mu.Lock()
	s.coming[i] = on
	s.mu.Unlock()
}

// swarmOf returns the swarm fetching blob h, or nil.
func (b *Blobs) swarmOf(h string) *swarm {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.swarms[h]
}

// startSwarm opens blob h's partial file for a fetch in pieces, keeping
// the verified pieces an earlier, interrupted fetch left, and makes it
// servable. The caller holds b.lock(h).
func (b *Blobs) startSwarm(h string, m Manifest) (*swarm, error) {
	p := b.partialPath(h + ".pieces")
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	s := &swarm{m: m, path: p, f: f, have: make([]bool, len(m.Pieces)), coming: make([]bool, len(m.Pieces)), askers: map[string]bool{}}
	if fi, err := f.Stat(); err == nil && fi.Size() == m.Size {
		for i := range m.Pieces {
			off, n := m.Range(i)
			sum := sha256.New()
			if _, err := io.Copy(sum, io.NewSectionReader(f, off, n)); err == nil && hex.EncodeToString(sum.Sum(nil)) == m.Pieces[i] {
				s.have[i] = true
				s.n++
				s.bytes += n
			}
		}
	} else if err := f.Truncate(m.Size); err != nil {
		f.Close()
		return nil, err
	}
	b.mu.Lock()
	b.swarms[h] = s
	b.mu.Unlock()
	return s, nil
}

// endSwarm stops serving from s's partial file and closes it.
func (b *Blobs) endSwarm(h string, s *swarm) {
	b.mu.Lock()
	if b.swarms[h] == s {
		delete(b.swarms, h)
	}
	b.mu.Unlock()
	s.mu.Lock()
	s.done = true
	s.mu.Unlock()
	s.f.Close()
}

// FetchPiecesPinned is FetchPinned for a blob whose manifest's root is
// known (from a signed task request): it fetches the manifest from any
// source and the pieces from all of them in parallel, the last source
// (the coordinator) only for pieces no other holds. Pieces are served to
// peers as soon as they are verified. Without a manifest from any source
// it falls back to FetchPinned.
func (b *Blobs) FetchPiecesPinned(ctx context.Context, hc *http.Client, sources []string, h, root string) (path string, unpin func(), err error) {
	if !validHash(h) {
		return "", func() {}, fmt.Errorf("%w: %q is not a sha256 hex digest", ErrBadBlob, h)
	}
	if !validHash(root) {
		return "", func() {}, fmt.Errorf("%w: pieces root %q is not a sha256 hex digest", ErrBadBlob, root)
	}
	if len(sources) == 0 {
		return "", func() {}, fmt.Errorf("fetch blob %s: no source", h[:12])
	}
	if p, unpin, ok := b.pinIfHeld(h); ok {
		return p, unpin, nil
	}
	m, merr := b.fetchManifest(ctx, hc, sources, h, root)
	if merr != nil {
		p, unpin, err := b.FetchPinned(ctx, hc, sources, h)
		if err != nil {
			return "", unpin, fmt.Errorf("%w (and no manifest of its pieces: %w)", err, merr)
		}
		return p, unpin, nil
	}
	unpin = b.Pin(h)
	defer func() {
		if err != nil {
			unpin()
			unpin = func() {}
		}
	}()
	defer b.lock(h)()
	if p, ok := b.Path(h); ok {
		return p, unpin, nil
	}
	release, err := b.reserve(h, m.Size)
	if err != nil {
		return "", unpin, err
	}
	defer release()
	s, err := b.startSwarm(h, m)
	if err != nil {
		return "", unpin, err
	}
	ended := false
	defer func() {
		if !ended {
			b.endSwarm(h, s)
		}
	}()
	f := &swarmFetch{b: b, hc: hc, h: h, s: s}
	for i, src := range sources {
		f.sources = append(f.sources, &source{base: src, seed: i == len(sources)-1})
	}
	if err := f.run(ctx); err != nil {
		return "", unpin, fmt.Errorf("fetch blob %s in pieces: %w", h[:12], err)
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, io.NewSectionReader(s.f, 0, m.Size)); err != nil {
		return "", unpin, err
	}
	if got := hex.EncodeToString(sum.Sum(nil)); got != h {
		// Every piece matched the manifest, so the manifest (the
		// coordinator's root) is what is wrong: start over next time.
		s.f.Truncate(0)
		return "", unpin, fmt.Errorf("%w: pieces whole hash to %s, not %s", ErrBadBlob, got, h)
	}
	if err := s.f.Sync(); err != nil {
		return "", unpin, err
	}
	b.endSwarm(h, s)
	ended = true
	if err := durable.Rename(s.path, filepath.Join(b.dir, h)); err != nil {
		return "", unpin, err
	}
	b.keepManifest(h, m)
	release()
	if err := b.fit(h); err != nil {
		return "", unpin, err
	}
	p, _ := b.Path(h)
	return p, unpin, nil
}

// fetchManifest takes blob h's manifest from the first source whose
// manifest hashes to root.
func (b *Blobs) fetchManifest(ctx context.Context, hc *http.Client, sources []string, h, root string) (Manifest, error) {
	if m, ok := b.CachedManifest(h); ok && m.Root() == root {
		return m, nil
	}
	var errs []error
	for _, src := range sources {
		data, err := getSmall(ctx, hc, src, "/rpc/v1/blobs/"+h+"/pieces", maxManifestBytes)
		if err == nil {
			var m Manifest
			if m, err = DecodeManifest(data, root); err == nil {
				return m, nil
			}
		}
		errs = append(errs, fmt.Errorf("from %s: %w", src, err))
		if ctx.Err() != nil {
			break
		}
	}
	return Manifest{}, fmt.Errorf("manifest of blob %.12s: %w", h, errors.Join(errs...))
}

// getSmall GETs path of node base, a body of at most limit bytes.
func getSmall(ctx context.Context, hc *http.Client, base, path string, limit int64) ([]byte, error) {
	target, err := rpcaddr.Join(base, path)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	return io.ReadAll(io.LimitReader(resp.Body, limit))
}

// pinIfHeld pins blob h if the store holds it whole.
func (b *Blobs) pinIfHeld(h string) (string, func(), bool) {
	unpin := b.Pin(h)
	if p, ok := b.Path(h); ok {
		b.used(h) // a task reads it now: no longer only prefetched
		return p, unpin, true
	}
	unpin()
	return "", nil, false
}

// countPeerBytes adds n to the bytes source base sent in pieces.
func (b *Blobs) countPeerBytes(base string, n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fromPeers[base] += n
}

// PieceBytes returns the bytes fetched in pieces from each source (its
// base URL) since the store opened: which holders served a blob.
func (b *Blobs) PieceBytes() map[string]int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]int64, len(b.fromPeers))
	for k, v := range b.fromPeers {
		out[k] = v
	}
	return out
}

// Lies returns how many sources were dropped for sending a piece that
// did not match its manifest.
func (b *Blobs) Lies() int64 { return b.lies.Load() }
