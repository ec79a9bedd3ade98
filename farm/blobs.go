package farm

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
	"strings"
	"sync"
)

// ErrBadBlob is wrapped by errors about a blob's content: a hash mismatch, a
// size over the limit, a malformed hash.
var ErrBadBlob = errors.New("bad blob")

// Blobs is a content-addressed store on disk: each blob lives in a file named
// by the sha256 of its bytes, written to a temporary file first and renamed,
// so a crash never leaves a partial blob under a real name.
type Blobs struct {
	dir      string
	maxBytes int64

	mu       sync.Mutex
	fetching map[string]*sync.Mutex
}

// OpenBlobs opens (creating it if needed) a blob store in dir. Blobs larger
// than maxBytes are refused.
func OpenBlobs(dir string, maxBytes int64) (*Blobs, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("blob store: %w", err)
	}
	return &Blobs{dir: dir, maxBytes: maxBytes, fetching: make(map[string]*sync.Mutex)}, nil
}

// validHash reports whether h is a lowercase sha256 hex digest, the only
// names the store accepts (so a hash can never be a path).
func validHash(h string) bool {
	return len(h) == 64 && strings.Trim(h, "0123456789abcdef") == ""
}

// Path returns the file of blob h, and whether the store has it.
func (b *Blobs) Path(h string) (string, bool) {
	if !validHash(h) {
		return "", false
	}
	p := filepath.Join(b.dir, h)
	_, err := os.Stat(p)
	return p, err == nil
}

// Put stores the bytes read from r. If want is not empty, the content must
// hash to it. It returns the blob's hash.
func (b *Blobs) Put(r io.Reader, want string) (string, error) {
	if want != "" && !validHash(want) {
		return "", fmt.Errorf("%w: %q is not a sha256 hex digest", ErrBadBlob, want)
	}
	if want != "" {
		if _, ok := b.Path(want); ok {
			_, err := io.Copy(io.Discard, io.LimitReader(r, b.maxBytes))
			return want, err
		}
	}
	tmp, err := os.CreateTemp(b.dir, ".incoming-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, b.maxBytes+1))
	if err != nil {
		return "", fmt.Errorf("receive blob: %w", err)
	}
	if n > b.maxBytes {
		return "", fmt.Errorf("%w: larger than the %d-byte limit", ErrBadBlob, b.maxBytes)
	}
	got := hex.EncodeToString(h.Sum(nil))
	if want != "" && got != want {
		return "", fmt.Errorf("%w: content hashes to %s, not %s", ErrBadBlob, got, want)
	}
	if err := tmp.Sync(); err != nil {
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(b.dir, got)); err != nil {
		return "", err
	}
	return got, nil
}

// Fetch makes sure the store has blob h, downloading it from the node at
// baseURL if not, and returns its path. Concurrent fetches of one blob
// download it once.
func (b *Blobs) Fetch(ctx context.Context, hc *http.Client, baseURL, h string) (string, error) {
	if !validHash(h) {
		return "", fmt.Errorf("%w: %q is not a sha256 hex digest", ErrBadBlob, h)
	}
	b.mu.Lock()
	m, ok := b.fetching[h]
	if !ok {
		m = new(sync.Mutex)
		b.fetching[h] = m
	}
	b.mu.Unlock()
	m.Lock()
	defer m.Unlock()
	if p, ok := b.Path(h); ok {
		return p, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/rpc/v1/blobs/"+h, nil)
	if err != nil {
		return "", err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return "", fmt.Errorf("fetch blob %s: %w", h[:12], err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("fetch blob %s from %s: %s", h[:12], baseURL, resp.Status)
	}
	if _, err := b.Put(resp.Body, h); err != nil {
		return "", fmt.Errorf("fetch blob %s: %w", h[:12], err)
	}
	p, _ := b.Path(h)
	return p, nil
}

// Linked returns a path to blob h that ends in ext, made as a hard link (or a
// copy) next to the blob, for renderers that pick a loader by extension.
func (b *Blobs) Linked(h, ext string) (string, error) {
	src, ok := b.Path(h)
	if !ok {
		return "", fmt.Errorf("blob %s is not in the store", h)
	}
	if ext == "" {
		return src, nil
	}
	dst := filepath.Join(b.dir, "named", h+ext)
	if _, err := os.Stat(dst); err == nil {
		return dst, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	if err := os.Link(src, dst); err != nil && !errors.Is(err, os.ErrExist) {
		return "", err
	}
	return dst, nil
}
