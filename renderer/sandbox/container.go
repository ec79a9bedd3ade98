package sandbox

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/go-units"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/client"
)

// Labels on every container the sandbox creates; Reap finds its own by them.
const (
	labelSandbox = "conun.sandbox"
	labelNode    = "conun.node"
	labelKind    = "conun.kind"
)

// minFileLimit is the least RLIMIT_FSIZE a container gets; see start.
const minFileLimit = 256 << 20

// linuxSIGXFSZ is SIGXFSZ's number inside the container, which runs Linux
// whatever the host is (syscall has no SIGXFSZ on Windows); it is 25 on
// every Linux architecture Docker runs.
const linuxSIGXFSZ = 25

// spec is one container to run.
type spec struct {
	kind   string   // "pathtracer" or "blender": a label, and named in errors
	image  string   //
	cmd    []string // the whole command line (the image's entrypoint is replaced)
	mounts []mount.Mount
	outDir string // the writable host directory among mounts, watched; "" if none
	stdin  bool   // keep stdin open for the caller to write
	gpu    bool   // pass the node's GPUs through
	env    []string
}

// ExitError says how a container that failed ended.
type ExitError struct {
	// Kind is the renderer that ran ("pathtracer", "blender").
	Kind string
	// Code is the exit status (137 when killed).
	Code int
	// Reason is ErrTimeout, ErrOutOfMemory or ErrOutputLimit when the
	// sandbox or the kernel ended it for that, a context's error when the
	// caller cancelled it, or nil when the program failed by itself.
	Reason error
	// Limit describes the limit Reason refers to ("512 MiB", "5s").
	Limit string
}

func (e *ExitError) Error() string {
	if e.Reason != nil {
		return fmt.Sprintf("sandbox: %s container killed: %v (%s)", e.Kind, e.Reason, e.Limit)
	}
	return fmt.Sprintf("sandbox: %s container exit status %d", e.Kind, e.Code)
}

// Unwrap returns Reason, so errors.Is(err, ErrOutOfMemory) and the like work.
func (e *ExitError) Unwrap() error { return e.Reason }

// box is a running container: its output, its stdin and its end. It
// implements blender.Proc.
type box struct {
	s      *Sandbox
	id     string
	kind   string
	conn   client.HijackedResponse
	out    *io.PipeReader
	waitC  <-chan container.WaitResponse
	errC   <-chan error
	cancel context.CancelFunc // ends the wait and the watch
	remove []string           // host paths to delete once it is gone

	mu     sync.Mutex
	reason error // why the sandbox killed it, first one wins
	limit  string

	once sync.Once
	err  error
}

// start creates, attaches to and starts a container. The caller must Wait
// for it, which removes it; until then its output must be read.
func (s *Sandbox) start(ctx context.Context, sp spec) (_ *box, err error) {
	cfg, host := s.containerConfig(sp)
	created, err := s.cli.ContainerCreate(ctx, client.ContainerCreateOptions{Config: cfg, HostConfig: host})
	if err != nil {
		if cerrdefs.IsNotFound(err) {
			how := "`make images`"
			if t := buildTarget(sp.image); t != "" {
				how += " (or renderer/sandbox/images/build.sh " + t + ")"
			}
			return nil, fmt.Errorf("sandbox: image %s: %w; build it with %s", sp.image, ErrNoImage, how)
		}
		return nil, fmt.Errorf("sandbox: create %s container: %w", sp.kind, err)
	}
	b := &box{s: s, id: created.ID, kind: sp.kind}
	defer func() {
		if err != nil {
			b.kill(nil, "")
			b.Wait()
		}
	}()
	waitCtx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	// Attach and wait before the start, so no output and no exit is missed.
	att, err := s.cli.ContainerAttach(ctx, b.id, client.ContainerAttachOptions{
		Stream: true, Stdin: sp.stdin, Stdout: true, Stderr: true,
	})
	if err != nil {
		return b, fmt.Errorf("sandbox: attach %s container: %w", sp.kind, err)
	}
	b.conn = att.HijackedResponse
	w := s.cli.ContainerWait(waitCtx, b.id, client.ContainerWaitOptions{Condition: container.WaitConditionNextExit})
	b.waitC, b.errC = w.Result, w.Error
	pr, pw := io.Pipe()
	b.out = pr
	go func() {
		// stdout and stderr into one stream, in the order they arrive.
		_, err := stdcopy.StdCopy(pw, pw, b.conn.Reader)
		pw.CloseWithError(err)
	}()
	if _, err := s.cli.ContainerStart(ctx, b.id, client.ContainerStartOptions{}); err != nil {
		return b, fmt.Errorf("sandbox: start %s container: %w", sp.kind, err)
	}
	if sp.outDir != "" {
		go b.watch(waitCtx, sp.outDir)
	}
	return b, nil
}

