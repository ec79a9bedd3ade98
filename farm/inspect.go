package farm

// Inspecting a scene on the node. The app used to read a scene by starting
// a renderer of its own (a path tracer in its process, or a local Blender
// the artist may not have); the node that will render it has the renderer,
// in its sandbox, so the app uploads the scene and asks the node
// (POST /v1/inspect). `conun inspect` describes a scene the same way
// (DescribeScene), whichever machine read it.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// DefaultInspectTimeout bounds one inspection on the node: Blender
// starting in a fresh sandbox container and loading a big scene takes
// seconds, a scene that hangs it must not hold a slot for ever.
const DefaultInspectTimeout = 2 * time.Minute

// DescribeScene says what a job of a scene named name, read by renderer
// rend as info, would be with tiles (nil: the grid submit picks for the
// scene's resolution) and the scene's own settings, as submit takes them
// (api.JobSpec.TakeScene: its resolution, denoising, whole frames where
// tiles cannot match): how its frames are made, or why such a job would
// be refused.
func DescribeScene(name, rend string, tiles *tiler.Grid, info renderer.SceneInfo) api.Inspection {
	grid := api.DefaultTiles(api.DefaultResolution)
	switch {
	case tiles != nil:
		grid = *tiles
	case info.Width > 0 && info.Height > 0:
		grid = api.DefaultTiles(tiler.Resolution{Width: info.Width, Height: info.Height})
	}
	spec := api.JobSpec{SceneName: name, Renderer: rend, Tiles: grid}
	spec.TakeScene(info, func(setting string) bool { return setting == "tiles" && tiles != nil })
	if a := spec.Area(); tiles == nil && spec.Region != nil && spec.Tiles == grid {
		// As submit picks them: for the region's size.
		spec.Tiles = api.DefaultTiles(tiler.Resolution{Width: a.Dx(), Height: a.Dy()})
	}
	out := api.Inspection{Scene: name, Renderer: rend, Info: info, Tiles: spec.Tiles.String()}
	if plan, err := PlanFrames(spec, info); err != nil {
		out.Refused = strings.TrimPrefix(err.Error(), api.ErrBadJob.Error()+": ")
	} else {
		out.Plan, out.Split = &plan, plan.Describe(spec.Tiles)
	}
	return out
}

// inspectGate bounds inspections: one at a time per client, since a
// client waits for its answer before it asks again, and at most the
// node's render slots at once in all, since each may start Blender.
type inspectGate struct {
	mu     sync.Mutex
	busy   map[string]bool // clients with an inspection running
	slots  chan struct{}
	wait   time.Duration // how long one waits for a free slot
	expire time.Duration // how long one inspection may run
}

func newInspectGate(slots int, timeout time.Duration) *inspectGate {
	if timeout <= 0 {
		timeout = DefaultInspectTimeout
	}
	return &inspectGate{busy: map[string]bool{}, slots: make(chan struct{}, max(slots, 1)), wait: estimateSlotWait, expire: timeout}
}

// errInspectBusy and errInspectFull say why an inspection was refused
// before it started: statuses 429 and 503.
var (
	errInspectBusy = errors.New("inspect: this client is already inspecting a scene: wait for its answer")
	errInspectFull = errors.New("inspect: the node is inspecting as many scenes as it has render slots: try again later")
)

// enter takes client's turn and a slot, or says why not; leave gives both
// back.
func (g *inspectGate) enter(ctx context.Context, client string) error {
	g.mu.Lock()
	if g.busy[client] {
		g.mu.Unlock()
		return errInspectBusy
	}
	g.busy[client] = true
	g.mu.Unlock()
	select {
	case g.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-t.C:
	case <-ctx.Done():
	}
	g.mu.Lock()
	delete(g.busy, client)
	g.mu.Unlock()
	return errInspectFull
}

func (g *inspectGate) leave(client string) {
	<-g.slots
	g.mu.Lock()
	delete(g.busy, client)
	g.mu.Unlock()
}

var sceneHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// maxInspectBytes bounds an inspect request's JSON.
const maxInspectBytes = 4 << 10

