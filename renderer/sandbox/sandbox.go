// Package sandbox runs renders in locked-down Docker containers, so that a
// hostile scene (a .blend's Python, a crafted glTF) cannot reach the node
// that renders it.
//
// Every container runs with no network, a read-only root filesystem, a
// size-capped tmpfs on /tmp, all capabilities dropped, no-new-privileges, a
// non-root user, and memory, pids and CPU limits. It sees the task's scene
// (read-only), the renderer's own program and one output directory, the only
// writable mount, whose size is watched. Every container is labelled with
// the node's id, so a node that was killed can remove its leftovers at its
// next start (Reap).
//
// Both renderers keep long-lived containers per scene, driven over the
// container's attached stdin and stdout, so tiles after the first pay no
// container start-up: the path tracer's ptrender (images/ptrender in the
// conun-pathtracer image) serves a scene's tasks one after another, and
// Blender runs its warm per-scene process (see renderer/blender). A task
// past the sandbox's Timeout still kills its container.
//
// The images are built locally by images/build.sh (`make images`); Check
// says how when they are missing.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/conun/conun/renderer/blender"
	"github.com/moby/moby/client"
)

// Config holds a sandbox's limits and names. DefaultConfig returns one that
// works; the node maps its flags onto the fields.
type Config struct {
	// Host is the Docker Engine's address (unix:///var/run/docker.sock,
	// tcp://...); "" uses DOCKER_HOST and the other DOCKER_* variables, or
	// the local socket.
	Host string
	// Node labels the containers (conun.node=Node) so that Reap removes
	// only this node's leftovers; "" means "local".
	Node string
	// PathTracerImage and BlenderImage name the images; "" means the tags
	// images/build.sh builds (PathTracerImage(), BlenderImage()).
	// BlenderImageFor(Blender4Version) renders with Blender 4.3 instead.
	PathTracerImage, BlenderImage string
	// User is the uid:gid that renders in the container; "" means the
	// node's own uid:gid, or 65534:65534 (nobody) when the node runs as
	// root. Root (0) is refused.
	User string
	// Memory caps the container's memory in bytes (swap is not allowed on
	// top); tmpfs pages count against it too.
	Memory int64
	// PIDs caps the processes and threads in the container.
	PIDs int64
	// CPUs caps the CPU time, in cores (1.5 = one and a half); 0 means
	// no cap.
	CPUs float64
	// TmpSize caps the tmpfs mounted on /tmp, in bytes.
	TmpSize int64
	// OutputLimit caps what a task may write: the output directory as a
	// whole (polled; the container is killed when over) and each file
	// (RLIMIT_FSIZE, hard, never below 256 MiB, which Blender needs).
	OutputLimit int64
	// Timeout is a task's wall-clock limit, container start included; the
	// container is then killed and removed.
	Timeout time.Duration
	// GPUs is which of the node's GPUs containers of tasks that ask for
	// them (a Blender with a GPU device) get, through device requests;
	// none (the zero value) refuses a GPU device. CheckGPUs says whether the
	// Engine can do it.
	GPUs GPUs
	// WorkDir holds the per-task output directories and staged scene
	// copies; "" means conun-sandbox-NODE in the system's temp dir. Reap
	// empties it.
	WorkDir string
}

// DefaultConfig returns the limits a node uses unless told otherwise: 4 GiB
// of memory, 1024 processes and threads (Blender starts one render thread
// per core), all CPUs, 256 MiB of /tmp, 2 GiB of output (a 16K frame at 16
// bits), 30 minutes per task, no GPUs.
func DefaultConfig() Config {
	return Config{
		Node:        "local",
		Memory:      4 << 30,
		PIDs:        1024,
		TmpSize:     256 << 20,
		OutputLimit: 2 << 30,
		Timeout:     30 * time.Minute,
	}
}

var (
	// ErrNoEngine is wrapped by Check's and New's errors when no Docker
	// Engine answers.
	ErrNoEngine = errors.New("no Docker Engine answers")
	// ErrNoImage is wrapped by Check's error when an image is missing.
	ErrNoImage = errors.New("sandbox image missing")
	// ErrTimeout is wrapped by the error of a task killed at its
	// wall-clock limit.
	ErrTimeout = errors.New("wall-clock limit reached")
	// ErrOutOfMemory is wrapped by the error of a task whose container the
	// kernel killed at its memory limit (Config.Memory, the node's
	// --memory-max): the task needs more than the owner allows.
	ErrOutOfMemory = errors.New("over memory cap")
	// ErrOutputLimit is wrapped by the error of a task that wrote more than
	// Config.OutputLimit.
	ErrOutputLimit = errors.New("output limit reached")
	// ErrClosed is wrapped by the error of a render or inspection that
	// its renderer's Close ended or came after.
	ErrClosed = errors.New("renderer closed")
)

// Sandbox runs containers on one Docker Engine under one Config. It is safe
// for concurrent use.
type Sandbox struct {
	cfg      Config
	cli      *client.Client
	uid, gid int

	// blenderArgs, set by tests only, rewrites Blender's command line: the
	// hostile tests use it to run a scene's own Python on purpose.
	blenderArgs func(blender.Launch) []string
}