// containerConfig is the container sp runs in: every limit of the
// sandbox's Config, and its GPUs when sp asks for them.
func (s *Sandbox) containerConfig(sp spec) (*container.Config, *container.HostConfig) {
	cfg := &container.Config{
		User:            s.cfg.User,
		Cmd:             sp.cmd[1:],
		Entrypoint:      sp.cmd[:1],
		Image:           sp.image,
		Env:             append([]string{"HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8"}, sp.env...),
		WorkingDir:      "/tmp",
		NetworkDisabled: true,
		AttachStdout:    true,
		AttachStderr:    true,
		AttachStdin:     sp.stdin,
		OpenStdin:       sp.stdin,
		StdinOnce:       sp.stdin, // our closing stdin (or dying) ends the driver
		Labels: map[string]string{
			labelSandbox: "1",
			labelNode:    s.cfg.Node,
			labelKind:    sp.kind,
		},
	}
	pids := s.cfg.PIDs
	// Blender sizes a file past 32 MiB as it starts (measured: killed by
	// SIGXFSZ with a 32 MiB RLIMIT_FSIZE, fine with 64 MiB), so the cap on
	// one file never goes below minFileLimit; the watch on the output
	// directory keeps the total at OutputLimit.
	fsize := max(s.cfg.OutputLimit, minFileLimit)
	yes := true
	host := &container.HostConfig{
		NetworkMode:    "none",
		ReadonlyRootfs: true,
		CapDrop:        []string{"ALL"},
		SecurityOpt:    []string{"no-new-privileges"},
		IpcMode:        "private",
		Init:           &yes, // reaps a scene's stray children; its exit ends them all
		// No log driver: the output is read through the attach stream, and
		// a chatty scene must not fill the node's disk with json logs.
		LogConfig: container.LogConfig{Type: "none"},
		Tmpfs: map[string]string{
			"/tmp": fmt.Sprintf("rw,nosuid,nodev,noexec,size=%d,mode=1777", s.cfg.TmpSize),
		},
		ShmSize: min(s.cfg.TmpSize, 64<<20),
		Mounts:  sp.mounts,
		Resources: container.Resources{
			Memory:     s.cfg.Memory,
			MemorySwap: s.cfg.Memory, // the same as Memory: no swap on top
			NanoCPUs:   int64(s.cfg.CPUs * 1e9),
			PidsLimit:  &pids,
			Ulimits: []*units.Ulimit{
				{Name: "fsize", Soft: fsize, Hard: fsize},
				{Name: "core", Soft: 0, Hard: 0},
			},
		},
	}
	if sp.gpu {
		host.DeviceRequests = s.cfg.GPUs.deviceRequests()
	}
	return cfg, host
}

// Stdin is the container's stdin; Close closes it for the container.
func (b *box) Stdin() io.WriteCloser { return stdin{b} }

type stdin struct{ b *box }

func (s stdin) Write(p []byte) (int, error) { return s.b.conn.Conn.Write(p) }
func (s stdin) Close() error                { return s.b.conn.CloseWrite() }

// Output is the container's stdout and stderr, merged.
func (b *box) Output() io.ReadCloser { return b.out }

// Kill kills the container; Wait removes it.
func (b *box) Kill() error { return b.kill(nil, "") }

