package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/renderer"
)

// localNodeMemory is the sandbox's memory limit per render on the app's
// own node, as `conun node`'s --memory-max default.
const localNodeMemory = 4 << 30

// localNode is the desktop app's own node and the sandbox its renders run
// in, closed with it.
type localNode struct {
	*farm.Node
	closeAll func()
}

// Close stops the node, then its renderers' sandbox.
func (n localNode) Close() error {
	err := n.Node.Close()
	n.closeAll()
	return err
}

// startLocalNode starts the app's own node with what `conun node
// --renderers pathtracer,blender --sandbox auto` would run on this
// machine: Blender in the Docker sandbox when an engine answers and its
// image is here (an artist's .blend is then inspected and rendered by the
// node the app started), else the path tracer alone, with Blender refused
// and why (a stranger's scene would run unsandboxed: the node's Refused,
// which the app shows).
func startLocalNode(ctx context.Context, dataDir, join string) (localNode, error) {
	lr, closeAll, err := localRenderers(ctx, dataDir)
	if err != nil {
		return localNode{}, err
	}
	node, err := farm.StartLocalNode(ctx, dataDir, join, lr)
	if err != nil {
		closeAll()
		return localNode{}, err
	}
	return localNode{Node: node, closeAll: closeAll}, nil
}

// localRenderers builds the renderers of the app's node in dataDir; the
// returned func closes them and their sandbox (the node closes only what
// it was given when it starts).
func localRenderers(ctx context.Context, dataDir string) (farm.LocalRenderers, func(), error) {
	name, err := farm.LocalNodeName(dataDir)
	if err != nil {
		return farm.LocalRenderers{}, nil, err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	kinds := []string{"pathtracer", "blender"}
	bo := defaultBlender()
	bo.Strict = true // strangers' scenes must be self-contained
	sb, _, err := openSandbox(ctx, "auto", name, bo, localNodeMemory, kinds...)
	if err != nil {
		// Blender's image missing or an engine that fails: the path
		// tracer still runs, and the app says why Blender does not.
		return farm.LocalRenderers{Refused: map[string]string{"blender": err.Error()}}, func() {}, nil
	}
	if sb == nil {
		kept, refused, err := unsandboxedKinds("auto", kinds, log)
		if err != nil {
			return farm.LocalRenderers{}, nil, err
		}
		var rs []renderer.Renderer
		for _, k := range kept {
			r, err := newRenderer(k, nil, bo)
			if err != nil {
				return farm.LocalRenderers{}, nil, err
			}
			rs = append(rs, r)
		}
		return farm.LocalRenderers{Renderers: rs, Refused: refused}, func() {}, nil
	}
	lr := farm.LocalRenderers{Sandboxed: true, RenderMemory: localNodeMemory}
	closeAll := func() {
		for _, r := range lr.Renderers {
			closeRenderer(r)
		}
		sb.Close()
	}
	for _, k := range kinds {
		r, err := newRenderer(k, sb, bo)
		if err != nil {
			closeAll()
			return farm.LocalRenderers{}, nil, err
		}
		lr.Renderers = append(lr.Renderers, r)
	}
	return lr, closeAll, nil
}