// New connects to the engine (lazily: the first call negotiates the API
// version) and returns a Sandbox. Zero fields of cfg take DefaultConfig's
// values.
func New(cfg Config) (*Sandbox, error) {
	d := DefaultConfig()
	if cfg.Node == "" {
		cfg.Node = d.Node
	}
	if cfg.PathTracerImage == "" {
		cfg.PathTracerImage = PathTracerImage()
	}
	if cfg.BlenderImage == "" {
		cfg.BlenderImage = BlenderImage()
	}
	if cfg.Memory <= 0 {
		cfg.Memory = d.Memory
	}
	if cfg.PIDs <= 0 {
		cfg.PIDs = d.PIDs
	}
	if cfg.TmpSize <= 0 {
		cfg.TmpSize = d.TmpSize
	}
	if cfg.OutputLimit <= 0 {
		cfg.OutputLimit = d.OutputLimit
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = d.Timeout
	}
	if cfg.CPUs < 0 || cfg.CPUs > float64(runtime.NumCPU()) {
		return nil, fmt.Errorf("sandbox: CPUs %g: must be between 0 (no cap) and the %d cores here", cfg.CPUs, runtime.NumCPU())
	}
	if cfg.WorkDir == "" {
		cfg.WorkDir = filepath.Join(os.TempDir(), "conun-sandbox-"+safeName(cfg.Node))
	}
	uid, gid, err := containerUser(cfg.User)
	if err != nil {
		return nil, err
	}
	cfg.User = fmt.Sprintf("%d:%d", uid, gid)
	if err := os.MkdirAll(cfg.WorkDir, 0o700); err != nil {
		return nil, fmt.Errorf("sandbox: work dir: %w", err)
	}
	opts := []client.Opt{client.FromEnv}
	if cfg.Host != "" {
		opts = append(opts, client.WithHost(cfg.Host))
	}
	cli, err := client.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("sandbox: docker client: %w", err)
	}
	return &Sandbox{cfg: cfg, cli: cli, uid: uid, gid: gid}, nil
}

// Config returns the sandbox's settings, defaults filled in.
func (s *Sandbox) Config() Config { return s.cfg }

// Close releases the connection to the engine. Containers of renderers made
// from s must be gone first (close those renderers).
func (s *Sandbox) Close() error { return s.cli.Close() }

// containerUser resolves Config.User: never root, and by default the node's
// own ids so that the files a task writes belong to the node.
func containerUser(user string) (uid, gid int, err error) {
	if user == "" {
		uid, gid = os.Getuid(), os.Getgid()
		if uid == 0 {
			uid, gid = 65534, 65534
		}
		return uid, gid, nil
	}
	u, g, ok := strings.Cut(user, ":")
	uid, err1 := strconv.Atoi(u)
	gid, err2 := strconv.Atoi(g)
	if !ok || err1 != nil || err2 != nil || uid < 0 || gid < 0 {
		return 0, 0, fmt.Errorf("sandbox: user %q: want numeric uid:gid, such as 65534:65534", user)
	}
	if uid == 0 {
		return 0, 0, fmt.Errorf("sandbox: user %q: renders never run as root", user)
	}
	return uid, gid, nil
}

// Check verifies that the engine answers and that the images of the named
// renderers ("pathtracer", "blender"; none means both) exist. Its error says
// how to build what is missing.
func (s *Sandbox) Check(ctx context.Context, renderers ...string) error {
	if _, err := s.cli.Ping(ctx, client.PingOptions{}); err != nil {
		return fmt.Errorf("sandbox: %w at %s: %v; start dockerd (Debian: apt-get install docker.io), or run with --sandbox none", ErrNoEngine, s.cli.DaemonHost(), err)
	}
	if len(renderers) == 0 {
		renderers = []string{"pathtracer", "blender"}
	}
	var missing []string
	for _, r := range renderers {
		var image string
		switch r {
		case "pathtracer":
			image = s.cfg.PathTracerImage
		case "blender":
			image = s.cfg.BlenderImage
		default:
			return fmt.Errorf("sandbox: no image for renderer %q (have: pathtracer, blender)", r)
		}
		_, err := s.cli.ImageInspect(ctx, image)
		switch {
		case cerrdefs.IsNotFound(err):
			missing = append(missing, image)
		case err != nil:
			return fmt.Errorf("sandbox: image %s: %w", image, err)
		}
	}
	if len(missing) > 0 {
		var targets []string
		for _, image := range missing {
			if t := buildTarget(image); t != "" {
				targets = append(targets, t)
			}
		}
		how := fmt.Sprintf("`make images` (renderer/sandbox/images/build.sh, as root) builds the path tracer's image and Blender %s's, %s's and %s's; another image is yours to build and tag", BlenderVersion, Blender4Version, Blender5Version)
		if len(targets) == len(missing) {
			them := "it"
			if len(missing) > 1 {
				them = "them"
			}
			how = fmt.Sprintf("build %s with `make images` (or renderer/sandbox/images/build.sh %s, as root)", them, strings.Join(targets, " "))
		}
		return fmt.Errorf("sandbox: %w: %s not found; %s", ErrNoImage, strings.Join(missing, ", "), how)
	}
	return nil
}

// buildTarget names the images/build.sh target that builds image, or ""
// for an image the script does not build.
func buildTarget(image string) string {
	switch image {
	case PathTracerImage():
		return "pathtracer"
	case BlenderImage():
		return "blender"
	case BlenderImageFor(Blender4Version):
		return "blender4"
	case BlenderImageFor(Blender5Version):
		return "blender5"
	}
	return ""
}

// safeName keeps a node id usable in a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, s)
}
