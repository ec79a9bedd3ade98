package farm

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// LocalRenderers is what the desktop app's own node renders with, built
// by the caller as `conun node` would build them on this machine (the
// sandbox and Blender live in cmd, not in farm).
type LocalRenderers struct {
	// Renderers are offered to the cluster; none means the path tracer
	// alone, unsandboxed (it runs no scene code).
	Renderers []renderer.Renderer
	// Refused are kinds the node will not run, each with why (Blender with
	// no sandbox to run a stranger's scene in).
	Refused map[string]string
	// Sandboxed says the renderers run in the Docker sandbox, with
	// RenderMemory its per-render memory limit.
	Sandboxed    bool
	RenderMemory int64
}

// StartLocalNode starts the desktop app's own node in this process: the
// renderers in lr, one slot per two cores (the app and the desktop stay
// responsive), its key and name kept in dataDir so a restarted app is the
// same member. join, when set, is a member's gossip address (HOST:PORT).
func StartLocalNode(ctx context.Context, dataDir, join string, lr LocalRenderers) (*Node, error) {
	name, id, err := localIdentity(dataDir)
	if err != nil {
		return nil, err
	}
	cfg := DefaultNodeConfig()
	cfg.DataDir = dataDir
	cfg.Identity = id
	cfg.Name = name
	cfg.Renderers = lr.Renderers
	if len(cfg.Renderers) == 0 {
		cfg.Renderers = []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig())}
	}
	cfg.Refused, cfg.Sandboxed, cfg.RenderMemory = lr.Refused, lr.Sandboxed, lr.RenderMemory
	cfg.Slots = max(1, runtime.NumCPU()/2)
	if join != "" {
		host, _, err := net.SplitHostPort(join)
		if err != nil {
			return nil, fmt.Errorf("cluster address %q: want HOST:PORT, e.g. 192.168.1.10:7946", join)
		}
		cfg.Gossip.Join = []string{join}
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			// Members on other machines must reach our gossip port and
			// node RPC (the client API stays on loopback), at an address
			// the gossip layer advertises.
			cfg.Gossip.BindAddr = "0.0.0.0"
			cfg.ListenAddr = "0.0.0.0:0"
		}
	}
	return StartNode(ctx, cfg)
}

// LocalNodeName is the name the app's node in dataDir has (and keeps): its
// sandbox labels its containers with it before the node starts.
func LocalNodeName(dataDir string) (string, error) {
	name, _, err := localIdentity(dataDir)
	return name, err
}

// localIdentity loads (or makes) the app's node key in dataDir and names
// the node after it.
func localIdentity(dataDir string) (string, *rpc.Identity, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return "", nil, fmt.Errorf("local node data folder: %w", err)
	}
	id, err := rpc.LoadIdentity(filepath.Join(dataDir, "node.key"))
	if err != nil {
		return "", nil, fmt.Errorf("local node key: %w", err)
	}
	return localNodeName(id.Address().Hex()), id, nil
}

// localNodeName names the app's node after the host and its key, like
// `conun node` does, so two artists' apps do not clash in one cluster.
func localNodeName(addr string) string {
	host, _ := os.Hostname()
	if host == "" {
		host = "conun"
	}
	return fmt.Sprintf("%s-gui-%s", host, strings.ToLower(addr[2:10]))
}
