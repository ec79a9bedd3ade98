package pathtracer

import (
	"crypto/sha256"
	"sync"
)

// maxFramesPerScene bounds the built frames kept per scene. Tiles of one
// frame arrive together, so a few frames are enough to serve them all.
const maxFramesPerScene = 4

// sceneCache keeps the most recently used parsed scenes, keyed by the
// SHA-256 of the file's bytes: a changed file is a different scene, and
// the same bytes under another path share one entry.
type sceneCache struct {
	mu      sync.Mutex
	limit   int
	limits  Limits // what one scene may hold
	clock   uint64
	entries map[[sha256.Size]byte]*cacheEntry
}

// cacheEntry is one scene. Parsing happens once, under once, so concurrent
// tiles of a new scene wait for one parse rather than doing their own.
type cacheEntry struct {
	once     sync.Once
	sc       *scene
	err      error
	lastUsed uint64 // guarded by sceneCache.mu

	mu     sync.Mutex
	frames map[frameKey]*frameEntry
	fclock uint64
}

type frameKey struct {
	frame      int
	lightScale float64
	fps        float64
}

type frameEntry struct {
	once     sync.Once
	w        *world
	lastUsed uint64 // guarded by cacheEntry.mu
}

func newSceneCache(limit int, limits Limits) *sceneCache {
	return &sceneCache{limit: max(limit, 1), limits: limits, entries: map[[sha256.Size]byte]*cacheEntry{}}
}

// scene returns the parsed scene for data, parsing it at most once while it
// stays cached.
func (c *sceneCache) scene(name string, data []byte) (*cacheEntry, error) {
	key := sha256.Sum256(data)
	c.mu.Lock()
	c.clock++
	e, ok := c.entries[key]
	if !ok {
		e = &cacheEntry{frames: map[frameKey]*frameEntry{}}
		if len(c.entries) >= c.limit {
			// Evict the least recently used; clocks are unique, so
			// the choice does not depend on map order.
			var victim [sha256.Size]byte
			best := ^uint64(0)
			for k, v := range c.entries {
				if v.lastUsed < best {
					victim, best = k, v.lastUsed
				}
			}
			delete(c.entries, victim)
		}
		c.entries[key] = e
	}
	e.lastUsed = c.clock
	c.mu.Unlock()

	e.once.Do(func() { e.sc, e.err = parseScene(name, data, c.limits) })
	return e, e.err
}

// world returns the built frame, building it at most once while cached.
func (e *cacheEntry) world(key frameKey, build func() *world) *world {
	e.mu.Lock()
	e.fclock++
	f, ok := e.frames[key]
	if !ok {
		f = &frameEntry{}
		if len(e.frames) >= maxFramesPerScene {
			var victim frameKey
			best := ^uint64(0)
			for k, v := range e.frames {
				if v.lastUsed < best {
					victim, best = k, v.lastUsed
				}
			}
			delete(e.frames, victim)
		}
		e.frames[key] = f
	}
	f.lastUsed = e.fclock
	e.mu.Unlock()
	f.once.Do(func() { f.w = build() })
	return f.w
}
