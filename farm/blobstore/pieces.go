package blobstore

// A blob fetched from several peers at once arrives in pieces, and a piece
// from a peer is trusted only once it hashes to its entry in the blob's
// manifest. The manifest (sizes and piece hashes) is derived from the
// blob by any node that holds it; what makes it trusted is its root, a
// hash over all of it, which the coordinator puts in its signed task
// request (TaskRequest.ScenePieces). So a worker may take the manifest
// itself from any peer: a forged one does not hash to the root.

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Piece sizes: at least minPiece (a range request's overhead stays small
// next to its bytes), and large enough that a blob has at most maxPieces
// (the manifest stays small: 32 bytes a piece).
const (
	minPiece  = 256 << 10
	maxPieces = 4096
)

// Manifest is a blob's size, piece size and the sha256 of each piece, in
// order; the last piece may be shorter.
type Manifest struct {
	Size      int64    `json:"size"`
	PieceSize int64    `json:"piece_size"`
	Pieces    []string `json:"pieces"`
}

// PieceSizeFor is the piece size of a blob of size bytes; every node
// derives the same, so every holder's manifest of a blob is the same.
func PieceSizeFor(size int64) int64 {
	p := int64(minPiece)
	for (size+p-1)/p > maxPieces {
		p *= 2
	}
	return p
}

// Root is the hash that names m: the coordinator signs it into a task
// request, and a worker takes a manifest only if it hashes to it.
func (m Manifest) Root() string {
	h := sha256.New()
	io.WriteString(h, "conun-pieces-v1\n")
	binary.Write(h, binary.BigEndian, m.Size)
	binary.Write(h, binary.BigEndian, m.PieceSize)
	for _, p := range m.Pieces {
		io.WriteString(h, p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Range returns the byte offset and length of piece i.
func (m Manifest) Range(i int) (off, n int64) {
	off = int64(i) * m.PieceSize
	return off, min(m.PieceSize, m.Size-off)
}

// check reports whether m is well formed: the piece size the size calls
// for, one valid hash per piece.
func (m Manifest) check() error {
	if m.Size <= 0 || m.PieceSize != PieceSizeFor(m.Size) {
		return fmt.Errorf("%w: manifest of %d bytes in pieces of %d: want pieces of %d", ErrBadBlob, m.Size, m.PieceSize, PieceSizeFor(max(m.Size, 1)))
	}
	if want := (m.Size + m.PieceSize - 1) / m.PieceSize; int64(len(m.Pieces)) != want {
		return fmt.Errorf("%w: manifest of %d bytes lists %d pieces, not %d", ErrBadBlob, m.Size, len(m.Pieces), want)
	}
	for i, p := range m.Pieces {
		if !validHash(p) {
			return fmt.Errorf("%w: manifest's piece %d: %q is not a sha256 hex digest", ErrBadBlob, i, p)
		}
	}
	return nil
}

// maxManifestBytes bounds a manifest read from a peer: maxPieces hashes
// in JSON and a little more.
const maxManifestBytes = maxPieces*70 + 1024

// DecodeManifest parses a manifest a peer sent and accepts it only if it
// is well formed and hashes to root.
func DecodeManifest(data []byte, root string) (Manifest, error) {
	var m Manifest
	if len(data) > maxManifestBytes {
		return m, fmt.Errorf("%w: manifest of %d bytes, at most %d", ErrBadBlob, len(data), maxManifestBytes)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, fmt.Errorf("%w: manifest: %w", ErrBadBlob, err)
	}
	if err := m.check(); err != nil {
		return Manifest{}, err
	}
	if got := m.Root(); got != root {
		return Manifest{}, fmt.Errorf("%w: manifest's root is %.12s, not %.12s", ErrBadBlob, got, root)
	}
	return m, nil
}

// computeManifest hashes the blob file at p piece by piece.
func computeManifest(p string) (Manifest, error) {
	f, err := os.Open(p)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Manifest{}, err
	}
	m, err := NewManifest(f, fi.Size())
	if err != nil {
		return Manifest{}, fmt.Errorf("%s: %w", filepath.Base(p), err)
	}
	return m, nil
}

// NewManifest hashes the size bytes of r piece by piece.
func NewManifest(r io.ReaderAt, size int64) (Manifest, error) {
	if size <= 0 {
		return Manifest{}, fmt.Errorf("%w: an empty blob has no pieces", ErrBadBlob)
	}
	m := Manifest{Size: size, PieceSize: PieceSizeFor(size)}
	for off := int64(0); off < m.Size; off += m.PieceSize {
		h := sha256.New()
		if _, err := io.Copy(h, io.NewSectionReader(r, off, min(m.PieceSize, size-off))); err != nil {
			return Manifest{}, fmt.Errorf("hash piece at %d: %w", off, err)
		}
		m.Pieces = append(m.Pieces, hex.EncodeToString(h.Sum(nil)))
	}
	return m, nil
}

// maxManifests bounds the manifests a store keeps in memory.
const maxManifests = 64

// Manifest returns the manifest of blob h, which the store holds whole,
// hashing it the first time (a coordinator calls it once a job is
// submitted, so leases never wait for it).
func (b *Blobs) Manifest(h string) (Manifest, error) {
	if m, ok := b.CachedManifest(h); ok {
		return m, nil
	}
	if s := b.swarmOf(h); s != nil {
		return s.m, nil
	}
	p, ok := b.Path(h)
	if !ok {
		return Manifest{}, fmt.Errorf("blob %.12s is not in the store", h)
	}
	m, err := computeManifest(p)
	if err != nil {
		return Manifest{}, err
	}
	b.keepManifest(h, m)
	return m, nil
}

// CachedManifest returns the manifest of blob h if it was computed or
// fetched before, without hashing anything.
func (b *Blobs) CachedManifest(h string) (Manifest, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	m, ok := b.manifests[h]
	return m, ok
}

// keepManifest remembers m as blob h's; past maxManifests an arbitrary
// one is forgotten (it is derived again from the blob when asked).
func (b *Blobs) keepManifest(h string, m Manifest) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.manifests) >= maxManifests {
		for k := range b.manifests {
			delete(b.manifests, k)
			break
		}
	}
	b.manifests[h] = m
}
