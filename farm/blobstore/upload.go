package blobstore

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Resumable uploads and peer fetches both write a blob in parts: what
// arrived is kept in a partial file, and the next part carries on from it.
// ErrUploadOffset means a resumed upload started somewhere other than
// where the node's part of it ends.
var ErrUploadOffset = errors.New("upload offset mismatch")

// partialPath is where the received part of blob h waits, for uploads and
// for fetches from peers alike.
func (b *Blobs) partialPath(h string) string { return filepath.Join(b.dir, ".partial-"+h) }

// lock serializes everything that writes blob h's partial file. A blob's
// lock lives only while someone holds or waits for it, so the map does
// not grow with every blob ever fetched.
func (b *Blobs) lock(h string) func() {
	b.mu.Lock()
	l, ok := b.fetching[h]
	if !ok {
		l = new(blobLock)
		b.fetching[h] = l
	}
	l.refs++
	b.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		b.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(b.fetching, h)
		}
		b.mu.Unlock()
	}
}

// blobLock is one blob's lock and the count of its holders and waiters.
type blobLock struct {
	mu   sync.Mutex
	refs int
}

// Received reports how much of blob h the store holds: complete, or the
// bytes an interrupted upload left (0 when none).
func (b *Blobs) Received(h string) (n int64, complete bool, err error) {
	if !validHash(h) {
		return 0, false, fmt.Errorf("%w: %q is not a sha256 hex digest", ErrBadBlob, h)
	}
	if p, ok := b.Path(h); ok {
		fi, err := os.Stat(p)
		if err != nil {
			return 0, false, err
		}
		return fi.Size(), true, nil
	}
	fi, err := os.Stat(b.partialPath(h))
	if errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return fi.Size(), false, nil
}

// PutAt continues an upload of blob h, total bytes long, with the bytes
// from offset on read from r. offset must equal what the store holds of
// it (ErrUploadOffset otherwise). When r ends early, what arrived is kept
// for the next try and the error returned. It returns the bytes held after
// the call and whether the blob is now complete (checked and stored).
func (b *Blobs) PutAt(r io.Reader, h string, offset, total int64) (int64, bool, error) {
	switch {
	case !validHash(h):
		return 0, false, fmt.Errorf("%w: %q is not a sha256 hex digest", ErrBadBlob, h)
	case total < 0 || total > b.maxBytes:
		return 0, false, fmt.Errorf("%w: upload length %d: the limit is %d bytes", ErrBadBlob, total, b.maxBytes)
	case offset < 0 || offset > total:
		return 0, false, fmt.Errorf("%w: offset %d is outside the %d-byte upload", ErrUploadOffset, offset, total)
	}
	unlock := b.lock(h)
	defer unlock()
	if p, ok := b.Path(h); ok {
		io.Copy(io.Discard, io.LimitReader(r, total-offset))
		fi, err := os.Stat(p)
		if err != nil {
			return 0, false, err
		}
		return fi.Size(), true, nil
	}
	f, err := os.OpenFile(b.partialPath(h), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	have, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, false, err
	}
	if have != offset {
		return have, false, fmt.Errorf("%w: the node holds %d bytes of %s, the upload resumed at %d", ErrUploadOffset, have, h[:12], offset)
	}
	if have > total {
		f.Truncate(0) // not this upload's bytes
		return 0, false, fmt.Errorf("%w: the node holds %d bytes, more than the upload's %d", ErrUploadOffset, have, total)
	}
	n, err := io.Copy(f, io.LimitReader(r, total-have))
	have += n
	// What arrived is kept whatever happens next; syncing it means a
	// crash of the node loses none of it either.
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if err != nil {
		return have, false, fmt.Errorf("receive blob: %w", err)
	}
	if have < total {
		return have, false, fmt.Errorf("receive blob: the body ended after %d of %d bytes", have, total)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return have, false, err
	}
	if _, err := b.Put(f, h); err != nil {
		f.Truncate(0) // wrong bytes: never resume from them
		return 0, false, err
	}
	f.Close()
	os.Remove(b.partialPath(h))
	return have, true, nil
}

// partialMaxAge is how long an abandoned upload's bytes are kept.
const partialMaxAge = 7 * 24 * time.Hour

// dropStalePartials removes parts of uploads and fetches nobody has
// touched for partialMaxAge, so abandoned uploads do not fill the disk.
func (b *Blobs) dropStalePartials(now time.Time) {
	ms, _ := filepath.Glob(filepath.Join(b.dir, ".partial-*"))
	for _, p := range ms {
		if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > partialMaxAge {
			os.Remove(p)
		}
	}
}
