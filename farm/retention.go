package farm

import "time"

// Retention says how long a coordinator keeps what finished jobs leave
// behind, so that its memory and disk do not grow with its history.
type Retention struct {
	// Memory is how long a finished job stays in memory after it ends;
	// later its status, report, events and frames are read from the store
	// when asked for. 0 keeps finished jobs in memory for good.
	Memory time.Duration
	// Tiles is how long a finished job's accepted tiles are kept after it
	// ends (to re-check them, or to assemble a lost frame again); then
	// they are deleted with its task logs, and its frames and records
	// stay. 0 keeps them.
	Tiles time.Duration
}

// DefaultRetention keeps finished jobs in memory for ten minutes (a client
// that waits on a job finds it there) and their tiles for as long as the
// escrow gives a requester to settle.
func DefaultRetention() Retention {
	return Retention{Memory: 10 * time.Minute, Tiles: escrowDeadline}
}

// sweepEvery is how often the scheduler loop applies the retention.
const sweepEvery = time.Minute

// maybeSweep applies the retention when sweepEvery has passed on the
// coordinator's clock; it runs on the scheduler loop.
func (c *coordinator) maybeSweep() {
	now := c.now()
	if now.Sub(c.lastSweep) < sweepEvery {
		return
	}
	c.lastSweep = now
	c.evictFinished(now)
	c.collectTiles(now)
	c.capOwnBlobs()
}

// evictFinished drops from memory the jobs that ended more than
// Retention.Memory ago and that nothing works on any more. Each one's
// record is on disk before it goes, so a lookup right after finds it.
func (c *coordinator) evictFinished(now time.Time) {
	keep := c.cfg.Retention.Memory
	if keep <= 0 {
		return
	}
	c.mu.Lock()
	var ids []string
	var written []<-chan error
	for _, id := range c.order {
		j := c.jobs[id]
		if j.state.Final() && now.Sub(j.finished) >= keep && j.checking == 0 && len(j.assembling) == 0 && !j.accepting() {
			ids = append(ids, id)
			written = append(written, c.store.PutJob(id, j.record()))
		}
	}
	c.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	gone := make(map[string]bool)
	for i, ch := range written {
		if err := <-ch; err != nil {
			c.log.Error("keep finished job before dropping it from memory", "job", ids[i], "err", err)
			continue
		}
		gone[ids[i]] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	order := c.order[:0]
	for _, id := range c.order {
		if gone[id] && c.jobs[id].state.Final() {
			delete(c.jobs, id)
			continue
		}
		order = append(order, id)
	}
	c.order = order
}

// accepting reports whether an answered lease of the job is being recorded.
func (j *job) accepting() bool {
	for _, t := range j.tasks {
		if t.accepting != 0 {
			return true
		}
	}
	return false
}

// collectTiles deletes the tiles of jobs that ended more than
// Retention.Tiles ago, except blobs that a job still in memory uses (a
// tile's or a scene's hash: the store is content-addressed, and a black
// tile of one job is the black tile of another).
func (c *coordinator) collectTiles(now time.Time) {
	keep := c.cfg.Retention.Tiles
	if keep <= 0 {
		return
	}
	recs, err := c.store.Records()
	if err != nil {
		c.log.Error("collect tiles", "err", err)
		return
	}
	inUse := make(map[string]bool)
	for _, r := range recs {
		inUse[r.Rec.Spec.Scene] = true
	}
	c.mu.Lock()
	for _, j := range c.jobs {
		if !j.state.Final() {
			for _, t := range j.tasks {
				inUse[t.hash] = true
			}
		}
	}
	c.mu.Unlock()
	for _, r := range recs {
		if !r.Rec.State.Final() || r.Rec.TilesCollected || now.Sub(r.Rec.Finished) < keep {
			continue
		}
		sj, err := c.store.Job(r.ID)
		if err != nil {
			c.log.Error("collect tiles", "job", r.ID, "err", err)
			continue
		}
		for _, tr := range sj.Tasks {
			if !inUse[tr.Hash] {
				if err := c.blobs.Remove(tr.Hash); err != nil {
					c.log.Error("collect tile", "job", r.ID, "blob", tr.Hash, "err", err)
					continue
				}
				c.metrics.tilesCollected.Add(1)
			}
		}
		c.store.DeleteLogs(r.ID) // the task logs go with the tiles they tell of
		c.mu.Lock()
		if j, ok := c.jobs[r.ID]; ok {
			j.tilesCollected = true
			c.save(j)
		} else {
			sj.Rec.TilesCollected = true
			c.store.PutJob(r.ID, sj.Rec)
		}
		c.mu.Unlock()
	}
}

// capOwnBlobs holds the node's own blobs and its cache together under
// --cache-max (NodeConfig.CacheBytes), which the cache alone keeps by
// itself: when they are over it, the least recently used of the blobs no
// running job needs go. Only the scenes and tiles of jobs that ended and
// that nothing works on any more (no check, assembly or late tile) may
// go, and never one a job still open uses too (the store is
// content-addressed: a black tile of one job is the black tile of
// another); uploads no job names yet, evidence and kept results are not
// touched. A submit pins its scene and a lease its tile until the job
// holds them, so neither is taken in between. It runs on the sweep.
func (c *coordinator) capOwnBlobs() {
	capBytes := c.cfg.CacheBytes
	if capBytes <= 0 || c.cache == nil {
		return
	}
	cached, _ := c.cache.Usage()
	own, _ := c.blobs.Usage()
	budget := max(capBytes-cached, 0)
	if own <= budget {
		return
	}
	recs, err := c.store.Records()
	if err != nil {
		c.log.Error("cap own blobs", "err", err)
		return
	}
	// What ended jobs leave, read off the lock: an ended job stays ended.
	ended := make(map[string]bool)
	for _, r := range recs {
		if !r.Rec.State.Final() {
			continue
		}
		ended[r.Rec.Spec.Scene] = true
		if r.Rec.TilesCollected {
			continue
		}
		sj, err := c.store.Job(r.ID)
		if err != nil {
			c.log.Error("cap own blobs", "job", r.ID, "err", err)
			continue
		}
		for _, tr := range sj.Tasks {
			ended[tr.Hash] = true
		}
	}
	// Under the lock until the blobs are gone: no job starts to need one
	// in between.
	c.mu.Lock()
	defer c.mu.Unlock()
	inUse := make(map[string]bool)
	for _, j := range c.jobs {
		if j.state.Final() && j.checking == 0 && len(j.assembling) == 0 && !j.accepting() {
			continue
		}
		inUse[j.spec.Scene] = true
		for _, t := range j.tasks {
			inUse[t.hash] = true
		}
	}
	removed := c.blobs.EvictLRU(budget, func(h string) bool { return ended[h] && !inUse[h] }, time.Now())
	if removed > 0 {
		c.log.Info("own blobs over --cache-max: removed ended jobs' scenes and tiles", "bytes", removed)
	}
}