// kill kills the container, noting why when the sandbox decided it.
func (b *box) kill(reason error, limit string) error {
	if reason != nil {
		b.mu.Lock()
		if b.reason == nil {
			b.reason, b.limit = reason, limit
		}
		b.mu.Unlock()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := b.s.cli.ContainerKill(ctx, b.id, client.ContainerKillOptions{Signal: "KILL"})
	if err != nil && (cerrdefs.IsNotFound(err) || cerrdefs.IsConflict(err) || strings.Contains(err.Error(), "is not running")) {
		err = nil // it has ended already
	}
	return err
}

// Wait waits until the container has ended, removes it, and says how it
// ended: nil for exit status 0, else an *ExitError.
func (b *box) Wait() error {
	b.once.Do(func() {
		code := -1
		if b.waitC != nil {
			select {
			case r := <-b.waitC:
				code = int(r.StatusCode)
			case <-b.errC:
			}
		}
		if b.cancel != nil {
			b.cancel()
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		oom := false
		if info, err := b.s.cli.ContainerInspect(ctx, b.id, client.ContainerInspectOptions{}); err == nil && info.Container.State != nil {
			oom = info.Container.State.OOMKilled
			if code < 0 {
				code = info.Container.State.ExitCode
			}
		}
		b.s.cli.ContainerRemove(ctx, b.id, client.ContainerRemoveOptions{Force: true})
		if b.conn.Conn != nil {
			b.conn.Close()
		}
		for _, p := range b.remove {
			os.RemoveAll(p)
		}
		b.mu.Lock()
		reason, limit := b.reason, b.limit
		b.mu.Unlock()
		if reason == nil && oom {
			reason, limit = ErrOutOfMemory, units.BytesSize(float64(b.s.cfg.Memory))
		}
		// A file past RLIMIT_FSIZE raises SIGXFSZ, which kills a program
		// that does not ignore it (Blender 4.3 does not; 3.4's Python
		// ignored it, so the write failed with "File too large"); the
		// container's init then exits with 128+SIGXFSZ.
		if reason == nil && code == 128+linuxSIGXFSZ {
			reason, limit = ErrOutputLimit, units.BytesSize(float64(max(b.s.cfg.OutputLimit, minFileLimit)))+" per file"
		}
		if reason != nil || code != 0 {
			b.err = &ExitError{Kind: b.kind, Code: code, Reason: reason, Limit: limit}
		}
	})
	return b.err
}

// watch kills the container when its output directory grows past the
// limit. RLIMIT_FSIZE caps each file; this caps their sum, within a poll.
func (b *box) watch(ctx context.Context, dir string) {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if dirSize(dir) > b.s.cfg.OutputLimit {
			b.kill(ErrOutputLimit, units.BytesSize(float64(b.s.cfg.OutputLimit)))
			return
		}
	}
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// lines calls fn for each line of the box's output until it ends, keeping
// the last ones for error messages.
func (b *box) lines(fn func(line string)) (tail []string) {
	defer b.out.Close()
	sc := bufio.NewScanner(b.out)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if fn != nil {
			fn(line)
		}
		if len(tail) == 20 {
			tail = append(tail[:0], tail[1:]...)
		}
		tail = append(tail, line)
	}
	io.Copy(io.Discard, b.out)
	return tail
}

// bindFile mounts the host file src at target, read-only. A file the
// container's user may not read (a blob the node stored 0600) is copied
// into a directory of its own first; the copy's directory is returned for
// removal.
func (s *Sandbox) bindFile(src, target string) (mount.Mount, string, error) {
	real, err := filepath.Abs(src)
	if err == nil {
		real, err = filepath.EvalSymlinks(real)
	}
	if err != nil {
		return mount.Mount{}, "", fmt.Errorf("sandbox: %w", err)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return mount.Mount{}, "", fmt.Errorf("sandbox: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return mount.Mount{}, "", fmt.Errorf("sandbox: %s is not a regular file", src)
	}
	staged := ""
	if !s.mayRead(fi) {
		dir, err := os.MkdirTemp(s.cfg.WorkDir, "stage-")
		if err != nil {
			return mount.Mount{}, "", fmt.Errorf("sandbox: stage %s: %w", src, err)
		}
		staged = dir
		cp := filepath.Join(dir, filepath.Base(real))
		if err := copyFile(cp, real); err != nil {
			os.RemoveAll(dir)
			return mount.Mount{}, "", fmt.Errorf("sandbox: stage %s: %w", src, err)
		}
		real = cp
	}
	return mount.Mount{Type: mount.TypeBind, Source: real, Target: target, ReadOnly: true}, staged, nil
}

// mayRead reports whether the container's user can read the file.
func (s *Sandbox) mayRead(fi os.FileInfo) bool {
	uid, gid, ok := fileOwner(fi)
	perm := fi.Mode().Perm()
	switch {
	case perm&0o004 != 0:
		return true
	case !ok:
		return false
	case uid == s.uid:
		return perm&0o400 != 0
	case gid == s.gid:
		return perm&0o040 != 0
	}
	return false
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// bindOut mounts the host directory dir at target, writable, and makes it
// the container user's to write.
func (s *Sandbox) bindOut(dir, target string) (mount.Mount, error) {
	if os.Getuid() == 0 && s.uid != 0 {
		if err := os.Chown(dir, s.uid, s.gid); err != nil {
			return mount.Mount{}, fmt.Errorf("sandbox: output dir: %w", err)
		}
	} else if os.Getuid() != s.uid {
		if err := os.Chmod(dir, 0o777); err != nil {
			return mount.Mount{}, fmt.Errorf("sandbox: output dir: %w", err)
		}
	}
	return mount.Mount{Type: mount.TypeBind, Source: dir, Target: target}, nil
}

// errTail joins an error with the last lines a container printed.
func errTail(err error, tail []string) error {
	if len(tail) == 0 {
		return err
	}
	return fmt.Errorf("%w; its last output:\n%s", err, strings.Join(tail, "\n"))
}

func removeAll(path string) { os.RemoveAll(path) }

// absPath is path made absolute, as renderer/blender passes scenes to its
// StartFunc; path itself when that fails.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
