package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/farm/store/storetest"
)

func open(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestCorruptStoreRefused: a damaged store is a clear error naming the file
// and the ways out, never a panic and never a silent empty start; Reset
// moves it aside, and the store then starts empty.
func TestCorruptStoreRefused(t *testing.T) {
	for _, how := range storetest.Damages {
		t.Run(how, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "farm.db")
			storetest.Fill(t, path, 60, 16)
			storetest.Damage(t, path, how)
			s, err := store.Open(path, nil)
			if err == nil {
				s.Close()
				t.Fatal("a damaged store opened")
			}
			for _, want := range []string{path, "is corrupt", "conun backup", "--reset-store", path + ".corrupt-TIME"} {
				if !strings.Contains(err.Error(), want) || !errors.Is(err, store.ErrCorrupt) {
					t.Fatalf("error %q lacks %q (or is not store.ErrCorrupt)", err, want)
				}
			}
			if err := store.Verify(path); !errors.Is(err, store.ErrCorrupt) {
				t.Fatalf("Verify: %v", err)
			}
			now := time.Date(2026, 12, 4, 20, 1, 2, 0, time.UTC)
			moved, err := store.Reset(path, now)
			if err != nil || moved != path+".corrupt-20261204T200102Z" {
				t.Fatalf("Reset: %q %v", moved, err)
			}
			if _, err := os.Stat(moved); err != nil {
				t.Fatalf("the damaged file is gone: %v", err)
			}
			s = open(t, path)
			if recs, err := s.Records(); err != nil || len(recs) != 0 {
				t.Fatalf("after reset: %d jobs, %v", len(recs), err)
			}
		})
	}
}

// TestResetKeepsSoundStore: Reset leaves a sound store (and a missing one)
// alone.
func TestResetKeepsSoundStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "farm.db")
	if moved, err := store.Reset(path, time.Now()); moved != "" || err != nil {
		t.Fatalf("Reset of no store: %q %v", moved, err)
	}
	ids := storetest.Fill(t, path, 5, 2)
	if moved, err := store.Reset(path, time.Now()); moved != "" || err != nil {
		t.Fatalf("Reset of a sound store: %q %v", moved, err)
	}
	if recs, err := open(t, path).Records(); err != nil || len(recs) != len(ids) {
		t.Fatalf("after Reset: %d jobs %v, want %d", len(recs), err, len(ids))
	}
}

// TestNewStoreLeavesNoHalfFile: a store is made under another name, so a
// leftover of a crash while making one is cleared and never taken for it.
func TestNewStoreLeavesNoHalfFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "farm.db")
	if err := os.WriteFile(path+".new", []byte("half made"), 0o600); err != nil {
		t.Fatal(err)
	}
	open(t, path)
	if _, err := os.Stat(path + ".new"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the leftover stays: %v", err)
	}
}

// TestBackupRoundTrip: a backup taken while the store is open and written
// to holds every job, task and event, and opens as a sound store.
func TestBackupRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "farm.db")
	ids := storetest.Fill(t, path, 200, 16)
	s := open(t, path)
	for i := range 50 { // writes queued while the backup runs
		s.PutMeta(fmt.Sprintf("during/%d", i), []byte("x"))
	}
	var buf bytes.Buffer
	n, err := s.Backup(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("Backup: %d bytes (%d written), %v", n, buf.Len(), err)
	}
	restored := filepath.Join(dir, "restored.db")
	if err := os.WriteFile(restored, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := store.Verify(restored); err != nil {
		t.Fatal(err)
	}
	r := open(t, restored)
	recs, err := r.Records()
	if err != nil || len(recs) != len(ids) {
		t.Fatalf("restored %d jobs (%v), want %d", len(recs), err, len(ids))
	}
	for _, id := range ids {
		j, err := r.Job(id)
		if err != nil || len(j.Tasks) != 16 {
			t.Fatalf("job %s: %d tasks, %v", id, len(j.Tasks), err)
		}
		if evs, err := r.Events(id); err != nil || len(evs) != 2 {
			t.Fatalf("job %s: %d events, %v", id, len(evs), err)
		}
	}
}

// TestBackupFileRefusesDamage: a backup is never made of a damaged file.
func TestBackupFileRefusesDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "farm.db")
	storetest.Fill(t, path, 10, 4)
	var buf bytes.Buffer
	if _, err := store.BackupFile(path, &buf); err != nil || buf.Len() == 0 {
		t.Fatalf("BackupFile of a sound store: %d bytes, %v", buf.Len(), err)
	}
	storetest.Damage(t, path, "random pages")
	buf.Reset()
	if _, err := store.BackupFile(path, &buf); !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("BackupFile of a damaged store: %v", err)
	}
}

// BenchmarkOpenChecked measures what the consistency check at start costs
// on a store of a few hundred jobs (the check reads every page).
func BenchmarkOpenChecked(b *testing.B) {
	for _, jobs := range []int{300, 3000} {
		b.Run(fmt.Sprint(jobs, "jobs"), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "farm.db")
			storetest.Fill(b, path, jobs, 16)
			for b.Loop() {
				s, err := store.Open(path, nil)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			fi, _ := os.Stat(path)
			b.ReportMetric(float64(fi.Size())/(1<<20), "MiB")
		})
	}
}

// TestRandomDamageNeverCrashes: a real store with a few random bytes
// changed, a thousand times over, opens or is a corrupt-store error: no
// panic in bbolt's own goroutines, no fault, no endless loop (each of which
// this found before the page walk in pages.go).
func TestRandomDamageNeverCrashes(t *testing.T) {
	dir := t.TempDir()
	seedPath := filepath.Join(dir, "seed.db")
	storetest.Fill(t, seedPath, 3, 2)
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(7, 9))
	opened := 0
	for i := range 1000 {
		data := bytes.Clone(seed)
		for range 1 + rnd.IntN(8) {
			data[rnd.IntN(len(data))] = byte(rnd.Uint32())
		}
		path := filepath.Join(dir, fmt.Sprint(i, ".db"))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := store.Open(path, nil)
		if err != nil {
			if !errors.Is(err, store.ErrCorrupt) {
				t.Fatalf("damage %d: not a corrupt-store error: %v", i, err)
			}
			continue
		}
		opened++
		s.Records()
		s.LoadActive()
		s.Close()
		os.Remove(path)
	}
	t.Logf("%d of 1000 damaged copies opened (damage in values or free pages)", opened)
}

// FuzzOpen: whatever bytes lie in a store file, Open returns a store or an
// error, and never panics or faults (which would kill the fuzzer's
// process). The seeds are real stores, whole and damaged in each way
// storetest knows, so mutations start from pages bbolt accepts.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	for i, how := range append([]string{""}, storetest.Damages...) {
		path := filepath.Join(dir, fmt.Sprint(i, ".db"))
		storetest.Fill(f, path, 3, 2)
		if how != "" {
			storetest.Damage(f, path, how)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "farm.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := store.Open(path, nil)
		if err != nil {
			if !errors.Is(err, store.ErrCorrupt) {
				t.Fatalf("not a corrupt-store error: %v", err)
			}
			return
		}
		// A store that opened is read as the coordinator reads it.
		if _, err := s.Records(); err == nil {
			s.LoadActive()
		}
		s.Close()
	})
}
