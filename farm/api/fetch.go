package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/conun/conun/tiler"
)

// A node is not trusted to say where the client writes or how much it
// downloads: Fetch names every file itself, from a frame number it checked
// against the job's range and a format it knows, writes only inside its
// folder, and reads no more than a frame of the job's size can hold.

// ErrBadAnswer is wrapped by every error that refuses what a node answered
// (a frame outside the job, an unknown format, an answer too large).
var ErrBadAnswer = errors.New("bad answer from node")

// MaxJSONBytes bounds a node's JSON answer: far more than a status or a
// page of jobs needs, far less than would hurt the client.
const MaxJSONBytes = 16 << 20

// frameMargin is how far a frame's file may exceed its raw pixels (4
// channels at the job's depth, or 32-bit float for EXR): encoders never
// come close, and metadata fits in frameSlack.
const (
	frameMargin = 2
	frameSlack  = 1 << 20
)

// MaxFrameBytes is the most a frame file of spec may hold.
func MaxFrameBytes(spec JobSpec) int64 {
	bytesPerChannel, channels := int64(max(spec.Depth, 8)/8), int64(4)
	switch spec.Format {
	case FormatEXR:
		bytesPerChannel = 4
	case FormatEXRLayers:
		// As many float channels as a file of passes may have.
		bytesPerChannel, channels = 4, MaxLayerChannels
	}
	w, h := int64(min(max(spec.Resolution.Width, 1), tiler.MaxDimension)), int64(min(max(spec.Resolution.Height, 1), tiler.MaxDimension))
	return w*h*channels*bytesPerChannel*frameMargin + frameSlack
}

// maxAnyFrameBytes bounds a frame when the job's spec is not at hand: the
// largest a valid job's single-image frame can be. A multilayer frame may
// be larger (JobFrame bounds it by its spec); this bound is for readers
// that hold a frame in memory to show it.
var maxAnyFrameBytes = MaxFrameBytes(JobSpec{Resolution: tiler.Resolution{Width: tiler.MaxDimension, Height: tiler.MaxDimension}, Format: FormatEXR})

// MaxLayerChannels bounds the channels of a multilayer frame (the
// OpenEXR channels renderer/exr writes at most).
const MaxLayerChannels = 128

// Frame writes a finished frame's file to w, refusing more bytes than any
// job's single-image frame can hold.
func (c *Client) Frame(ctx context.Context, id string, frame int, w io.Writer) error {
	return c.frame(ctx, id, frame, w, maxAnyFrameBytes)
}

// JobFrame writes frame of job id, whose spec the caller holds, to w,
// refusing more bytes than a frame of that spec can hold (MaxFrameBytes).
func (c *Client) JobFrame(ctx context.Context, spec JobSpec, id string, frame int, w io.Writer) error {
	return c.frame(ctx, id, frame, w, MaxFrameBytes(spec))
}

func (c *Client) frame(ctx context.Context, id string, frame int, w io.Writer, limit int64) error {
	return c.do(ctx, http.MethodGet, fmt.Sprintf("/v1/jobs/%s/frames/%d", id, frame), nil, &bounded{w: w, limit: limit})
}

// Fetch downloads every finished frame of a job into dir and returns the
// file paths. Each frame lands under its final name only once whole, so an
// interrupted fetch leaves no truncated frame.
func (c *Client) Fetch(ctx context.Context, id, dir string) ([]string, error) {
	st, err := c.Status(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := CheckFrames(st); err != nil {
		return nil, fmt.Errorf("node %s, job %s: %w", c.BaseURL, id, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	limit := MaxFrameBytes(st.Spec)
	var paths []string
	for _, f := range st.Frames {
		name := FrameName(f, st.Spec.Format)
		if filepath.Base(name) != name || !filepath.IsLocal(name) {
			return paths, fmt.Errorf("%w: frame file name %q is not a plain name", ErrBadAnswer, name) // cannot happen after CheckFrames
		}
		p := filepath.Join(dir, name)
		if err := c.fetchFrame(ctx, id, f, p, limit); err != nil {
			return paths, fmt.Errorf("fetch frame %d: %w", f, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// fetchFrame downloads frame f into a temporary file next to p and renames
// it to p once whole.
func (c *Client) fetchFrame(ctx context.Context, id string, f int, p string, limit int64) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".incoming-frame-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	err = c.frame(ctx, id, f, tmp, limit)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// CheckFrames checks what a node said about a job before a client writes
// files named from it: a valid spec (so a known format), and finished
// frames that are distinct numbers inside the job's range.
func CheckFrames(st JobStatus) error {
	if err := st.Spec.Validate(); err != nil {
		return fmt.Errorf("%w: job spec: %w", ErrBadAnswer, err)
	}
	fr := st.Spec.Frames
	if len(st.Frames) > len(fr.List()) {
		return fmt.Errorf("%w: %d finished frames, but the job has %d", ErrBadAnswer, len(st.Frames), len(fr.List()))
	}
	seen := make(map[int]bool, len(st.Frames))
	for _, f := range st.Frames {
		if f < fr.Start || f > fr.End || (f-fr.Start)%fr.Step != 0 {
			return fmt.Errorf("%w: finished frame %d is not one of the job's frames %s", ErrBadAnswer, f, fr)
		}
		if seen[f] {
			return fmt.Errorf("%w: frame %d is listed twice", ErrBadAnswer, f)
		}
		seen[f] = true
	}
	return nil
}

// bounded is a writer that refuses to take more than limit bytes: a node's
// answer over the limit is an error, never a silently cut file.
type bounded struct {
	w     io.Writer
	limit int64
	n     int64
}

func (b *bounded) Write(p []byte) (int, error) {
	if b.n+int64(len(p)) > b.limit {
		return 0, fmt.Errorf("%w: over %d bytes, more than the job's frame can hold: refused", ErrBadAnswer, b.limit)
	}
	n, err := b.w.Write(p)
	b.n += int64(n)
	return n, err
}

// boundedReader reads r and fails once it has given more than limit
// bytes, so a JSON answer is never decoded from a cut-off (or endless) body.
type boundedReader struct {
	r     io.Reader
	limit int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.limit < 0 {
		return 0, fmt.Errorf("%w: answer over %d bytes: refused", ErrBadAnswer, MaxJSONBytes)
	}
	if int64(len(p)) > b.limit+1 {
		p = p[:b.limit+1] // one byte past the limit tells "more" from "exactly"
	}
	n, err := b.r.Read(p)
	b.limit -= int64(n)
	if b.limit < 0 {
		return n, fmt.Errorf("%w: answer over %d bytes: refused", ErrBadAnswer, MaxJSONBytes)
	}
	return n, err
}
