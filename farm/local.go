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

// StartLocalNode starts the desktop app's own node in this process: path
// tracer, one slot per two cores (the app and the desktop stay responsive),
// its key and name kept in dataDir so a restarted app is the same member.
// join, when set, is a member's gossip address (HOST:PORT).
func StartLocalNode(ctx context.Context, dataDir, join string) (*Node, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("local node data folder: %w", err)
	}
	id, err := rpc.LoadIdentity(filepath.Join(dataDir, "node.key"))
	if err != nil {
		return nil, fmt.Errorf("local node key: %w", err)
	}
	cfg := DefaultNodeConfig()
	cfg.DataDir = dataDir
	cfg.Identity = id
	cfg.Name = localNodeName(id.Address().Hex())
	cfg.Renderers = []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig())}
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

// localNodeName names the app's node after the host and its key, like
// `conun node` does, so two artists' apps do not clash in one cluster.
func localNodeName(addr string) string {
	host, _ := os.Hostname()
	if host == "" {
		host = "conun"
	}
	return fmt.Sprintf("%s-gui-%s", host, strings.ToLower(addr[2:10]))
}
