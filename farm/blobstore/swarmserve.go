package blobstore

// What a store tells and sends peers fetching a blob in pieces
// (swarm.go): its manifest, which pieces it holds, the ranges it has.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
)

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
