package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// verifyPages walks the page structure of the bbolt file at path as plain
// bytes, every offset checked against what was read, before bbolt maps it.
//
// bbolt's Tx.Check runs in a goroutine of its own, where a panic (bbolt
// asserts that each page it reads names itself and has a known type) or a
// fault (an element pointing past the file) cannot be recovered and kills
// the process: a single flipped byte in a meta page's header did so (found
// by FuzzOpen). Every page Tx.Check reads is the metas, the freelist and
// the buckets' trees from the root: this walk reads the same ones, so a
// file that passes it gives Tx.Check findings to report, never a crash.
// Pages are read one at a time, so a large store costs little memory.
func verifyPages(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := activeMeta(f)
	if err != nil {
		return err
	}
	w := &pageWalker{r: f, pageSize: int64(m.pageSize), hwm: m.hwm, seen: map[uint64]bool{}}
	for id := range uint64(2) {
		if _, err := w.page(id, pageMeta); err != nil {
			return err
		}
	}
	if m.freelist != noFreelist {
		buf, err := w.page(m.freelist, pageFreelist)
		if err != nil {
			return fmt.Errorf("freelist: %w", err)
		}
		if err := freelistFits(buf, m.freelist); err != nil {
			return err
		}
	}
	if m.root == 0 {
		return nil
	}
	return w.tree(m.root, 0)
}

// bbolt's on-disk format (go.etcd.io/bbolt/internal/common), in the
// machine's own byte order as bbolt writes it: a page starts
// with a 16-byte header (id u64, flags u16, count u16, overflow u32);
// branch and leaf elements are 16 bytes each.
const (
	pageHeader   = 16
	elementSize  = 16
	pageBranch   = 0x01
	pageLeaf     = 0x02
	pageMeta     = 0x04
	pageFreelist = 0x10
	leafIsBucket = 0x01
	bucketHeader = 16 // a bucket's value: root page id u64, sequence u64
	metaMagic    = 0xED0CDAED
	metaVersion  = 2
	noFreelist   = ^uint64(0)
	maxDepth     = 64 // far deeper than any B+tree of a store that fits a disk
)

// meta is what verifyPages needs of a meta page.
type meta struct {
	pageSize                  uint32
	root, freelist, hwm, txid uint64
}

// activeMeta returns the meta page bbolt will use: of the two whose magic,
// version and checksum hold, the one with the higher transaction id.
func activeMeta(r io.ReaderAt) (meta, error) {
	var metas []meta
	pageSize := int64(os.Getpagesize())
	for i := range int64(2) {
		b := make([]byte, pageHeader+64)
		if _, err := r.ReadAt(b, i*pageSize); err != nil {
			continue
		}
		if m, ok := parseMeta(b); ok {
			metas = append(metas, m)
			pageSize = int64(m.pageSize) // meta 1 lies one page in, at this file's page size
		}
	}
	switch {
	case len(metas) == 0:
		return meta{}, errors.New("no valid meta page")
	case len(metas) == 2 && metas[1].txid > metas[0].txid:
		return metas[1], nil
	}
	return metas[0], nil
}

// parseMeta reads a meta page's fields after its header, and whether they
// are bbolt's (magic, version, checksum, a sane page size).
func parseMeta(b []byte) (meta, bool) {
	d := b[pageHeader:]
	le := binary.NativeEndian
	h := fnv.New64a()
	h.Write(d[:56])
	m := meta{pageSize: le.Uint32(d[8:]), root: le.Uint64(d[16:]), freelist: le.Uint64(d[32:]), hwm: le.Uint64(d[40:]), txid: le.Uint64(d[48:])}
	ok := le.Uint32(d) == metaMagic && le.Uint32(d[4:]) == metaVersion && h.Sum64() == le.Uint64(d[56:]) &&
		m.pageSize >= 512 && m.pageSize <= 1<<20 && m.pageSize&(m.pageSize-1) == 0
	return m, ok
}

// pageWalker reads pages of one file, each once.
type pageWalker struct {
	r        io.ReaderAt
	pageSize int64
	hwm      uint64 // pages at or past it are not part of the file
	seen     map[uint64]bool
}

