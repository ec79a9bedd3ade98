package sandbox

// The path tracer's warm containers: one ptrender per scene serving its
// tasks in turn, kept idle for the next task within bounds.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/renderer/sandbox/internal/ptproto"
	"github.com/moby/moby/api/types/mount"
)

// ptBox is one ptrender container, serving one scene.
type ptBox struct {
	*box
	key    string // sceneKey
	scene  string // the host's path, for errors
	outDir string // the host side of ptOutDir

	msgs    chan ptproto.Message // its answers; closed when its output ends
	tail    []string             // its last lines; set before msgs is closed
	done    chan struct{}        // closed once it has ended and been removed
	waitErr error                // how it ended; set before done is closed
	timer   *time.Timer          // stops it once idle too long; guarded by PathTracer.mu
	once    sync.Once
}

// startBox starts a container for the scene, which sees the scene file
// (read-only) and an output directory of its own.
func (p *PathTracer) startBox(ctx context.Context, key, scene string) (*ptBox, error) {
	s := p.s
	sceneMount, staged, err := s.bindFile(scene, ptSceneIn(scene))
	if err != nil {
		return nil, err
	}
	var remove []string
	if staged != "" {
		remove = append(remove, staged)
	}
	fail := func(err error) (*ptBox, error) {
		for _, path := range remove {
			removeAll(path)
		}
		if errors.Is(context.Cause(ctx), ErrTimeout) && !errors.Is(err, ErrTimeout) {
			err = fmt.Errorf("%w (%s): %w", ErrTimeout, s.cfg.Timeout, err)
		}
		return nil, err
	}
	outDir, err := os.MkdirTemp(s.cfg.WorkDir, "pathtracer-")
	if err != nil {
		return fail(fmt.Errorf("sandbox: %w", err))
	}
	remove = append(remove, outDir)
	outMount, err := s.bindOut(outDir, ptOutDir)
	if err != nil {
		return fail(err)
	}
	bx, err := s.start(ctx, spec{
		kind: "pathtracer", image: s.cfg.PathTracerImage,
		cmd:    []string{"/ptrender", "serve"},
		mounts: []mount.Mount{sceneMount, outMount}, outDir: outDir, stdin: true,
	})
	if err != nil {
		return fail(err)
	}
	bx.remove = remove
	p.starts.Add(1)
	b := &ptBox{box: bx, key: key, scene: scene, outDir: outDir, msgs: make(chan ptproto.Message, 16), done: make(chan struct{})}
	go b.read()
	go func() {
		b.waitErr = bx.Wait()
		close(b.done)
	}()
	p.mu.Lock()
	closed := p.closed
	if !closed {
		p.live[b] = true
	}
	p.mu.Unlock()
	if closed {
		b.close()
		return nil, p.errClosed(scene)
	}
	return b, nil
}

// read passes on the Messages of the container's output until it ends,
// keeping its other last lines (a crash's panic) for errors.
func (b *ptBox) read() {
	defer close(b.msgs)
	defer b.out.Close()
	sc := bufio.NewScanner(b.out)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, ptproto.Prefix); i >= 0 {
			var m ptproto.Message
			if json.Unmarshal([]byte(line[i+len(ptproto.Prefix):]), &m) == nil {
				b.msgs <- m
				continue
			}
		}
		if len(b.tail) == 20 {
			b.tail = append(b.tail[:0], b.tail[1:]...)
		}
		b.tail = append(b.tail, line)
	}
	io.Copy(io.Discard, b.out)
}

// exited reports whether the container has ended.
func (b *ptBox) exited() bool {
	select {
	case <-b.done:
		return true
	default:
		return false
	}
}

// close kills the container and waits until it is removed.
func (b *ptBox) close() {
	b.once.Do(func() {
		b.kill(nil, "")
		for range b.msgs {
		}
		<-b.done
	})
}

// enter counts a task in for the scene's turns.
func (p *PathTracer) enter(key, scene string) (*ptScene, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, p.errClosed(scene)
	}
	sc := p.scenes[key]
	if sc == nil {
		sc = &ptScene{turns: make(chan struct{}, p.perScene)}
		p.scenes[key] = sc
	}
	sc.refs++
	p.tasks.Add(1)
	return sc, nil
}

func (p *PathTracer) leave(key string, sc *ptScene) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if sc.refs--; sc.refs == 0 {
		delete(p.scenes, key)
	}
	p.tasks.Done()
}

// takeIdle takes a warm container of the scene off the idle list, the most
// recently used first; one that died while idle is dropped.
func (p *PathTracer) takeIdle(key string) *ptBox {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := len(p.idle) - 1; i >= 0; i-- {
		b := p.idle[i]
		if b.key != key {
			continue
		}
		p.idle = append(p.idle[:i], p.idle[i+1:]...)
		b.timer.Stop()
		if !b.exited() {
			return b
		}
		p.retire(b)
	}
	return nil
}

// putIdle keeps b warm for the scene's next task, stopping the least
// recently used container past maxIdle. It returns false, keeping nothing,
// once the renderer is closed.
func (p *PathTracer) putIdle(b *ptBox) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	b.timer = time.AfterFunc(p.idleTimeout, func() { p.expire(b) })
	p.idle = append(p.idle, b)
	for len(p.idle) > p.maxIdle {
		old := p.idle[0]
		p.idle = p.idle[1:]
		old.timer.Stop()
		p.retire(old)
	}
	return true
}

// expire stops b if it is still idle.
func (p *PathTracer) expire(b *ptBox) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, x := range p.idle {
		if x == b {
			p.idle = append(p.idle[:i], p.idle[i+1:]...)
			p.retire(b)
			return
		}
	}
}

// retire stops a container that no task holds, in the background (Close
// waits for it). p.mu is held and p is not closed.
func (p *PathTracer) retire(b *ptBox) {
	delete(p.live, b)
	p.closes.Add(1)
	go func() {
		defer p.closes.Done()
		b.close()
	}()
}

// stop stops a container its task gives up, and waits until it is gone.
func (p *PathTracer) stop(b *ptBox) {
	p.mu.Lock()
	delete(p.live, b)
	p.mu.Unlock()
	b.close()
}

func (p *PathTracer) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

func (p *PathTracer) errClosed(scene string) error {
	return fmt.Errorf("sandbox: pathtracer: scene %s: %w", scene, ErrClosed)
}