// postInspect serves POST /v1/inspect: the node reads a scene the client
// uploaded with its own renderer and says what a job of it would be.
func (n *Node) postInspect(rw http.ResponseWriter, r *http.Request) {
	var req api.InspectRequest
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, maxInspectBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("inspect request: %w", err))
		return
	}
	if req.Renderer == "" {
		req.Renderer = api.SceneRenderer(req.SceneName)
	}
	switch {
	case !sceneHash.MatchString(req.Scene):
		httpError(rw, http.StatusBadRequest, fmt.Errorf("inspect: scene %q is not a sha256 hex digest (64 lower-case hex digits, as an upload answers)", req.Scene))
		return
	case req.Renderer == "":
		httpError(rw, http.StatusBadRequest, fmt.Errorf("inspect: scene_name %q: unknown scene type %q: want .gltf, .glb or .blend", req.SceneName, filepath.Ext(req.SceneName)))
		return
	case req.Tiles != nil && (req.Tiles.Cols < 1 || req.Tiles.Rows < 1):
		httpError(rw, http.StatusBadRequest, fmt.Errorf("inspect: tiles %dx%d: columns and rows must be >= 1", req.Tiles.Cols, req.Tiles.Rows))
		return
	}
	who := callerOf(r)
	if !who.admin && !n.store.Owns(ownedBlob, req.Scene, who.name) {
		httpError(rw, http.StatusNotFound, fmt.Errorf("inspect: scene %s has not been uploaded", req.Scene[:12])) // as for a blob nobody uploaded
		return
	}
	if err := n.inspects.enter(r.Context(), who.name); err != nil {
		status := http.StatusServiceUnavailable
		if errors.Is(err, errInspectBusy) {
			status = http.StatusTooManyRequests
		}
		httpError(rw, status, err)
		return
	}
	defer n.inspects.leave(who.name)
	ctx, cancel := context.WithTimeout(r.Context(), n.inspects.expire)
	defer cancel()
	info, err := n.coord.inspectScene(ctx, req.Renderer, req.Scene, req.SceneName)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("inspect %s: gave up after %s: %w", req.SceneName, n.inspects.expire, err)
			httpError(rw, http.StatusGatewayTimeout, err)
			return
		}
		httpError(rw, statusOf(err), err)
		return
	}
	n.metrics.scenesInspected.Add(1)
	n.cfg.Logger.Info("scene inspected for a client", "scene", req.Scene[:12], "name", req.SceneName, "renderer", req.Renderer)
	in := DescribeScene(req.SceneName, req.Renderer, req.Tiles, info)
	in.Node = n.cfg.Name
	writeJSON(rw, in)
}

// inspectScene reads uploaded scene hash (a file named name) with this
// node's renderer rend, as a submission of it is checked.
func (c *coordinator) inspectScene(ctx context.Context, rend, hash, name string) (renderer.SceneInfo, error) {
	r, ok := c.renderers[rend]
	if !ok {
		if why, refused := c.cfg.Refused[rend]; refused {
			return renderer.SceneInfo{}, fmt.Errorf("%w: renderer %q does not run on this node: %s", api.ErrBadJob, rend, why)
		}
		return renderer.SceneInfo{}, fmt.Errorf("%w: renderer %q is not available on this node (start it with --renderers %s where %s is installed)", api.ErrBadJob, rend, rend, rend)
	}
	if _, ok := c.blobs.Path(hash); !ok {
		return renderer.SceneInfo{}, fmt.Errorf("%w: scene %s has not been uploaded", api.ErrBadJob, hash[:12])
	}
	scene, err := c.blobs.Linked(hash, filepath.Ext(name))
	if err != nil {
		return renderer.SceneInfo{}, err
	}
	info, err := r.Inspect(ctx, scene)
	if err != nil {
		var newer *renderer.NewerSceneError
		if errors.As(err, &newer) {
			err = fmt.Errorf("%w; %s", err, c.whoCanOpen(rend, newer.Need))
		}
		return renderer.SceneInfo{}, fmt.Errorf("%w: %s: %w", api.ErrBadJob, name, err)
	}
	return info, nil
}
