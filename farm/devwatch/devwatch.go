// Package devwatch notices a machine's compute devices changing: the
// device nodes GPU drivers expose appearing or going, and the drivers'
// version files changing, so that a node can ask Blender again what it
// can render on without a restart.
//
// It looks rather than listens: a Stat of a handful of paths every half
// minute costs nothing, works the same on every platform (where the paths
// do not exist the set is simply empty), and a driver install that
// touches many files at once is seen as one change at the next look.
package devwatch

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// DefaultPaths are the globs a node watches: the device nodes of the DRM
// (Intel, AMD, NVIDIA's open modules), NVIDIA's and AMD's compute drivers,
// and the NVIDIA driver's version files, which change when a new driver is
// loaded although the device nodes stay.
var DefaultPaths = []string{
	"/dev/dri/*",
	"/dev/nvidia*",
	"/dev/kfd",
	"/proc/driver/nvidia/version",
	"/sys/module/nvidia/version",
	"/sys/module/amdgpu/version",
}

// DefaultEvery is how often a node looks at its device paths.
const DefaultEvery = 30 * time.Second

// maxRead bounds how much of a regular file a Snapshot reads to tell its
// content apart: a driver's version file is a line or two.
const maxRead = 64 << 10

// Snapshot is what the watched paths hold at one moment: each existing
// path's kind and, for a regular file, a digest of its content (its size
// and modification time when larger than maxRead).
type Snapshot map[string]string

// Take reads the paths the globs match. A glob that matches nothing adds
// nothing; a malformed glob is an error naming it.
func Take(globs []string) (Snapshot, error) {
	s := Snapshot{}
	for _, g := range globs {
		matches, err := filepath.Glob(g)
		if err != nil {
			return nil, fmt.Errorf("devwatch: path %q: %w", g, err)
		}
		for _, p := range matches {
			if v, ok := describe(p); ok {
				s[p] = v
			}
		}
	}
	return s, nil
}

// describe says what path is, enough to tell when it changed; false when
// it went between the glob and the look.
func describe(path string) (string, bool) {
	fi, err := os.Lstat(path)
	if err != nil {
		return "", false
	}
	if !fi.Mode().IsRegular() {
		// A device node's times change as it is used (a tty's do on
		// every keystroke): only its kind and permissions say something
		// about the device.
		return fi.Mode().String(), true
	}
	if fi.Size() > maxRead {
		return fmt.Sprintf("%s %d %d", fi.Mode(), fi.Size(), fi.ModTime().UnixNano()), true
	}
	// /proc and /sys files report size 0 and a time of their own: their
	// content is what says a driver changed.
	f, err := os.Open(path)
	if err != nil {
		return fi.Mode().String() + " unreadable", true
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, maxRead)); err != nil {
		return fi.Mode().String() + " unreadable", true
	}
	return fmt.Sprintf("%s %x", fi.Mode(), h.Sum(nil)[:8]), true
}

// Diff says in words what changed from s to next ("appeared: /dev/nvidia0;
// gone: /dev/dri/card1; changed: /proc/driver/nvidia/version"); "" when
// nothing did.
func (s Snapshot) Diff(next Snapshot) string {
	var appeared, gone, changed []string
	for _, p := range slices.Sorted(maps.Keys(next)) {
		old, ok := s[p]
		switch {
		case !ok:
			appeared = append(appeared, p)
		case old != next[p]:
			changed = append(changed, p)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(s)) {
		if _, ok := next[p]; !ok {
			gone = append(gone, p)
		}
	}
	var parts []string
	for _, part := range []struct {
		what  string
		paths []string
	}{{"appeared", appeared}, {"gone", gone}, {"changed", changed}} {
		if len(part.paths) > 0 {
			parts = append(parts, part.what+": "+strings.Join(part.paths, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// Watcher looks at a set of device paths and says when they change.
type Watcher struct {
	globs []string
	last  Snapshot
}

// New takes the first look at the globs: a change after New returns is
// seen by the next Run tick. A malformed glob is an error naming it.
func New(globs []string) (*Watcher, error) {
	s, err := Take(globs)
	if err != nil {
		return nil, err
	}
	return &Watcher{globs: slices.Clone(globs), last: s}, nil
}

// Run looks at the paths every interval until ctx ends, and calls changed
// with the difference (Diff's words) each time the set differs from the
// last look. An interval of 0 or less watches nothing and returns at once.
// Only one Run at a time.
func (w *Watcher) Run(ctx context.Context, every time.Duration, changed func(diff string)) {
	if every <= 0 {
		return
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		next, err := Take(w.globs)
		if err != nil {
			return // New took the same globs: they were well formed
		}
		if d := w.last.Diff(next); d != "" {
			changed(d)
		}
		w.last = next
	}
}

// Check reports an error naming the first malformed glob, for a node to
// refuse at start rather than watch nothing.
func Check(globs []string) error {
	for _, g := range globs {
		if _, err := filepath.Match(g, ""); err != nil {
			return fmt.Errorf("devwatch: path %q: %w", g, err)
		}
	}
	return nil
}
