package blobstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Quota bounds the partial uploads a store keeps, per client and in
// total. Bytes count what each upload declared (its Upload-Length), not
// what has arrived so far: a client that opens an upload reserves its
// whole size, so trickling bytes in cannot outgrow the quota later. A
// zero field is no bound.
type Quota struct {
	PerClientCount int
	PerClientBytes int64
	TotalCount     int
	TotalBytes     int64
	// OverQuotaExpiry is how long a partial upload may sit untouched once
	// a new upload would go over a quota: older ones are dropped to make
	// room (the store drops any after a week otherwise).
	OverQuotaExpiry time.Duration
}

// DefaultQuota suits a node whose blobs are scenes of up to a few GB.
func DefaultQuota() Quota {
	return Quota{
		PerClientCount:  8,
		PerClientBytes:  8 << 30,
		TotalCount:      64,
		TotalBytes:      32 << 30,
		OverQuotaExpiry: time.Hour,
	}
}

// ErrUploadLength means a resumed upload declared another length than
// the one its partial was started with: the bytes held belong to that
// upload, and are kept for it.
var ErrUploadLength = errors.New("upload length mismatch")

// QuotaError says which quota a new upload would go over.
type QuotaError struct {
	// Client is the client over its quota; empty for the store's total.
	Client string
	// Count is true for the number of partial uploads, false for bytes.
	Count bool
	// Limit is the quota; Held what is held already; Asked the new
	// upload's share (1 upload, or its length in bytes).
	Limit, Held, Asked int64
	// Expiry is how long an idle partial is kept when over quota.
	Expiry time.Duration
}

func (e *QuotaError) Error() string {
	who, what := "the node", "partial uploads"
	if e.Client != "" {
		who = "client " + e.Client
	}
	if !e.Count {
		what = "bytes of partial uploads"
	}
	return fmt.Sprintf("upload quota: %s holds %d %s, the limit is %d and this upload needs %d more: finish or abandon one (an idle one is dropped after %v when over quota)",
		who, e.Held, what, e.Limit, e.Asked, e.Expiry)
}

// uploadMeta is what the store keeps beside a partial upload.
type uploadMeta struct {
	Length int64  `json:"length"`
	Client string `json:"client"`
}

// uploadPath is where upload u's uploadMeta lives (u an uploadID).
func (b *Blobs) uploadPath(u string) string { return filepath.Join(b.dir, ".upload-"+u) }

// SetQuota bounds the partial uploads PutAt starts.
func (b *Blobs) SetQuota(q Quota) {
	b.quotaMu.Lock()
	b.quota = q
	b.quotaMu.Unlock()
}

// readUpload reads upload u's meta; ok is false when there is none, or
// when it is unreadable (a crash while it was written: the upload is then
// adopted afresh).
func (b *Blobs) readUpload(u string) (m uploadMeta, ok bool) {
	data, err := os.ReadFile(b.uploadPath(u))
	if err != nil {
		return m, false
	}
	return m, decodeUploadMeta(data, &m) == nil
}

// decodeUploadMeta parses a meta file's bytes.
func decodeUploadMeta(data []byte, m *uploadMeta) error {
	if err := json.Unmarshal(data, m); err != nil {
		return err
	}
	if m.Length < 0 {
		return fmt.Errorf("upload length %d < 0", m.Length)
	}
	return nil
}

// heldUpload is one partial upload the store holds (id its uploadID), or
// a whole-blob upload streaming in (no id).
type heldUpload struct {
	id      string
	meta    uploadMeta
	touched time.Time
}

// uploads lists the partial uploads held, each with when its bytes last
// changed.
func (b *Blobs) uploads() []heldUpload {
	ms, _ := filepath.Glob(filepath.Join(b.dir, ".upload-*"))
	var out []heldUpload
	for _, p := range ms {
		u := strings.TrimPrefix(filepath.Base(p), ".upload-")
		h, _, _ := strings.Cut(u, ".")
		m, ok := b.readUpload(u)
		if !ok || !validHash(h) {
			continue
		}
		fi, err := os.Stat(b.partialPath(u))
		if err != nil {
			fi, err = os.Stat(p)
		}
		if err != nil {
			continue
		}
		out = append(out, heldUpload{u, m, fi.ModTime()})
	}
	return out
}

