package blobstore

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/conun/conun/farm/bandwidth"
	"github.com/dustin/go-humanize"
)

// A store with a cap (SetCap) is a cache: it never holds more than the cap
// on disk. Room for a blob is made before it is downloaded, by removing
// the least recently used blobs; a pinned blob (one a running task reads)
// is never removed, and a download the unpinned blobs cannot make room
// for is refused with ErrOverCap rather than stored. Recency is each
// blob's modification time, which Path refreshes, so it survives restarts.
//
// Partial downloads are on the disk too, so they count: one under way
// counts whole (its reservation) or, with no size known up front, as much
// as has arrived, and is never removed; one no fetch is writing (a fetch
// cut short, kept to resume) is the first to go, before any blob, since
// nothing can read it yet.

// ErrOverCap is wrapped by the error of a fetch that would take a capped
// store over its cap even with every unpinned blob removed.
var ErrOverCap = errors.New("over the blob cache cap")

// SetCap makes the store a cache of at most capBytes; 0 is no cap.
func (b *Blobs) SetCap(capBytes int64) {
	b.capMu.Lock()
	defer b.capMu.Unlock()
	b.capBytes = capBytes
	if capBytes > 0 {
		// What an earlier run left (blobs under a larger cap, partials
		// no fetch will resume soon) is trimmed now, not at the first
		// fetch; with nothing pinned yet this cannot fail.
		b.evictLocked("", 0)
	}
}

// SetDownloadLimit paces every download from peers through l (shared
// with other stores to cap the node as a whole); nil is no limit.
func (b *Blobs) SetDownloadLimit(l *bandwidth.Limiter) { b.down = l }

// Pin keeps blob h (present or still to come) from eviction until the
// returned unpin is called; pins nest.
func (b *Blobs) Pin(h string) (unpin func()) {
	b.capMu.Lock()
	b.pins[h]++
	b.capMu.Unlock()
	done := false
	return func() {
		b.capMu.Lock()
		defer b.capMu.Unlock()
		if done {
			return
		}
		done = true
		if b.pins[h]--; b.pins[h] <= 0 {
			delete(b.pins, h)
		}
	}
}

// Usage returns the bytes of the blobs held and of those pinned.
func (b *Blobs) Usage() (total, pinned int64) {
	b.capMu.Lock()
	defer b.capMu.Unlock()
	for _, bl := range b.scan() {
		total += bl.size
		if b.pins[bl.name] > 0 {
			pinned += bl.size
		}
	}
	return total, pinned
}

// cached is one blob file as eviction sees it.
type cached struct {
	name string
	size int64
	used time.Time
}

