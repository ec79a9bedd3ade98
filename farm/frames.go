package farm

import (
	"fmt"
	"image"
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

// frameDone reports whether every task of frame f is accepted.
func (j *job) frameDone(f int) bool {
	for _, t := range j.byFrame[f] {
		if t.state != api.TaskDone {
			return false
		}
	}
	return len(j.byFrame[f]) > 0
}

// tileImage loads an accepted task's tile from the blob store.
func (c *coordinator) tileImage(j *job, t *task) (tile, error) {
	p, ok := c.blobs.Path(t.hash)
	if !ok {
		return tile{}, fmt.Errorf("tile of task %d (blob %.12s) is missing from the store", t.index, t.hash)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return tile{}, err
	}
	tl, err := decodeTile(data, t.tile.Rect, j.spec.Format == api.FormatEXR)
	if err != nil {
		return tile{}, fmt.Errorf("stored tile of task %d: %w", t.index, err)
	}
	return tl, nil
}

// assembleFrame draws frame f from its tasks' tiles and writes it into the
// job's output folder; c.mu must be held.
func (c *coordinator) assembleFrame(j *job, f int) error {
	hdr := j.spec.Format == api.FormatEXR
	canvas := tiler.NewCanvas(j.spec.Resolution)
	var frame *renderer.HDR
	if hdr {
		frame = renderer.NewHDR(image.Rect(0, 0, j.spec.Resolution.Width, j.spec.Resolution.Height))
	}
	for _, t := range j.byFrame[f] {
		tl, err := c.tileImage(j, t)
		if err != nil {
			return err
		}
		if hdr {
			if err := canvas.Cover(t.tile.Rect); err != nil {
				return err
			}
			frame.Draw(tl.hdr)
		} else if err := canvas.Put(tl.img); err != nil {
			return err
		}
	}
	if !canvas.Complete() {
		return fmt.Errorf("frame %d: tiles do not cover the frame", f)
	}
	dir := filepath.Join(c.cfg.DataDir, "jobs", j.id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	name := api.FrameName(f, j.spec.Format)
	var err error
	if hdr {
		err = exr.WriteFile(filepath.Join(dir, name), frame, exr.Options{Compression: exr.ZIP})
	} else {
		err = renderer.WritePNG(filepath.Join(dir, name), canvas.Image(), j.spec.Depth)
	}
	if err != nil {
		return fmt.Errorf("write frame %d: %w", f, err)
	}
	j.frames[f] = name
	c.save(j)
	return nil
}

// reassemble writes a resumed job's frames that are complete but were not
// written (or whose file was lost) before the restart; c.mu must be held.
func (c *coordinator) reassemble(j *job) error {
	for f := range j.byFrame {
		if !j.frameDone(f) {
			delete(j.frames, f)
			continue
		}
		if _, written := j.frames[f]; written {
			if _, err := os.Stat(filepath.Join(c.cfg.DataDir, "jobs", j.id, api.FrameName(f, j.spec.Format))); err == nil {
				continue
			}
		}
		if err := c.assembleFrame(j, f); err != nil {
			return err
		}
	}
	return nil
}
