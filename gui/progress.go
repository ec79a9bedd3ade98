package gui

import (
	"fmt"
	"image"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
)

// TileState is what the live view knows about one task (a tile of a frame).
type TileState int

// The tile states, in the order a tile usually goes through them.
const (
	// TilePending waits in the coordinator's queue.
	TilePending TileState = iota
	// TileRendering is leased to a node. A lease is handed straight to the
	// worker, so leased means rendering, or first fetching the scene
	// (Tile.Fetched).
	TileRendering
	// TileDone is accepted; unverified unless a spot check picks it.
	TileDone
	// TileRequeued lost its lease (node failed, died or timed out) and waits
	// to be leased again.
	TileRequeued
	// TileCancelled belongs to a job that was cancelled or failed.
	TileCancelled
	// TileVerified passed a spot check (another node re-rendered crops of it).
	TileVerified
	// TileFailedCheck failed a spot check; it is rendered again.
	TileFailedCheck
	// TileChecking is accepted and being checked: another node re-renders
	// crops of it. Events do not say a check started (only its verdict),
	// so this comes from the job's report, which the live view reads while
	// the job runs.
	TileChecking
)

// String names the state as the live view and its log do.
func (s TileState) String() string {
	switch s {
	case TilePending:
		return "pending"
	case TileRendering:
		return "rendering"
	case TileDone:
		return "done"
	case TileRequeued:
		return "requeued"
	case TileCancelled:
		return "cancelled"
	case TileVerified:
		return "verified"
	case TileFailedCheck:
		return "failed check, re-queued"
	case TileChecking:
		return "checking"
	}
	return fmt.Sprintf("TileState(%d)", int(s))
}

// Tile is one task as the live view shows it.
type Tile struct {
	Frame int
	// Rect is the tile's pixels in the frame, origin top-left.
	Rect  image.Rectangle
	State TileState
	// Node rendered (or is rendering) the tile.
	Node string
	// Progress is the rendered fraction of a tile being rendered, 0 to 1,
	// as far as the worker reports it.
	Progress float64
	// Fetched is the fraction of the scene its worker holds while it
	// fetches it, before the render begins (0 once it has begun, or when
	// the scene was there already).
	Fetched float64
	// Message is why the tile was requeued, or its last check's verdict.
	Message string

	seq int // the Seq of the last event about this tile
}

// Progress is a job's live state, folded from its events. It is not safe for
// concurrent use: the live view owns it on the UI goroutine.
type Progress struct {
	JobID string
	Spec  api.JobSpec
	// Tiles is indexed by task index: tiler.Plan's order, as the coordinator
	// numbers its tasks.
	Tiles []Tile
	// Frames are the job's frame numbers in order.
	Frames []int
	// Assembled holds the frames whose tiles have all been stitched.
	Assembled map[int]bool
	// Failed maps the frames that failed on every node that could render
	// them to why; a frame leaves it when it is rendered again (requeued).
	Failed map[int]string
	Done   int
	Total  int
	State  api.JobState
	// Message is the reason a job failed or was cancelled.
	Message string
	// Settlement says what the job's settlement paid and when the rest
	// comes back, once the coordinator has settled it.
	Settlement string
	// Convicted lists the nodes a check caught cheating, in order.
	Convicted []string
	// Preview counts the frames of the job's preview pass while it
	// renders, the job itself awaiting approval; nil without one.
	Preview *api.PreviewProgress
	// Prices maps node names to their price per tile, as the cluster
	// advertises them; nil when unknown. It makes Committed possible.
	Prices map[string]api.Tokens
	// Log is the event log, one line per event, oldest first.
	Log []string

	start, last time.Time
	seq         int // the Seq of the last event applied
}

