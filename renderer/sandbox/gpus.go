package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"slices"
	"strings"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/system"
	"github.com/moby/moby/client"
)

// GPUs is which of the node's GPUs a GPU task's container gets: none (the
// zero value), all of them, or some by id. It is `docker run --gpus` as a
// value.
type GPUs struct {
	// All passes every GPU (a device request with Count -1).
	All bool
	// IDs passes these GPUs: indexes ("0") or UUIDs ("GPU-6f2c...") as
	// nvidia-smi -L lists them.
	IDs []string
}

// ErrNoGPURuntime is wrapped by CheckGPUs' error when the Docker Engine has
// no way to hand GPUs to containers.
var ErrNoGPURuntime = errors.New("the Docker Engine cannot pass GPUs into containers")

// maxGPUIDs bounds a --gpus list.
const maxGPUIDs = 64

// ParseGPUs reads a --gpus value: "none" (or ""), "all", or GPU ids
// separated by commas ("0,1", "GPU-6f2c..."). A bad value is an error
// naming it.
func ParseGPUs(s string) (GPUs, error) {
	switch strings.TrimSpace(s) {
	case "", "none":
		return GPUs{}, nil
	case "all":
		return GPUs{All: true}, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > maxGPUIDs {
		return GPUs{}, fmt.Errorf("--gpus %q: %d ids, at most %d", s, len(parts), maxGPUIDs)
	}
	var g GPUs
	for _, p := range parts {
		id := strings.TrimSpace(p)
		if !validGPUID(id) {
			return GPUs{}, fmt.Errorf("--gpus %q: GPU id %q: want all, none, or ids such as 0,1 or GPU-UUIDs (nvidia-smi -L)", s, id)
		}
		if slices.Contains(g.IDs, id) {
			return GPUs{}, fmt.Errorf("--gpus %q: GPU %s is named twice", s, id)
		}
		g.IDs = append(g.IDs, id)
	}
	return g, nil
}

// validGPUID accepts what the NVIDIA runtime takes as a device: an index or
// a UUID, letters, digits and dashes; "all" and "none" are not ids.
func validGPUID(id string) bool {
	if id == "" || len(id) > 64 || id == "all" || id == "none" {
		return false
	}
	for _, r := range id {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '-') {
			return false
		}
	}
	return true
}

// None reports whether no GPU is passed.
func (g GPUs) None() bool { return !g.All && len(g.IDs) == 0 }

// String is the --gpus value that ParseGPUs reads back as g.
func (g GPUs) String() string {
	switch {
	case g.All:
		return "all"
	case len(g.IDs) == 0:
		return "none"
	}
	return strings.Join(g.IDs, ",")
}

// deviceRequests is g as the Engine's device requests (what `docker run
// --gpus` sends): Count -1 for all, DeviceIDs for a list, the "gpu"
// capability either way.
func (g GPUs) deviceRequests() []container.DeviceRequest {
	switch {
	case g.All:
		return []container.DeviceRequest{{Count: -1, Capabilities: [][]string{{"gpu"}}}}
	case len(g.IDs) > 0:
		return []container.DeviceRequest{{DeviceIDs: slices.Clone(g.IDs), Capabilities: [][]string{{"gpu"}}}}
	}
	return nil
}

// CheckGPUs asks the Engine (docker info) whether it can pass GPUs into
// containers: an "nvidia" runtime, or an NVIDIA device its CDI found. Its
// error, wrapping ErrNoGPURuntime, names what to install. It is checked at
// a node's start, so that a node says it once rather than failing each GPU
// task.
func (s *Sandbox) CheckGPUs(ctx context.Context) error {
	res, err := s.cli.Info(ctx, client.InfoOptions{})
	if err != nil {
		return fmt.Errorf("sandbox: docker info: %w", err)
	}
	hook := ""
	if local(s.cli.DaemonHost()) {
		hook, _ = exec.LookPath("nvidia-container-runtime-hook")
	}
	return gpuSupport(res.Info, hook)
}

// gpuSupport decides from docker info (and, for a local Engine, the path
// of the NVIDIA hook that dockerd's built-in GPU support runs, "" if none)
// whether GPUs can be passed in.
func gpuSupport(info system.Info, hook string) error {
	if _, ok := info.Runtimes["nvidia"]; ok || hook != "" {
		return nil
	}
	for _, d := range info.DiscoveredDevices {
		if d.Source == "cdi" && strings.HasPrefix(d.ID, "nvidia.com/gpu=") {
			return nil
		}
	}
	runtimes := make([]string, 0, len(info.Runtimes))
	for name := range info.Runtimes {
		runtimes = append(runtimes, name)
	}
	slices.Sort(runtimes)
	return fmt.Errorf("sandbox: %w: it has no nvidia runtime (runtimes: %s), no NVIDIA CDI device, and no nvidia-container-runtime-hook; install nvidia-container-toolkit and run `nvidia-ctk runtime configure --runtime=docker`, then restart dockerd", ErrNoGPURuntime, strings.Join(runtimes, ", "))
}

// local reports whether the Engine's address is on this machine, where
// the hook's presence on PATH says something about it.
func local(host string) bool {
	u, err := url.Parse(host)
	return err == nil && (u.Scheme == "unix" || u.Scheme == "npipe")
}
