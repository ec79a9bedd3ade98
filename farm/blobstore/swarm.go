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
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
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
	done   bool            // renamed to the blob or abandoned: no more serving from path
	askers map[string]bool // peers that asked what it holds: fetching it too
}

// NoteAsker records that the member at base (its RPC URL) asked which
// pieces of blob h this store holds: it is fetching h too, so this
// store's own fetch takes it as a source. Without it, a worker leased
// early would know only the coordinator, and those leased later would
// take pieces from it but never give any back.
func (b *Blobs) NoteAsker(h, base string) {
	s := b.swarmOf(h)
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.askers) < maxSwarm {
		s.askers[base] = true
	}
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

func packBits(have []bool) []byte {
	out := make([]byte, (len(have)+7)/8)
	for i, h := range have {
		if h {
			out[i/8] |= 0x80 >> (i % 8)
		}
	}
	return out
}

// ParseHave decodes a peer's bitfield of a blob of pieces pieces.
func ParseHave(data []byte, pieces int) ([]bool, error) {
	if pieces <= 0 || len(data) != (pieces+7)/8 {
		return nil, fmt.Errorf("%w: a bitfield of %d bytes for %d pieces", ErrBadBlob, len(data), pieces)
	}
	have := make([]bool, pieces)
	for i := range have {
		have[i] = data[i/8]&(0x80>>(i%8)) != 0
	}
	if last := pieces % 8; last != 0 && data[len(data)-1]&(0xff>>last) != 0 {
		return nil, fmt.Errorf("%w: a bitfield with bits past its %d pieces", ErrBadBlob, pieces)
	}
	return have, nil
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
	if err := os.Rename(s.path, filepath.Join(b.dir, h)); err != nil {
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

// source is one holder as a fetch in pieces sees it.
type source struct {
	base       string
	seed       bool   // the coordinator: holds every piece
	have       []bool // what a peer last said it holds; nil: not yet asked
	coming     []bool // what it said it is fetching; nil: nothing
	asked      time.Time
	refreshing bool
	inflight   int
	fails      int       // in a row
	retryAt    time.Time // a failing source waits until then
	dropped    bool      // it lied: never asked again
	lastErr    error
}

// backoff is how long a source that failed fails times in a row waits.
func backoff(fails int) time.Duration {
	return min(100*time.Millisecond<<min(fails-1, 10), maxBackoff)
}

// holds reports whether src is known to hold piece i.
func (src *source) holds(i int) bool {
	return !src.dropped && (src.seed || (src.have != nil && src.have[i]))
}

// swarmFetch is one fetch in pieces; run's goroutine owns its state.
type swarmFetch struct {
	b       *Blobs
	hc      *http.Client
	h       string
	s       *swarm
	sources []*source
	busy    map[int]bool // pieces in flight
}

// outcome is what one goroutine of a fetch reports: a piece (piece >= 0)
// or a peer's bitfield (piece < 0).
type outcome struct {
	src    *source
	piece  int
	have   []bool
	coming []bool
	n      int64
	err    error
	lied   bool
}

// run fetches the pieces s lacks until it holds them all.
func (f *swarmFetch) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	f.busy = map[int]bool{}
	results := make(chan outcome, maxSwarm*(perSource+1))
	known := map[string]bool{}
	for _, src := range f.sources {
		known[src.base] = true
	}
	tick := time.NewTicker(haveEvery / 2)
	defer tick.Stop()
	total := len(f.s.m.Pieces)
	lastProgress := time.Now()
	for f.s.count() < total {
		now := time.Now()
		for _, a := range f.s.askersNot(known) {
			if len(f.sources) < maxSwarm {
				known[a] = true
				f.sources = append(f.sources, &source{base: a})
			}
		}
		for _, src := range f.sources {
			if src.dropped {
				continue
			}
			if !src.seed && !src.refreshing && !f.complete(src) && now.Sub(src.asked) >= haveEvery {
				src.refreshing, src.asked = true, now
				wg.Go(func() { results <- f.askHave(ctx, src) })
			}
		}
		order := rand.Perm(len(f.sources))
		for _, k := range order {
			src := f.sources[k]
			for !src.dropped && !now.Before(src.retryAt) && src.inflight < perSource {
				i := f.pick(src)
				if i < 0 {
					break
				}
				src.inflight++
				f.busy[i] = true
				f.s.setComing(i, true)
				wg.Go(func() { results <- f.fetchPiece(ctx, src, i) })
			}
		}
		alive := false
		for _, src := range f.sources {
			alive = alive || !src.dropped
		}
		if !alive || now.Sub(lastProgress) > swarmStall {
			var errs []error
			for _, src := range f.sources {
				if src.lastErr != nil {
					errs = append(errs, fmt.Errorf("from %s: %w", src.base, src.lastErr))
				}
			}
			return fmt.Errorf("no piece for %v, %d of %d missing: %w", now.Sub(lastProgress).Round(time.Millisecond), total-f.s.count(), total, errors.Join(errs...))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		case o := <-results:
			if o.piece < 0 {
				o.src.refreshing = false
				if o.err == nil {
					o.src.have, o.src.coming = o.have, o.coming
				} else {
					// Not holding the blob yet, or away for a moment:
					// ask again later, and meanwhile take nothing from
					// it that it may no longer have.
					o.src.asked = time.Now().Add(maxBackoff - haveEvery)
					o.src.have, o.src.coming, o.src.lastErr = nil, nil, o.err
				}
				continue
			}
			o.src.inflight--
			delete(f.busy, o.piece)
			f.s.setComing(o.piece, false)
			switch {
			case o.lied:
				if !o.src.dropped { // its other pieces in flight lie too: one drop
					o.src.dropped = true
					f.b.lies.Add(1)
					o.src.lastErr = o.err
				}
			case o.err != nil:
				if ctx.Err() != nil {
					return ctx.Err()
				}
				if errors.Is(o.err, ErrNotHeld) && o.src.have != nil {
					o.src.have[o.piece] = false // it said it had it: ask again
				}
				o.src.fails++
				o.src.retryAt, o.src.lastErr = time.Now().Add(backoff(o.src.fails)), o.err
			default:
				o.src.fails = 0
				if o.piece >= 0 {
					lastProgress = time.Now()
					f.b.countPeerBytes(o.src.base, o.n)
				}
			}
		}
	}
	return nil
}

// complete reports whether peer src holds every piece, so it need not be
// asked again.
func (f *swarmFetch) complete(src *source) bool {
	if src.have == nil {
		return false
	}
	for _, h := range src.have {
		if !h {
			return false
		}
	}
	return true
}

// pick chooses a piece to ask of src: one missing here, not in flight,
// that src holds, at random so peers fetch different pieces. The seed
// (the coordinator) is asked only for pieces no peer in good standing
// holds or is fetching.
func (f *swarmFetch) pick(src *source) int {
	total := len(f.s.m.Pieces)
	start := rand.IntN(total)
	for k := range total {
		i := (start + k) % total
		if f.busy[i] || f.s.held(i, i) || !src.holds(i) {
			continue
		}
		if src.seed && f.peerHasOrFetches(i) {
			continue
		}
		return i
	}
	return -1
}

// peerHasOrFetches reports whether a peer (not the seed) that is not
// failing holds piece i or is fetching it: the seed's uplink is kept for
// pieces no peer will soon have.
func (f *swarmFetch) peerHasOrFetches(i int) bool {
	for _, o := range f.sources {
		if !o.seed && o.fails == 0 && (o.holds(i) || o.coming != nil && o.coming[i]) {
			return true
		}
	}
	return false
}

// askHave asks peer src which pieces it holds.
func (f *swarmFetch) askHave(ctx context.Context, src *source) outcome {
	total := len(f.s.m.Pieces)
	size := (total + 7) / 8
	data, err := getSmall(ctx, f.hc, src.base, "/rpc/v1/blobs/"+f.h+"/have", int64(2*size+1))
	if err != nil {
		return outcome{src: src, piece: -1, err: err}
	}
	o := outcome{src: src, piece: -1}
	if len(data) == 2*size { // a peer still fetching: held, then coming
		if o.coming, err = ParseHave(data[size:], total); err != nil {
			o.err = err
			return o
		}
		data = data[:size]
	}
	o.have, o.err = ParseHave(data, total)
	return o
}

// fetchPiece fetches piece i from src, checks it against the manifest and
// keeps it.
func (f *swarmFetch) fetchPiece(ctx context.Context, src *source, i int) outcome {
	o := outcome{src: src, piece: i}
	off, n := f.s.m.Range(i)
	target, err := rpcaddr.Join(src.base, "/rpc/v1/blobs/"+f.h)
	if err != nil {
		o.err = err
		return o
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		o.err = err
		return o
	}
	req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
	resp, err := f.hc.Do(req)
	if err != nil {
		o.err = err
		return o
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusPartialContent:
	case http.StatusNotFound, http.StatusRequestedRangeNotSatisfiable:
		o.err = fmt.Errorf("piece %d: %w: %s", i, ErrNotHeld, api.ReadError(resp.Body))
		return o
	default:
		o.err = fmt.Errorf("piece %d: %s: %s", i, resp.Status, api.ReadError(resp.Body))
		return o
	}
	data := make([]byte, n)
	got, err := io.ReadFull(f.b.down.Reader(ctx, resp.Body), data)
	f.b.bytesIn.Add(int64(got))
	if err != nil {
		o.err = fmt.Errorf("piece %d: %w", i, err)
		return o
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != f.s.m.Pieces[i] {
		o.err, o.lied = fmt.Errorf("%w: piece %d does not match the manifest", ErrBadBlob, i), true
		return o
	}
	if err := f.s.put(i, data); err != nil {
		o.err = err
		return o
	}
	o.n = n
	return o
}

// pinIfHeld pins blob h if the store holds it whole.
func (b *Blobs) pinIfHeld(h string) (string, func(), bool) {
	unpin := b.Pin(h)
	if p, ok := b.Path(h); ok {
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

// ServeHave answers a peer asking which pieces of blob h this store
// holds: a bitfield (ParseHave), all set for a whole blob; while it is
// fetching h, a second bitfield follows: the pieces it is fetching.
func (b *Blobs) ServeHave(rw http.ResponseWriter, h string) {
	var bits []byte
	if s := b.swarmOf(h); s != nil {
		bits = s.bitfield()
	} else if p, ok := b.Path(h); ok {
		fi, err := os.Stat(p)
		if err != nil || fi.Size() == 0 {
			http.Error(rw, "no pieces of an empty blob", http.StatusNotFound)
			return
		}
		all := make([]bool, (fi.Size()+PieceSizeFor(fi.Size())-1)/PieceSizeFor(fi.Size()))
		for i := range all {
			all[i] = true
		}
		bits = packBits(all)
	} else {
		http.Error(rw, fmt.Sprintf("no blob %.12s", h), http.StatusNotFound)
		return
	}
	rw.Header().Set("Content-Type", "application/octet-stream")
	rw.Write(bits)
}

// ServeManifest answers a peer asking for blob h's manifest.
func (b *Blobs) ServeManifest(rw http.ResponseWriter, h string) {
	if !validHash(h) {
		http.Error(rw, fmt.Sprintf("%q is not a sha256 hex digest", h), http.StatusBadRequest)
		return
	}
	m, err := b.Manifest(h)
	if err != nil {
		http.Error(rw, err.Error(), http.StatusNotFound)
		return
	}
	rw.Header().Set("Content-Type", "application/json")
	json.NewEncoder(rw).Encode(m)
}

// ServePartial answers a peer's ranged GET of blob h while the store
// fetches it in pieces: the range, if every piece it touches is verified
// here, else 404 (ErrNotHeld). It reports false when the store is not
// fetching h at all.
func (b *Blobs) ServePartial(rw http.ResponseWriter, r *http.Request, h string) bool {
	s := b.swarmOf(h)
	if s == nil {
		return false
	}
	off, n, err := ParseRange(r.Header.Get("Range"), s.m.Size)
	if err != nil {
		http.Error(rw, err.Error(), http.StatusRequestedRangeNotSatisfiable)
		return true
	}
	first, last := int(off/s.m.PieceSize), int((off+n-1)/s.m.PieceSize)
	s.mu.Lock()
	var f *os.File
	if !s.done {
		f, err = os.Open(s.path) // its own handle: the fetch may close s.f meanwhile
	}
	s.mu.Unlock()
	if f == nil || err != nil || !s.held(first, last) {
		if f != nil {
			f.Close()
		}
		http.Error(rw, fmt.Sprintf("%v: bytes %d-%d of blob %.12s", ErrNotHeld, off, off+n-1, h), http.StatusNotFound)
		return true
	}
	defer f.Close()
	rw.Header().Set("Content-Type", "application/octet-stream")
	rw.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", off, off+n-1, s.m.Size))
	rw.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	rw.WriteHeader(http.StatusPartialContent)
	io.Copy(rw, io.NewSectionReader(f, off, n))
	return true
}

// ParseRange reads a Range header of one closed range, "bytes=A-B", of a
// blob of size bytes, the only form a fetch in pieces sends, and returns
// its offset and length.
func ParseRange(header string, size int64) (off, n int64, err error) {
	spec, ok := strings.CutPrefix(header, "bytes=")
	a, z, ok2 := strings.Cut(spec, "-")
	if !ok || !ok2 {
		return 0, 0, fmt.Errorf("range %q: want bytes=START-END", header)
	}
	start, err1 := strconv.ParseInt(a, 10, 64)
	end, err2 := strconv.ParseInt(z, 10, 64)
	if err1 != nil || err2 != nil || start < 0 || end < start || end >= size {
		return 0, 0, fmt.Errorf("range %q: want bytes=START-END with 0 <= START <= END < %d", header, size)
	}
	return start, end - start + 1, nil
}
