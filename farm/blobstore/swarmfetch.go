package blobstore

// One fetch in pieces (swarm.go): which source to ask for which piece,
// back-offs, and the checks of what comes back.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
)

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