// admit starts upload u of length bytes for client when the quotas allow
// it; it writes the upload's meta.
func (b *Blobs) admit(u, client string, length int64, now time.Time) error {
	b.quotaMu.Lock()
	defer b.quotaMu.Unlock()
	if err := b.makeRoom(u, client, length, now); err != nil {
		return err
	}
	data, _ := json.Marshal(uploadMeta{Length: length, Client: client})
	return os.WriteFile(b.uploadPath(u), data, 0o644)
}

// PutFor is Put for client's whole-blob upload of length bytes (< 0:
// unknown). While its bytes stream in, its temporary file holds as much
// disk as a partial upload, so it counts against the same quotas (an
// unknown length as the largest blob the store takes).
func (b *Blobs) PutFor(r io.Reader, want, client string, length int64) (string, error) {
	if length > b.maxBytes {
		// Refused before a byte is read, rather than after the limit.
		return "", fmt.Errorf("%w: %d bytes: the limit is %d", ErrBadBlob, length, b.maxBytes)
	}
	if length < 0 {
		length = b.maxBytes // more is refused by Put as it arrives
	}
	b.quotaMu.Lock()
	err := b.makeRoom("", client, length, time.Now())
	id := b.nextStream
	if err == nil {
		b.nextStream++
		b.streams[id] = heldUpload{meta: uploadMeta{Length: length, Client: client}}
	}
	b.quotaMu.Unlock()
	if err != nil {
		return "", err
	}
	defer func() {
		b.quotaMu.Lock()
		delete(b.streams, id)
		b.quotaMu.Unlock()
	}()
	return b.Put(r, want)
}

// makeRoom checks that one more upload of length bytes from client fits
// the quotas, with the partials and whole uploads held now; when it does
// not, partials idle for the quota's OverQuotaExpiry (other than keep)
// are dropped first. The caller holds quotaMu.
func (b *Blobs) makeRoom(keep, client string, length int64, now time.Time) error {
	q := b.quota
	held := func() []heldUpload {
		ups := b.uploads()
		for _, s := range b.streams {
			ups = append(ups, s)
		}
		return ups
	}
	err := q.check(held(), client, length)
	if err != nil && q.OverQuotaExpiry > 0 {
		for _, u := range b.uploads() {
			if u.id != keep && now.Sub(u.touched) > q.OverQuotaExpiry {
				b.dropPartial(u.id)
			}
		}
		err = q.check(held(), client, length)
	}
	return err
}

// check returns the first quota that held plus one more upload of length
// bytes from client would exceed.
func (q Quota) check(held []heldUpload, client string, length int64) error {
	var count, bytes, mine, mineBytes int64
	for _, u := range held {
		count++
		bytes += u.meta.Length
		if u.meta.Client == client {
			mine++
			mineBytes += u.meta.Length
		}
	}
	over := func(limit, have, asked int64) bool { return limit > 0 && have+asked > limit }
	switch {
	case over(int64(q.PerClientCount), mine, 1):
		return &QuotaError{Client: client, Count: true, Limit: int64(q.PerClientCount), Held: mine, Asked: 1, Expiry: q.OverQuotaExpiry}
	case over(q.PerClientBytes, mineBytes, length):
		return &QuotaError{Client: client, Limit: q.PerClientBytes, Held: mineBytes, Asked: length, Expiry: q.OverQuotaExpiry}
	case over(int64(q.TotalCount), count, 1):
		return &QuotaError{Count: true, Limit: int64(q.TotalCount), Held: count, Asked: 1, Expiry: q.OverQuotaExpiry}
	case over(q.TotalBytes, bytes, length):
		return &QuotaError{Limit: q.TotalBytes, Held: bytes, Asked: length, Expiry: q.OverQuotaExpiry}
	}
	return nil
}

// dropPartial removes a transfer's partial bytes and, for an upload, its
// meta (name as for partialPath).
func (b *Blobs) dropPartial(name string) {
	os.Remove(b.partialPath(name))
	os.Remove(b.uploadPath(name))
}
