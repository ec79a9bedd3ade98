package farm

import "sync"

// group owns goroutines and waits for them. Unlike a bare WaitGroup, Go
// refuses new goroutines once Wait has begun, so a request handler or a
// lease that ends late cannot start work after the owner's cleanup (the
// store closed, the renderers stopped) is under way.
type group struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// Go runs f in a goroutine the group waits for, and reports whether it
// did: false once Wait has begun.
func (g *group) Go(f func()) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		f()
	}()
	return true
}

// Wait refuses new goroutines and waits for the running ones to end.
func (g *group) Wait() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
	g.wg.Wait()
}