// page reads page id with its overflow and checks that it names itself,
// has the type want (or a branch or leaf, for want 0), and lies inside the
// file; it returns the page's bytes.
func (w *pageWalker) page(id uint64, want uint16) ([]byte, error) {
	if id >= w.hwm {
		return nil, fmt.Errorf("page %d: past the file's last page %d", id, w.hwm-1)
	}
	head := make([]byte, pageHeader)
	if _, err := w.r.ReadAt(head, int64(id)*w.pageSize); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	le := binary.NativeEndian
	self, flags, overflow := le.Uint64(head), le.Uint16(head[8:]), uint64(le.Uint32(head[12:]))
	switch {
	case self != id:
		return nil, fmt.Errorf("page %d: names itself %d", id, self)
	case want != 0 && flags != want, want == 0 && flags != pageBranch && flags != pageLeaf:
		return nil, fmt.Errorf("page %d: type %#x", id, flags)
	case id+overflow >= w.hwm:
		return nil, fmt.Errorf("page %d: %d overflow pages run past the file", id, overflow)
	}
	buf := make([]byte, int64(overflow+1)*w.pageSize)
	if _, err := w.r.ReadAt(buf, int64(id)*w.pageSize); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	return buf, nil
}

// tree walks the B+tree whose root is page id: each page once, each
// element inside its page, each child and each bucket's tree in turn.
func (w *pageWalker) tree(id uint64, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("page %d: tree deeper than %d", id, maxDepth)
	}
	if w.seen[id] {
		return fmt.Errorf("page %d: reached twice", id)
	}
	w.seen[id] = true
	buf, err := w.page(id, 0)
	if err != nil {
		return err
	}
	return w.elements(buf, id, false, depth)
}

// elements checks the elements of the page in buf (a page read from the
// file, or an inline bucket's page inside a value) and walks what they
// point to. bbolt takes a page that is not a leaf for a branch and goes to
// its first element whatever its count, and asks an inline bucket for its
// own page again: a branch with no elements, or an inline page that is no
// leaf, sends its cursor round forever (found by FuzzOpen).
func (w *pageWalker) elements(buf []byte, id uint64, inline bool, depth int) error {
	if len(buf) < pageHeader {
		return fmt.Errorf("page %d: shorter than its header", id)
	}
	le := binary.NativeEndian
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	switch {
	case inline && flags != pageLeaf:
		return fmt.Errorf("page %d: an inline bucket of type %#x", id, flags)
	case flags != pageBranch && flags != pageLeaf:
		return fmt.Errorf("page %d: type %#x", id, flags)
	case flags == pageBranch && count == 0:
		return fmt.Errorf("page %d: a branch with no elements", id)
	case pageHeader+count*elementSize > len(buf):
		return fmt.Errorf("page %d: %d elements overflow it", id, count)
	}
	for i := range count {
		at := pageHeader + i*elementSize
		e := buf[at : at+elementSize]
		switch flags {
		case pageBranch:
			pos, ksize, child := int(le.Uint32(e)), int(le.Uint32(e[4:])), le.Uint64(e[8:])
			if at+pos+ksize > len(buf) {
				return fmt.Errorf("page %d: branch key %d runs past the page", id, i)
			}
			if err := w.tree(child, depth+1); err != nil {
				return err
			}
		case pageLeaf:
			eflags, pos, ksize, vsize := le.Uint32(e), int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
			end := at + pos + ksize + vsize
			if end > len(buf) || end < at {
				return fmt.Errorf("page %d: leaf element %d runs past the page", id, i)
			}
			if eflags&leafIsBucket == 0 {
				continue
			}
			v := buf[at+pos+ksize : end]
			if len(v) < bucketHeader {
				return fmt.Errorf("page %d: bucket %d's header is cut short", id, i)
			}
			if root := le.Uint64(v); root != 0 {
				if err := w.tree(root, depth+1); err != nil {
					return err
				}
			} else if err := w.elements(v[bucketHeader:], id, true, depth+1); err != nil { // an inline bucket
				return err
			}
		}
	}
	return nil
}

// freelistFits checks that the free page ids a freelist page counts lie
// inside it: bbolt allocates for the count before it reads them, so a
// damaged count would cost gigabytes (a count of 0xFFFF means the true
// count is the first 8 bytes after the header).
func freelistFits(buf []byte, id uint64) error {
	le := binary.NativeEndian
	count, at := uint64(le.Uint16(buf[10:])), uint64(pageHeader)
	if count == 0xFFFF {
		if len(buf) < pageHeader+8 {
			return fmt.Errorf("freelist page %d: cut short", id)
		}
		count, at = le.Uint64(buf[pageHeader:]), pageHeader+8
	}
	if count > (uint64(len(buf))-at)/8 {
		return fmt.Errorf("freelist page %d: %d free pages do not fit in it", id, count)
	}
	return nil
}