// NewProgress returns the state of a job that has not started.
func NewProgress(id string, spec api.JobSpec) *Progress {
	p := &Progress{JobID: id, Spec: spec, Frames: spec.Frames.List(), Assembled: map[int]bool{}, Failed: map[int]string{}, State: api.JobQueued}
	// Tiles are drawn in the frame the job writes: a cropped render
	// region's starts at the region's corner.
	var at image.Point
	if spec.FrameSize() != spec.Resolution {
		at = spec.Area().Min
	}
	for _, t := range spec.Plan() {
		p.Tiles = append(p.Tiles, Tile{Frame: t.Frame, Rect: t.Rect.Sub(at)})
	}
	p.Total = len(p.Tiles)
	return p
}

// Apply folds one event into the state.
func (p *Progress) Apply(e api.Event) {
	if p.start.IsZero() {
		p.start = e.Time
	}
	p.last = e.Time
	p.seq = max(p.seq, e.Seq)
	p.Done, p.State = e.Done, e.State
	if e.Total > 0 {
		p.Total = e.Total
	}
	var t *Tile
	if e.Task >= 0 && e.Task < len(p.Tiles) {
		t = &p.Tiles[e.Task]
		t.seq = e.Seq
	}
	what := taskName(e)
	var line string
	switch e.Type {
	case api.EventSubmitted:
		line = "job submitted"
		if e.Message != "" {
			line = "job " + e.Message
		}
	case api.EventLeased:
		if t != nil {
			t.State, t.Node, t.Message, t.Progress, t.Fetched = TileRendering, e.Node, "", 0, 0
		}
		delete(p.Failed, e.Frame) // requeued
		line = fmt.Sprintf("%s is rendering %s", e.Node, what)
	case api.EventProgress:
		if t != nil && t.State == TileRendering {
			t.Progress, t.Fetched = e.Progress, e.Fetched
		}
		return // too many for the log: the preview shows them
	case api.EventDone:
		if t != nil {
			t.State, t.Node, t.Progress = TileDone, e.Node, 1
		}
		line = fmt.Sprintf("%s finished %s", e.Node, what)
	case api.EventChecking:
		if t != nil && t.State == TileDone {
			t.State = TileChecking
		}
		line = fmt.Sprintf("checking %s's %s", e.Node, what)
	case api.EventVerdict:
		line = p.verdict(t, e)
	case api.EventSettled:
		p.Settlement = e.Message
		line = "job " + e.Message
	case api.EventRequeued:
		state := TileRequeued
		line = fmt.Sprintf("%s requeued: %s", what, e.Message)
		if e.Reason == api.RequeueRejected {
			state = TileFailedCheck
			line = fmt.Sprintf("%s %s (%s) FAILED CHECK, re-queued: %s", markBad, what, e.Node, e.Message)
		}
		if t != nil {
			t.State, t.Message = state, e.Message
		}
	case api.EventFrameFailed:
		if _, ok := p.Failed[e.Frame]; !ok {
			p.Failed[e.Frame] = e.Message
		}
		if t != nil {
			t.State, t.Message = TileCancelled, e.Message
		}
		line = fmt.Sprintf("%s frame %d FAILED: %s", markBad, e.Frame, e.Message)
	case api.EventPreviewProgress:
		if e.Preview == nil {
			return
		}
		pp := *e.Preview
		p.Preview = &pp
		line = pp.String()
	case api.EventFrame:
		p.Assembled[e.Frame] = true
		line = fmt.Sprintf("frame %d assembled", e.Frame)
	case api.EventFinished:
		p.Message = e.Message
		if e.State != api.JobDone {
			for i := range p.Tiles {
				if !p.Tiles[i].Accepted() {
					p.Tiles[i].State = TileCancelled
				}
			}
		}
		line = fmt.Sprintf("job %s", e.State)
		if e.Message != "" && e.Message != string(e.State) {
			line += ": " + e.Message
		}
	default:
		line = fmt.Sprintf("%s (task %d, frame %d)", e.Type, e.Task, e.Frame)
	}
	p.Log = append(p.Log, e.Time.Format("15:04:05")+"  "+line)
}

