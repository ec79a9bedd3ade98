package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/conun/conun/internal/durable"
	bolt "go.etcd.io/bbolt"
)

// ErrCorrupt is wrapped by the error Open returns for a damaged file.
var ErrCorrupt = errors.New("store is corrupt")

// CorruptError is a store file that cannot be trusted: truncated, with
// damaged pages, or empty. Its message names the file and the ways out,
// because the person reading it is a node's owner at start-up.
type CorruptError struct {
	Path string
	Err  error
}

// Error names the file, what is wrong with it, and the ways out.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("store %s is corrupt (%v): stop the node and copy a backup over it (one made by `conun backup --out FILE`), "+
		"or start with `conun node --reset-store`, which moves it aside as %s.corrupt-TIME and starts with no jobs", e.Path, e.Err, e.Path)
}

// Unwrap lets callers branch with errors.Is(err, ErrCorrupt).
func (e *CorruptError) Unwrap() []error { return []error{ErrCorrupt, e.Err} }

// openTimeout is how long Open waits for another process's lock on the file.
const openTimeout = 2 * time.Second

// openChecked opens the bbolt file at path and checks every page of it
// (bbolt's Tx.Check) before anyone reads it: bbolt trusts its file and
// panics on a damaged one ("invalid freelist page", "assertion failed"),
// inside Open and inside transactions alike, so a damaged file found here
// is a CorruptError at start instead of a crash later. A missing file is a
// new store when create is set; it is made under another name and renamed
// into place once whole, so an empty or half-made file at path is never one
// of ours.
//
// The file is always opened for writing, even only to read it: that takes
// the exclusive lock (a running node's file is not touched), and a
// read-only bbolt would load its freelist inside Tx.Check's goroutine,
// beyond guard's reach.
func openChecked(path string, create bool) (*bolt.DB, error) {
	opts := &bolt.Options{Timeout: openTimeout}
	switch fi, err := os.Stat(path); {
	case errors.Is(err, os.ErrNotExist) && create:
		if err := createStore(path); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", path, err)
	case fi.Size() == 0:
		return nil, &CorruptError{Path: path, Err: errors.New("the file is empty (0 bytes)")}
	}
	if err := verifyPages(path); err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	// bbolt's Open may panic with the file open and locked: keep hold of
	// the file to close it then, or the lock outlives the failed open.
	var file *os.File
	opts.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	db, err := guard(func() (*bolt.DB, error) { return bolt.Open(path, 0o600, opts) })
	if err != nil {
		var cerr *CorruptError
		var perr *fs.PathError
		switch {
		case errors.As(err, &cerr):
			if file != nil {
				unlock(file)
				file.Close()
			}
			return nil, &CorruptError{Path: path, Err: unwrapCorrupt(err)}
		case errors.Is(err, bolt.ErrTimeout):
			return nil, fmt.Errorf("open database %s: %w (is another node using this --data?)", path, err)
		case errors.As(err, &perr):
			return nil, fmt.Errorf("open database %s: %w", path, err) // the OS's answer: permissions, a full disk
		}
		// Anything else bbolt refuses is the content: no magic, a bad
		// checksum or version, a file too small to hold its pages.
		return nil, &CorruptError{Path: path, Err: err}
	}
	if _, err := guard(func() (*bolt.DB, error) { return nil, check(db) }); err != nil {
		db.Close()
		return nil, &CorruptError{Path: path, Err: unwrapCorrupt(err)}
	}
	return db, nil
}

// check reads every page of the file and then runs bbolt's consistency
// check over it, returning its first finding with how many there were.
//
// Tx.Check runs in a goroutine of bbolt's own, where a panic on a damaged
// page cannot be recovered and kills the process. So every page it will
// touch is first read here, on the caller's goroutine under guard: each
// bucket's tree with all its keys and values (the pages bbolt asserts on,
// and the bytes the coordinator will decode). A file that survives that
// walk gives Tx.Check nothing to panic on, only findings to report (pages
// freed twice, unreachable, out of order).
func check(db *bolt.DB) error {
	return db.View(func(tx *bolt.Tx) error {
		if err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) }); err != nil {
			return err
		}
		var first error
		n := 0
		for err := range tx.Check() {
			if first == nil {
				first = err
			}
			n++
		}
		if n > 1 {
			return fmt.Errorf("%w (and %d more problems)", first, n-1)
		}
		return first
	})
}

// walk reads every key and value of b and of the buckets inside it, a byte
// of each memory page they span, so a damaged page panics (or faults) now.
func walk(b *bolt.Bucket) error {
	var sum byte
	touch := func(v []byte) {
		for i := 0; i < len(v); i += 4096 {
			sum ^= v[i]
		}
		if len(v) > 0 {
			sum ^= v[len(v)-1]
		}
	}
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		touch(k)
		touch(v)
		if v == nil {
			if child := b.Bucket(k); child != nil {
				if err := walk(child); err != nil {
					return err
				}
			}
		}
	}
	_ = sum // read for its side effect: the fault, if any, happens here
	return nil
}

// guard runs f, turning a panic in it (bbolt's, on a damaged file) or a
// memory fault (a page pointer past the mapped file) into a CorruptError's
// cause.
func guard(f func() (*bolt.DB, error)) (db *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, &CorruptError{Err: fmt.Errorf("bbolt: %v", r)}
		}
	}()
	return f()
}

// unwrapCorrupt returns the cause inside a CorruptError made by guard (which
// knows no path), or err itself.
func unwrapCorrupt(err error) error {
	var cerr *CorruptError
	if errors.As(err, &cerr) && cerr.Path == "" {
		return cerr.Err
	}
	return err
}

// createStore makes a new, empty store file at path: written as path.new and
// renamed, so a crash while making it leaves no file at path.
func createStore(path string) error {
	tmp := path + ".new"
	os.Remove(tmp) // a leftover of a crash while making it
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: openTimeout})
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketJobs} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("create database %s: %w", path, err)
	}
	return durable.SyncDir(filepath.Dir(path))
}

// Reset moves a corrupt store at path aside, as path.corrupt-TIME, so the
// node can start with an empty one; it returns the new name. A sound store
// is left alone (moved is ""): a flag left on in a service file must not
// throw jobs away.
func Reset(path string, now time.Time) (moved string, err error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", nil // nothing to reset: a new store
	}
	err = Verify(path)
	if !errors.Is(err, ErrCorrupt) {
		return "", err // sound (nil), or not a question of corruption
	}
	moved = path + ".corrupt-" + now.UTC().Format("20060102T150405Z")
	if err := os.Rename(path, moved); err != nil {
		return "", fmt.Errorf("move corrupt store aside: %w", err)
	}
	return moved, durable.SyncDir(filepath.Dir(path))
}

// Backup writes a consistent copy of the store to w (a read transaction:
// the node keeps serving and writing meanwhile) and returns its size.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFile writes a consistent copy of the store file at path, which no
// node may have open (its lock says so), to w; the copy is checked first,
// so a backup is never made of a damaged file.
func BackupFile(path string, w io.Writer) (int64, error) {
	db, err := openChecked(path, false)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	s := &Store{db: db}
	return s.Backup(w)
}

// Verify opens the store file at path read-only and checks every page of
// it, as Open does: for a backup just written, before anyone relies on it.
func Verify(path string) error {
	db, err := openChecked(path, false)
	if err != nil {
		return err
	}
	return db.Close()
}
