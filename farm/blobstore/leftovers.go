package blobstore

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// partialMaxAge is how long an abandoned upload's bytes are kept.
const partialMaxAge = 7 * 24 * time.Hour

// downloadMaxAge is how long a partial download from peers is kept to
// resume: a client may come back to an upload days later, but the task
// that fetched a scene is long requeued elsewhere after a day, and a new
// lease of the job fetches from wherever the pieces are then.
const downloadMaxAge = 24 * time.Hour

// cleanLeftovers removes what a crash or an abandoned transfer left in the
// store; Open calls it before anything else can write there:
//   - .incoming-* files: a whole-blob Put in progress when its process
//     died (a live Put removes its own on every return);
//   - partials (and their uploads' meta) nobody has touched for
//     partialMaxAge, partial downloads untouched for downloadMaxAge, and
//     meta whose partial is gone;
//   - named links whose blob is gone (a crash in eviction between the
//     two removals): being hard links, they would keep the bytes alive.
func (b *Blobs) cleanLeftovers(now time.Time) {
	incoming, _ := filepath.Glob(filepath.Join(b.dir, ".incoming-*"))
	for _, p := range incoming {
		os.Remove(p)
	}
	partials, _ := filepath.Glob(filepath.Join(b.dir, ".partial-*"))
	for _, p := range partials {
		maxAge := partialMaxAge
		if _, ok := downloadPartial(filepath.Base(p)); ok {
			maxAge = downloadMaxAge
		}
		if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > maxAge {
			b.dropPartial(strings.TrimPrefix(filepath.Base(p), ".partial-"))
		}
	}
	metas, _ := filepath.Glob(filepath.Join(b.dir, ".upload-*"))
	for _, p := range metas {
		u := strings.TrimPrefix(filepath.Base(p), ".upload-")
		if _, err := os.Stat(b.partialPath(u)); os.IsNotExist(err) {
			os.Remove(p)
		}
	}
	named, _ := filepath.Glob(filepath.Join(b.dir, "named", "*"))
	for _, p := range named {
		h, _, _ := strings.Cut(filepath.Base(p), ".")
		if _, err := os.Stat(filepath.Join(b.dir, h)); os.IsNotExist(err) {
			os.Remove(p)
		}
	}
}
