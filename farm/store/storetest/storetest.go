// Package storetest makes coordinator stores for tests: filled with jobs,
// and damaged in the ways disks and crashes damage files.
package storetest

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/tiler"
)

// pageSize is bbolt's page size here (the OS page size) in the files the
// tests damage.
var pageSize = os.Getpagesize()

// Fill writes jobs jobs, each with tasks accepted tasks and a few events, to
// the store at path and closes it: a store a coordinator has worked with.
func Fill(t testing.TB, path string, jobs, tasks int) []string {
	t.Helper()
	s, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var last <-chan error
	for i := range jobs {
		spec := api.JobSpec{
			Scene: strings.Repeat("ab", 32), SceneName: "cornell.glb", Renderer: "pathtracer", Nonce: fmt.Sprint(i),
			Frames: tiler.Frames{Start: 1, End: 4, Step: 1}, Resolution: tiler.Resolution{Width: 64, Height: 48},
			Samples: 4, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8,
		}
		id := spec.ID()
		ids = append(ids, id)
		s.PutJob(id, store.JobRecord{Spec: spec, State: api.JobDone, Created: time.Unix(int64(i), 0), Frames: []int{1, 2, 3, 4}})
		for k := range tasks {
			last = s.PutTask(id, k, store.TaskRecord{Node: "node-1", Seconds: 0.5, Hash: strings.Repeat("cd", 32), Attempts: 1})
		}
		s.PutEvent(id, api.Event{Seq: 1, Type: api.EventSubmitted, Task: -1})
		s.PutEvent(id, api.Event{Seq: 2, Type: api.EventFinished, Task: -1, State: api.JobDone})
	}
	if last != nil {
		if err := <-last; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// Damage damages the store file at path as named: "truncated" (half of it
// gone), "one page" (all but its first page gone), "random pages" (every
// third page from the third on overwritten with random bytes), "freelist"
// (the freelist pages the metas name overwritten), "tree pages" (every page of the
// buckets overwritten, the metas and the freelist left whole), "zero bytes", "no magic" (its two meta
// pages zeroed), or "garbage" (a file of random bytes).
func Damage(t testing.TB, path, how string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	noise := func(b []byte) {
		for i := range b {
			b[i] = byte(rnd.Uint32())
		}
	}
	switch how {
	case "truncated":
		data = data[:len(data)/2]
	case "one page":
		data = data[:pageSize]
	case "random pages":
		for p := 2; (p+1)*pageSize <= len(data); p += 3 {
			noise(data[p*pageSize : (p+1)*pageSize])
		}
	case "tree pages":
		// Every page but the metas and the freelists they name: bbolt
		// opens the file, and only reading its buckets finds the damage.
		keep := map[int]bool{0: true, 1: true}
		for _, p := range freelists(data) {
			keep[p] = true
		}
		for p := 2; (p+1)*pageSize <= len(data); p++ {
			if !keep[p] {
				noise(data[p*pageSize : (p+1)*pageSize])
			}
		}
	case "freelist":
		for _, p := range freelists(data) {
			if (p+1)*pageSize <= len(data) {
				noise(data[p*pageSize : (p+1)*pageSize])
			}
		}
	case "zero bytes":
		data = nil
	case "no magic":
		clear(data[:2*pageSize])
	case "garbage":
		data = make([]byte, 16*pageSize)
		noise(data)
	default:
		t.Fatalf("no damage %q", how)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Damages are the ways Damage damages a store.
var Damages = []string{"truncated", "one page", "random pages", "tree pages", "freelist", "zero bytes", "no magic", "garbage"}

// freelists returns the freelist page of each of the file's two meta pages
// (bbolt's meta: a 16-byte page header, then magic, version, page size and
// flags, the root bucket's 16 bytes, and the freelist's page id).
func freelists(data []byte) []int {
	var out []int
	for m := range 2 {
		if off := m*pageSize + 48; off+8 <= len(data) {
			out = append(out, int(binary.NativeEndian.Uint64(data[off:])))
		}
	}
	return out
}
