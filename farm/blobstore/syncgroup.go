package blobstore

import "sync"

// syncGroups lets the SyncGrouped calls that arrive while a round of
// fsyncs runs share the next round: a burst of hundreds of accepted tiles
// costs a couple of rounds (each its files' fsyncs at once and one of the
// directory), not a directory fsync and a file fsync a tile, each waiting
// its turn at the disk.
type syncGroups struct {
	mu       sync.Mutex
	next     *syncGroup // collecting hashes for the next round; nil: none
	flushing bool       // a caller is running rounds
}

// syncGroup is one round: its hashes, and its result once done is closed.
type syncGroup struct {
	hashes []string
	done   chan struct{}
	err    error
}

// SyncGrouped makes blob h durable like Sync, sharing the round of fsyncs
// with the calls that overlap it. An error of the round (any of its files,
// or the directory) is every caller's: none of them may count its blob as
// durable.
func (b *Blobs) SyncGrouped(h string) error {
	g := &b.syncs
	g.mu.Lock()
	if g.next == nil {
		g.next = &syncGroup{done: make(chan struct{})}
	}
	mine := g.next
	mine.hashes = append(mine.hashes, h)
	if g.flushing {
		g.mu.Unlock()
		<-mine.done
		return mine.err
	}
	// This caller runs rounds until nobody waits: its own first, then
	// those that gathered meanwhile (their callers are blocked on done).
	g.flushing = true
	for g.next != nil {
		round := g.next
		g.next = nil
		g.mu.Unlock()
		round.err = b.Sync(round.hashes...)
		close(round.done)
		g.mu.Lock()
	}
	g.flushing = false
	g.mu.Unlock()
	return mine.err
}
