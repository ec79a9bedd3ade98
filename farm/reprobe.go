package farm

// Re-probing devices. A node advertises only the devices Blender found
// (renderer/blender's probe at start). GPUs come and go while it runs: an
// eGPU plugged in, a driver installed, a card fallen off the bus. The node
// watches the device nodes and driver version files (farm/devwatch) and,
// when they change, runs the same probe again (real Blender, in the
// sandbox where renders run), then gossips what it now offers.
//
// A lease taken under the old build is handed back (release.go: no attempt
// counted, no mark on the node's record): its pixels would come from a
// device other than the one the coordinator leased it to, or from none.
// A render on a GPU that fails makes the node probe at once rather than
// wait for the next look: if the device is gone, the task goes back the
// same way instead of counting as this node's failure.

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/devwatch"
	"github.com/conun/conun/renderer"
)

// ReprobeConfig says how a node notices its devices changing.
type ReprobeConfig struct {
	// Every is how often the node looks at Paths (conun node
	// --reprobe-every); 0 never looks: only Node.Reprobe (conun node
	// reprobe, SIGHUP) probes again.
	Every time.Duration
	// Paths are the globs of the files watched; nil: devwatch.DefaultPaths.
	// Tests put a temporary directory in /dev's place.
	Paths []string
}

// DefaultReprobeConfig looks at devwatch.DefaultPaths every 30 s.
func DefaultReprobeConfig() ReprobeConfig {
	return ReprobeConfig{Every: devwatch.DefaultEvery, Paths: devwatch.DefaultPaths}
}

// reprober is a renderer that can ask its engine again which devices it
// finds (blender.Renderer, sandbox.Blender); true when what it offers
// changed.
type reprober interface {
	Reprobe(ctx context.Context) (bool, error)
}

// probeTimeout bounds one renderer's re-probe: a Blender start, with a
// container's in the sandbox.
const probeTimeout = 2 * time.Minute

// reprobers are the node's renderers that probe devices.
func (n *Node) reprobers() []renderer.Renderer {
	var out []renderer.Renderer
	for _, r := range n.cfg.Renderers {
		if _, ok := r.(reprober); ok {
			out = append(out, r)
		}
	}
	return out
}

// startDeviceWatch looks at the device paths every cfg.Reprobe.Every and
// re-probes on a change. A node with no renderer that probes (the path
// tracer alone) watches nothing.
func (n *Node) startDeviceWatch(ctx context.Context) error {
	every := n.cfg.Reprobe.Every
	if every <= 0 || len(n.reprobers()) == 0 {
		return nil
	}
	paths := n.cfg.Reprobe.Paths
	if paths == nil {
		paths = devwatch.DefaultPaths
	}
	w, err := devwatch.New(paths)
	if err != nil {
		return fmt.Errorf("node: watch devices: %w", err)
	}
	n.wg.Go(func() {
		w.Run(ctx, every, func(diff string) {
			n.cfg.Logger.Info("devices changed: probing them again", "what", diff)
			n.Reprobe(ctx)
		})
	})
	return nil
}

// Reprobe asks every renderer that probes devices which it finds now, and
// when what one offers changed: logs it, gossips the node's new builds
// (other members, conun nodes and the scheduler see them), and hands back
// the leases taken under the old build. A renderer whose probe fails keeps
// offering what it did, and its entry says why. Re-probes do not overlap.
func (n *Node) Reprobe(ctx context.Context) api.Reprobe {
	n.reprobeMu.Lock()
	defer n.reprobeMu.Unlock()
	out := api.Reprobe{Renderers: []api.ReprobedRenderer{}}
	changed := map[string]string{}
	for _, r := range n.reprobers() {
		name := r.Name()
		n.metaMu.Lock()
		before := n.meta.Renderers[name]
		n.metaMu.Unlock()
		pctx, cancel := context.WithTimeout(ctx, probeTimeout)
		_, err := r.(reprober).Reprobe(pctx)
		cancel()
		rr := api.ReprobedRenderer{Name: name, Before: before, After: renderer.Advertised(r)}
		if d, ok := r.(interface{ DeviceNote() string }); ok {
			rr.Note = d.DeviceNote()
		}
		if err != nil {
			rr.Error = err.Error()
			n.cfg.Logger.Warn("device probe failed: offering what the last one found", "renderer", name, "err", err)
		}
		if rr.After != before {
			changed[name] = rr.After
			logDeviceChange(n, name, before, rr.After, rr.Note)
		} else if err == nil {
			n.cfg.Logger.Info("devices probed again: nothing changed", "renderer", name, "offers", rr.After)
		}
		out.Renderers = append(out.Renderers, rr)
	}
	if len(changed) == 0 {
		return out
	}
	n.availMu.Lock()
	n.changeMeta("the renderers' new builds", func(m *api.NodeMeta) bool {
		m.Renderers = maps.Clone(m.Renderers) // copies of the meta share the old map
		maps.Copy(m.Renderers, changed)
		return true
	})
	n.availMu.Unlock()
	names := slices.Sorted(maps.Keys(changed))
	why := "devices changed: " + strings.Join(names, ", ") + " now offers " + changed[names[0]]
	if k := n.work.releaseRenderers(ctx, changed, why); k > 0 {
		n.cfg.Logger.Info("handed leases back", "leases", k, "why", why)
	}
	return out
}

// logDeviceChange says what a renderer offers now, in the owner's words.
func logDeviceChange(n *Node, name, before, after, note string) {
	b, a := renderer.ParseBuild(before), renderer.ParseBuild(after)
	was, is := gpuOf(b.Device), gpuOf(a.Device)
	log := n.cfg.Logger.With("renderer", name, "before", before, "after", after)
	switch {
	case is != "" && was != is:
		log.Info(fmt.Sprintf("GPU appeared: %s now offered", a.Device))
	case was != "" && is == "":
		log.Warn(fmt.Sprintf("%s device gone: %s no longer offered", strings.ToUpper(was), b.Device), "why", note)
	default:
		log.Info("renderer build changed")
	}
}

// gpuOf is the GPU kind a build's device names ("cuda" of "cycles-cuda"),
// "" for a CPU device or none.
func gpuOf(device string) string {
	_, kind, ok := strings.Cut(device, "-")
	if !ok || kind == "" || strings.HasPrefix(kind, "cpu") {
		return ""
	}
	return kind
}

// gpuFailed is called by the worker when a render on rend failed: on a GPU
// it probes at once, so that a device that vanished hands the lease back
// (as a change does) rather than failing it against this node.
func (n *Node) gpuFailed(rend renderer.Renderer) {
	d, ok := rend.(interface{ Device() string })
	if _, probes := rend.(reprober); !ok || !probes || d.Device() == "" || d.Device() == "CPU" {
		return
	}
	n.cfg.Logger.Info("a render on the GPU failed: probing the devices again", "renderer", rend.Name(), "device", d.Device())
	n.Reprobe(n.ctx)
}

// postNodeReprobe is POST /v1/node/reprobe (admin).
func (n *Node) postNodeReprobe(rw http.ResponseWriter, r *http.Request) {
	res := n.Reprobe(r.Context())
	if errors.Is(r.Context().Err(), context.Canceled) {
		return
	}
	writeJSON(rw, res)
}
