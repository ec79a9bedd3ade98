package farm

import (
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/tiler"
)

// Frames are assembled from the stored tiles of their accepted tasks each
// time a frame's last task is accepted. Building from the store (rather
// than an in-memory canvas) means a frame is always exactly its accepted
// tiles: after a restart, and after a convicted cheater's tiles were
// rejected and rendered again, the frame is simply assembled anew.
//
// Decoding a frame's tiles and encoding the frame take seconds for a 4K
// frame (PNG encoding alone: 4.8 s at 8 bits, 6.8 s at 16), so it happens
// off the coordinator's lock, on a small pool (NodeConfig.Assemblers): the
// lock only hands out a snapshot of the frame's tiles and takes back the
// written file. A tile rejected meanwhile bumps the frame's generation,
// and the stale assembly is thrown away.

// frameDone reports whether every task of frame f is accepted: its tiles
// and, for a composited scene, its finish task.
func (j *job) frameDone(f int) bool {
	if fin := j.finishes[f]; fin != nil && fin.state != api.TaskDone {
		return false
	}
	return j.tilesDone(f)
}

// tilesDone reports whether every tile task of frame f is accepted.
func (j *job) tilesDone(f int) bool {
	for _, t := range j.byFrame[f] {
		if t.state != api.TaskDone {
			return false
		}
	}
	return len(j.byFrame[f]) > 0
}

// frameTile is what an assembly needs of one accepted task, copied under
// the lock.
type frameTile struct {
	index int
	hash  string
	rect  image.Rectangle
	build string // the renderer build that drew it
}

// frameAccepted starts writing frame f once all its tasks are accepted (a
// composited scene's finish task becomes leasable once its tiles are:
// the scheduler sees to that), and ends the job once everything is
// accepted, checked and written; c.mu must be held.
func (c *coordinator) frameAccepted(j *job, f int) {
	if j.state.Final() {
		return
	}
	if _, written := j.frames[f]; !written && j.frameDone(f) {
		c.startAssembly(j, f)
	}
	c.maybeComplete(j)
}

// maybeComplete ends the job when every task is accepted or failed (the
// job is then partial), no check is running and every frame that can be
// is written; c.mu must be held.
func (c *coordinator) maybeComplete(j *job) {
	if !j.state.Final() && j.done+j.failedTasks == len(j.tasks) && j.checking == 0 && len(j.assembling) == 0 {
		c.complete(j)
	}
}