// taskName names an event's task for the log: a tile, or a frame's
// finish task (the scene's compositor run over its stitched tiles).
func taskName(e api.Event) string {
	if e.Finish {
		return fmt.Sprintf("the finish of frame %d", e.Frame)
	}
	return fmt.Sprintf("tile %d of frame %d", e.Task, e.Frame)
}

// FrameTiles returns the tiles of frame f.
func (p *Progress) FrameTiles(f int) []Tile {
	var out []Tile
	for _, t := range p.Tiles {
		if t.Frame == f {
			out = append(out, t)
		}
	}
	return out
}

// Accepted reports whether the tile's pixels are in its frame.
func (t Tile) Accepted() bool {
	return t.State == TileDone || t.State == TileVerified || t.State == TileChecking
}

// Count returns how many tiles are in state s.
func (p *Progress) Count(s TileState) int {
	n := 0
	for _, t := range p.Tiles {
		if t.State == s {
			n++
		}
	}
	return n
}

// fetching counts the tiles whose worker is fetching the scene, and the
// least of what they hold: the slowest is the one to wait for.
func (p *Progress) fetching() (n int, held float64) {
	held = 1
	for _, t := range p.Tiles {
		if t.State == TileRendering && t.Fetched > 0 {
			n++
			held = min(held, t.Fetched)
		}
	}
	return n, held
}

// ETA estimates the time left from the rate of finished tiles so far, by the
// events' own clock; ok is false until a tile is done or once the job ends.
func (p *Progress) ETA() (left time.Duration, ok bool) {
	if p.Done == 0 || p.State.Final() || p.Done >= p.Total {
		return 0, false
	}
	per := p.last.Sub(p.start) / time.Duration(p.Done)
	return per * time.Duration(p.Total-p.Done), true
}

// Summary is the counters' line: tiles done of total, what is in flight,
// and the ETA.
func (p *Progress) Summary() string {
	unit := "tiles"
	if fin := p.Total - len(p.Tiles); fin > 0 {
		// A composited scene's frames each have a finish task after the
		// tiles; the coordinator's counts include them.
		unit = fmt.Sprintf("tasks (%d tiles, %d finish%s)", len(p.Tiles), fin, map[bool]string{true: "es"}[fin > 1])
	}
	s := fmt.Sprintf("%s · %s %d/%d done · %d rendering · %d requeued · %d checking · %d verified · frames %d/%d",
		p.State, unit, p.Done, p.Total, p.Count(TileRendering), p.Count(TileRequeued)+p.Count(TileFailedCheck),
		p.Count(TileChecking), p.Count(TileVerified), len(p.Assembled), len(p.Frames))
	if n, held := p.fetching(); n > 0 {
		// Minutes, on a slow link, in which nothing else moves.
		s += fmt.Sprintf(" · %d fetching the scene (%d%%)", n, int(100*held)) // whole percents, rounded down, as uploads show them
	}
	if p.State == api.JobAwaiting && p.Preview != nil {
		s += " · " + p.Preview.String()
	}
	if left, ok := p.ETA(); ok {
		s += fmt.Sprintf(" · ETA %s", left.Round(time.Second))
	}
	if !p.last.IsZero() && p.State.Final() {
		s += fmt.Sprintf(" · took %s", p.last.Sub(p.start).Round(10*time.Millisecond))
	}
	if cost, ok := p.Committed(); ok && p.Settlement == "" && !p.Spec.Budget.IsZero() {
		s += fmt.Sprintf(" · ≈ %s of %s tokens committed", cost, p.Spec.Budget)
	}
	if p.Settlement != "" {
		s += " · " + p.Settlement
	}
	if len(p.Convicted) > 0 {
		s += " · CONVICTED: " + strings.Join(p.Convicted, ", ")
	}
	return s
}

// CurrentFrame is the frame the live view shows when the artist has not
// picked one: the first frame still being rendered, else the last frame.
func (p *Progress) CurrentFrame() int {
	for _, f := range p.Frames {
		if !p.Assembled[f] {
			return f
		}
	}
	if len(p.Frames) == 0 {
		return 0
	}
	return p.Frames[len(p.Frames)-1]
}
