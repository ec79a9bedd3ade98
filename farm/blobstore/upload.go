package blobstore

import (
	"crypto/sha256"
	"encoding/hex"
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

// partialPath is where the received part of a transfer waits: name is
// the blob's hash for a fetch from peers, or an uploadID for a client's
// upload. Each client's upload has a partial of its own, so nothing one
// client sends (another length, garbage, a race to start first) can touch
// the bytes another has sent; the blob is shared once it is whole and
// checked.
func (b *Blobs) partialPath(name string) string { return filepath.Join(b.dir, ".partial-"+name) }

// uploadID names client's upload of blob h: the hash, a dot, and a digest
// of the client's name (which may hold any characters).
func uploadID(h, client string) string {
	sum := sha256.Sum256([]byte(client))
	return h + "." + hex.EncodeToString(sum[:8])
}

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

// Received reports how much of blob h the store holds for client:
// complete, or the bytes its interrupted upload left (0 when none).
func (b *Blobs) Received(h, client string) (n int64, complete bool, err error) {
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
	fi, err := os.Stat(b.partialPath(uploadID(h, client)))
	if errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return fi.Size(), false, nil
}

// PutAt continues client's upload of blob h, total bytes long, with the
// bytes from offset on read from r. offset must equal what the store holds
// of the client's upload (ErrUploadOffset otherwise), and total the length
// it was started with (ErrUploadLength otherwise: the bytes held stay). A
// new upload must fit the store's Quota (a *QuotaError otherwise). When r
// ends early, what arrived is kept for the next try and the error
// returned. It returns the bytes held after the call and whether the blob
// is now complete (checked and stored).
func (b *Blobs) PutAt(r io.Reader, h, client string, offset, total int64) (int64, bool, error) {
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
	u := uploadID(h, client)
	var have int64
	if fi, err := os.Stat(b.partialPath(u)); err == nil {
		have = fi.Size()
	}
	meta, started := b.readUpload(u)
	switch {
	case started && meta.Length != total:
		return have, false, fmt.Errorf("%w: this upload of %s was started with Upload-Length %d, not %d: resume it with %d, or wait for it to finish or expire",
			ErrUploadLength, h[:12], meta.Length, total, meta.Length)
	case have != offset:
		return have, false, fmt.Errorf("%w: the node holds %d bytes of %s, the upload resumed at %d", ErrUploadOffset, have, h[:12], offset)
	case !started:
		if err := b.admit(u, client, total, time.Now()); err != nil {
			return have, false, err
		}
	}
	f, err := os.OpenFile(b.partialPath(u), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	if _, err := f.Seek(have, io.SeekStart); err != nil {
		return 0, false, err
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
		return have, false, fmt.Errorf("receive blob: the body ended after %d of %d bytes: resume at %d: %w", have, total, have, io.ErrUnexpectedEOF)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return have, false, err
	}
	_, err = b.Put(f, h)
	f.Close()
	// Stored, or wrong bytes that must never be resumed from: either way
	// the partial has served.
	b.dropPartial(u)
	if err != nil {
		return 0, false, err
	}
	return have, true, nil
}