// startAssembly hands frame f to the assembly pool, unless it is there
// already; c.mu must be held.
func (c *coordinator) startAssembly(j *job, f int) {
	if _, busy := j.assembling[f]; busy {
		return
	}
	tiles := j.frameTiles(f)
	var fin *frameTile
	if t := j.finishes[f]; t != nil {
		fin = &frameTile{index: t.index, hash: t.hash, rect: t.tile.Rect}
		if j.framing.Layers == nil {
			tiles = []frameTile{*fin} // the frame is the finish task's file
		}
	}
	gen, spec, id, want, layers, alpha := j.frameGen[f], j.spec, j.id, j.tileWant(), j.framing.Layers, j.framing.Alpha
	// The noise Blender's own render of the frame rounds it with: that of
	// the release of its tiles (a job's tiles are all of one release).
	var build string
	if len(tiles) > 0 {
		build = tiles[0].build
	}
	dither := renderer.BlenderDither(renderer.ParseBuild(build), j.framing.Dither)
	j.assembling[f] = gen
	started := c.wg.Go(func() {
		var name string
		var err error
		select {
		case c.assemblers <- struct{}{}:
			if layers != nil {
				name, err = c.writeLayers(id, spec, want, *layers, f, tiles, fin)
			} else {
				name, err = c.assembleFrame(id, spec, want, dither, alpha, f, tiles)
			}
			<-c.assemblers
		case <-c.ctx.Done():
			err = c.ctx.Err()
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		defer c.kick()
		c.assembled(j, f, gen, name, err)
	})
	if !started { // stopping: the next start assembles it (restore)
		delete(j.assembling, f)
	}
}

// assembled takes back a finished assembly; c.mu must be held.
func (c *coordinator) assembled(j *job, f, gen int, name string, err error) {
	delete(j.assembling, f)
	switch {
	case j.state.Final(), c.ctx.Err() != nil:
		return
	case gen != j.frameGen[f]:
		// A tile of the frame was rejected while it was assembled: the
		// frame waits for its new tile (which may already be in).
		c.frameAccepted(j, f)
		return
	case err != nil:
		c.fail(j, err.Error())
		return
	}
	j.frames[f] = name
	c.save(j)
	c.emit(j, api.Event{Type: api.EventFrame, Task: -1, Frame: f})
	c.maybeComplete(j)
}

// tileImage is an accepted task's tile: as its lease decoded it, or
// loaded from the blob store.
func (c *coordinator) tileImage(want tileWant, t frameTile) (tile, error) {
	if tl, ok := c.decoded.take(t.hash, t.rect, want); ok {
		return tl, nil
	}
	p, ok := c.blobs.Path(t.hash)
	if !ok {
		return tile{}, fmt.Errorf("tile of task %d (blob %.12s) is missing from the store", t.index, t.hash)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return tile{}, err
	}
	tl, err := decodeTile(data, t.rect, want)
	if err != nil {
		return tile{}, fmt.Errorf("stored tile of task %d: %w", t.index, err)
	}
	return tl, nil
}

// frameTiles snapshots what an assembly or a finish needs of frame f's
// accepted tile tasks; c.mu must be held.
func (j *job) frameTiles(f int) []frameTile {
	tiles := make([]frameTile, 0, len(j.byFrame[f]))
	for _, t := range j.byFrame[f] {
		tiles = append(tiles, frameTile{index: t.index, hash: t.hash, rect: t.tile.Rect, build: t.build})
	}
	return tiles
}

// assembleFrame draws frame f from its tiles (for a composited scene:
// copies its finish task's file) and writes it into the job's output
// folder, returning the file's name. It runs off the lock.
func (c *coordinator) assembleFrame(id string, spec api.JobSpec, want tileWant, dither renderer.Dither, alpha bool, f int, tiles []frameTile) (string, error) {
	if len(want.passes) > 0 {
		return c.writeFinished(id, spec, f, tiles[0])
	}
	hdr := spec.Format == api.FormatEXR
	area := spec.Area()
	canvas := tiler.NewCanvas(area)
	var frame *renderer.HDR
	if hdr {
		frame = renderer.NewHDR(area)
	}
	for _, t := range tiles {
		tl, err := c.tileImage(want, t)
		if err != nil {
			return "", err
		}
		if hdr {
			if err := canvas.Cover(t.rect); err != nil {
				return "", err
			}
			frame.Draw(tl.hdr)
		} else if err := canvas.Put(tl.img); err != nil {
			return "", err
		}
	}
	if !canvas.Complete() {
		return "", fmt.Errorf("frame %d: tiles do not cover the frame", f)
	}
	img := inFrame(canvas.Image(), spec)
	if !hdr && spec.Depth == 8 {
		dither.Apply(img) // the whole image written, as Blender dithers it
	}
	if hdr {
		frame = hdrInFrame(frame, spec)
	}
	dir := filepath.Join(c.cfg.DataDir, "jobs", id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := api.FrameName(f, spec.Format)
	var err error
	// Durable: the job's record is about to say the frame is written, and
	// a restart takes it at its word unless the file is gone.
	if hdr {
		err = renderer.WriteDurable(filepath.Join(dir, name), func(w io.Writer) error { return exr.Encode(w, frame, exr.Options{Compression: exr.ZIP}) })
	} else {
		err = renderer.WriteDurable(filepath.Join(dir, name), func(w io.Writer) error { return EncodeFrame(w, img, spec, alpha) })
	}
	if err != nil {
		return "", fmt.Errorf("write frame %d: %w", f, err)
	}
	return name, nil
}

// reassemble queues the frames of a resumed job that are complete but were
// not written (or whose file was lost) before the restart; c.mu must be
// held.
func (c *coordinator) reassemble(j *job) {
	for f := range j.byFrame {
		if !j.frameDone(f) {
			delete(j.frames, f)
			continue
		}
		if _, written := j.frames[f]; written {
			if _, err := os.Stat(filepath.Join(c.cfg.DataDir, "jobs", j.id, api.FrameName(f, j.spec.Format))); err == nil {
				continue
			}
			delete(j.frames, f)
		}
		c.startAssembly(j, f)
	}
}
