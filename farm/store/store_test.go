package store

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/conun/conun/farm/api"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestWritesLandInOrder: queued writes land in the order they were queued,
// whoever waits for them, so a delete queued after a put is never undone by
// it and a put queued after a delete is never lost to it.
func TestWritesLandInOrder(t *testing.T) {
	tests := []struct {
		name string
		ops  func(s *Store) <-chan error
		want map[int]string // task -> node of the record left
	}{
		{"put then delete", func(s *Store) <-chan error {
			s.PutTask("j", 1, TaskRecord{Node: "a"})
			return s.DeleteTask("j", 1)
		}, map[int]string{}},
		{"delete then put", func(s *Store) <-chan error {
			s.PutTask("j", 1, TaskRecord{Node: "a"})
			s.DeleteTask("j", 1)
			return s.PutTask("j", 1, TaskRecord{Node: "b"})
		}, map[int]string{1: "b"}},
		{"many puts", func(s *Store) <-chan error {
			var last <-chan error
			for i := range 3000 { // more than one batch
				last = s.PutTask("j", i%3, TaskRecord{Node: string(rune('a' + i%26))})
			}
			return last
		}, map[int]string{0: string(rune('a' + 2997%26)), 1: string(rune('a' + 2998%26)), 2: string(rune('a' + 2999%26))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "farm.db"))
			if err := <-s.PutJob("j", JobRecord{State: api.JobRunning, Created: time.Now()}); err != nil {
				t.Fatal(err)
			}
			if err := <-tc.ops(s); err != nil {
				t.Fatal(err)
			}
			sj, err := s.Job("j")
			if err != nil {
				t.Fatal(err)
			}
			got := map[int]string{}
			for i, tr := range sj.Tasks {
				got[i] = tr.Node
			}
			if len(got) != len(tc.want) {
				t.Fatalf("tasks %v, want %v", got, tc.want)
			}
			for i, n := range tc.want {
				if got[i] != n {
					t.Fatalf("tasks %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestBadWriteSinksOnlyItself: a write that fails in a batch fails alone;
// the others of its batch land.
func TestBadWriteSinksOnlyItself(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "farm.db"))
	put := func(key, v string) func(*bolt.Tx) error {
		return func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte(key), []byte(v)) }
	}
	batch := []op{
		{what: "a", apply: put("a", "1"), done: make(chan error, 1)},
		{what: "broken", apply: func(*bolt.Tx) error { return errors.New("disk says no") }, done: make(chan error, 1)},
		{what: "b", apply: put("b", "2"), done: make(chan error, 1)},
	}
	s.commit(batch)
	errs := []error{<-batch[0].done, <-batch[1].done, <-batch[2].done}
	if errs[0] != nil || errs[1] == nil || errs[2] != nil {
		t.Fatalf("errors %v: want only the broken write to fail", errs)
	}
	if string(s.Meta("a")) != "1" || string(s.Meta("b")) != "2" {
		t.Fatalf("meta a=%q b=%q", s.Meta("a"), s.Meta("b"))
	}
}

// TestCloseWritesWhatIsQueued: Close lands every queued write before the
// file closes, and writes queued after it fail with ErrClosed.
func TestCloseWritesWhatIsQueued(t *testing.T) {
	path := filepath.Join(t.TempDir(), "farm.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.PutJob("j", JobRecord{State: api.JobDone, Created: time.Now()})
	for i := range 100 {
		s.PutEvent("j", api.Event{Type: api.EventDone, Task: i})
	}
	s.PutEvent("j", api.Event{Type: api.EventProgress}) // never kept
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-s.PutMeta("late", nil); !errors.Is(err, ErrClosed) {
		t.Fatalf("write after close: %v, want ErrClosed", err)
	}
	s = open(t, path)
	evs, err := s.Events("j")
	if err != nil || len(evs) != 100 || evs[99].Task != 99 {
		t.Fatalf("%d events kept (%v), want 100 in order", len(evs), err)
	}
	active, err := s.LoadActive()
	if err != nil || len(active) != 0 {
		t.Fatalf("LoadActive returned %d jobs (%v): a done job is not active", len(active), err)
	}
	if _, err := s.Job("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing job: %v, want ErrNotFound", err)
	}
}

// TestMetaKeys: the meta keys under a prefix, in order, and with
// MetaScan their values; a key that merely starts like the prefix is not
// under it, and DeleteMetaPrefix removes the keys under it alone.
func TestMetaKeys(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "farm.db"))
	all := []string{"kept/b", "kept/a", "kept/a/1", "keptx", "wallet", "kep"}
	for _, k := range all {
		if err := <-s.PutMeta(k, []byte(k+"!")); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		prefix string
		want   []string
	}{
		{"kept/", []string{"kept/a", "kept/a/1", "kept/b"}},
		{"kept", []string{"kept/a", "kept/a/1", "kept/b", "keptx"}},
		{"kept/a", []string{"kept/a", "kept/a/1"}},
		{"none/", nil},
		{"", []string{"kep", "kept/a", "kept/a/1", "kept/b", "keptx", "wallet"}},
	}
	for _, tc := range tests {
		if got := s.MetaKeys(tc.prefix); !slices.Equal(got, tc.want) {
			t.Errorf("MetaKeys(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
		var scanned []string
		s.MetaScan(tc.prefix, func(k string, v []byte) {
			if string(v) != k+"!" {
				t.Errorf("MetaScan(%q): %s = %q", tc.prefix, k, v)
			}
			scanned = append(scanned, k)
		})
		if !slices.Equal(scanned, tc.want) {
			t.Errorf("MetaScan(%q) = %q, want %q", tc.prefix, scanned, tc.want)
		}
	}
	if err := <-s.DeleteMetaPrefix("kept/"); err != nil {
		t.Fatal(err)
	}
	if got, want := s.MetaKeys(""), []string{"kep", "keptx", "wallet"}; !slices.Equal(got, want) {
		t.Errorf("after DeleteMetaPrefix(\"kept/\"): %q, want %q", got, want)
	}
}