// scan lists the blobs held. The caller holds capMu.
func (b *Blobs) scan() []cached {
	entries, err := os.ReadDir(b.dir)
	if err != nil {
		return nil
	}
	var out []cached
	for _, e := range entries {
		if !validHash(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil {
			out = append(out, cached{e.Name(), info.Size(), info.ModTime()})
		}
	}
	return out
}

// partial is one partial download file as eviction sees it: blob h's,
// whole-file (fetchFrom) or in pieces (swarm.go).
type partial struct {
	cached
	h string
}

// scanPartials lists the partial downloads on disk; partial uploads
// (named by an upload ID) are not among them. The caller holds capMu.
func (b *Blobs) scanPartials() []partial {
	entries, err := os.ReadDir(b.dir)
	if err != nil {
		return nil
	}
	var out []partial
	for _, e := range entries {
		h, ok := downloadPartial(e.Name())
		if !ok {
			continue
		}
		if info, err := e.Info(); err == nil {
			out = append(out, partial{cached{e.Name(), info.Size(), info.ModTime()}, h})
		}
	}
	return out
}

// downloadPartial reports whether file name is a partial download and of
// which blob: ".partial-HASH" (fetchFrom) or ".partial-HASH.pieces".
func downloadPartial(name string) (h string, ok bool) {
	rest, ok := strings.CutPrefix(name, ".partial-")
	if !ok {
		return "", false
	}
	h = strings.TrimSuffix(rest, ".pieces")
	return h, validHash(h)
}

// writing marks blob h's partial download as being written until done is
// called, so eviction counts it and leaves it alone even before (or
// without) a reservation.
func (b *Blobs) writing(h string) (done func()) {
	b.capMu.Lock()
	b.writers[h]++
	b.capMu.Unlock()
	return func() {
		b.capMu.Lock()
		if b.writers[h]--; b.writers[h] <= 0 {
			delete(b.writers, h)
		}
		b.capMu.Unlock()
	}
}

// reserve makes room for blob h of size bytes before it is downloaded and
// holds it until release; it refuses (ErrOverCap) when the pinned blobs
// and the downloads under way leave no room even with the rest evicted.
func (b *Blobs) reserve(h string, size int64) (release func(), err error) {
	b.capMu.Lock()
	defer b.capMu.Unlock()
	if b.capBytes <= 0 {
		return func() {}, nil
	}
	if err := b.evictLocked(h, size); err != nil {
		return nil, fmt.Errorf("blob %.12s of %s: %w", h, humanize.IBytes(uint64(size)), err)
	}
	b.reserved[h] = size
	return func() {
		b.capMu.Lock()
		delete(b.reserved, h)
		b.capMu.Unlock()
	}, nil
}

// fit is the check after blob h arrived (its size unknown before): it
// evicts to fit the cap, or removes h again and refuses it.
func (b *Blobs) fit(h string) error {
	b.capMu.Lock()
	defer b.capMu.Unlock()
	if b.capBytes <= 0 {
		return nil
	}
	err := b.evictLocked("", 0)
	if err != nil {
		b.removeFiles(h)
		return fmt.Errorf("blob %.12s: %w", h, err)
	}
	return nil
}

// evictLocked removes partial downloads no fetch is writing, then the
// least recently used unpinned blobs, until the blobs held, the downloads
// under way and need more bytes (for blob h, whose partial need already
// counts; "" for none) fit the cap. The caller holds capMu.
func (b *Blobs) evictLocked(h string, need int64) error {
	blobs := b.scan()
	var total, pinned, reserved, busy int64
	for _, bl := range blobs {
		total += bl.size
		if b.pins[bl.name] > 0 {
			pinned += bl.size
		}
	}
	for _, r := range b.reserved {
		reserved += r
	}
	var idle []partial
	for _, p := range b.scanPartials() {
		_, isReserved := b.reserved[p.h]
		switch {
		case p.h == h || isReserved:
			// Counted whole by need or by its reservation.
		case b.writers[p.h] > 0:
			busy += p.size
		default:
			idle = append(idle, p)
			total += p.size
		}
	}
	if need > b.capBytes {
		return fmt.Errorf("%w of %s: the blob alone is %s (raise --cache-max to take it)",
			ErrOverCap, humanize.IBytes(uint64(b.capBytes)), humanize.IBytes(uint64(need)))
	}
	if pinned+reserved+busy+need > b.capBytes {
		// Known before a blob is removed: evicting would lose the
		// cache and still not make room.
		return fmt.Errorf("%w of %s: blobs in use by running tasks hold %s and downloads under way %s, so %s more does not fit; the node takes no task needing more until they end (raise --cache-max to allow more)",
			ErrOverCap, humanize.IBytes(uint64(b.capBytes)), humanize.IBytes(uint64(pinned)), humanize.IBytes(uint64(reserved+busy)), humanize.IBytes(uint64(need)))
	}
	total += busy
	// Idle partials go first, oldest first: no task can read them.
	sort.Slice(idle, func(i, j int) bool { return idle[i].used.Before(idle[j].used) })
	for _, p := range idle {
		if total+reserved+need <= b.capBytes {
			break
		}
		if os.Remove(filepath.Join(b.dir, p.name)) == nil {
			total -= p.size
		}
	}
	// Prefetched blobs no task used yet go next: a guess is worth less
	// than a blob a task has needed. Then the least recently used.
	sort.Slice(blobs, func(i, j int) bool {
		if pi, pj := b.prefetched[blobs[i].name], b.prefetched[blobs[j].name]; pi != pj {
			return pi
		}
		return blobs[i].used.Before(blobs[j].used)
	})
	for _, bl := range blobs {
		if total+reserved+need <= b.capBytes {
			break
		}
		if b.pins[bl.name] > 0 {
			continue
		}
		if b.removeFiles(bl.name) == nil {
			total -= bl.size
			delete(b.prefetched, bl.name)
		}
	}
	return nil
}

// removeFiles deletes blob h and its named links, links first: a link
// left behind would keep the bytes on disk.
func (b *Blobs) removeFiles(h string) error {
	matches, _ := filepath.Glob(filepath.Join(b.dir, "named", h+".*"))
	for _, m := range matches {
		os.Remove(m)
	}
	return os.Remove(filepath.Join(b.dir, h))
}

// Prefetch fetches blob h ahead of the task that will need it, unpinned,
// and marks it prefetched: under the cap it is the first evicted until a
// task uses it (FetchPinned). It reports whether it downloaded anything:
// false when the store already had h. The mark lives in memory only; after
// a restart a prefetched blob is an ordinary cached one.
func (b *Blobs) Prefetch(ctx context.Context, hc *http.Client, sources []string, h string) (bool, error) {
	if !validHash(h) {
		return false, fmt.Errorf("%w: %q is not a sha256 hex digest", ErrBadBlob, h)
	}
	defer b.lock(h)()
	if _, err := os.Stat(filepath.Join(b.dir, h)); err == nil {
		return false, nil // here already: its recency stays its own
	}
	if err := b.fetchAny(ctx, hc, sources, h); err != nil {
		return false, err
	}
	b.capMu.Lock()
	if _, err := os.Stat(filepath.Join(b.dir, h)); err == nil {
		b.prefetched[h] = true
	}
	b.capMu.Unlock()
	return true, nil
}

// Prefetched reports whether blob h was prefetched and no task used it
// since.
func (b *Blobs) Prefetched(h string) bool {
	b.capMu.Lock()
	defer b.capMu.Unlock()
	return b.prefetched[h]
}

// used clears h's prefetched mark: a task needs it.
func (b *Blobs) used(h string) {
	b.capMu.Lock()
	delete(b.prefetched, h)
	b.capMu.Unlock()
}

// EvictLRU removes, least recently used first, the unpinned blobs that
// evictable allows and that were last used before olderThan, until the
// store holds at most capBytes; it returns how many bytes it removed. It
// is the cap of a store that is not a cache (a node's own blobs): the
// caller names what may go, everything else stays whatever the total.
func (b *Blobs) EvictLRU(capBytes int64, evictable func(h string) bool, olderThan time.Time) (removed int64) {
	b.capMu.Lock()
	defer b.capMu.Unlock()
	blobs := b.scan()
	var total int64
	for _, bl := range blobs {
		total += bl.size
	}
	sort.Slice(blobs, func(i, j int) bool { return blobs[i].used.Before(blobs[j].used) })
	for _, bl := range blobs {
		if total <= capBytes {
			break
		}
		if b.pins[bl.name] > 0 || !bl.used.Before(olderThan) || !evictable(bl.name) {
			continue
		}
		if b.removeFiles(bl.name) == nil {
			total -= bl.size
			removed += bl.size
		}
	}
	return removed
}
