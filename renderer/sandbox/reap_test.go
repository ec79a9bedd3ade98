package sandbox

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// TestHelperProcess is not a test: it is the node that TestReapAfterKill
// kills with SIGKILL in the middle of a render.
func TestHelperProcess(t *testing.T) {
	env := os.Getenv("CONUN_SANDBOX_HELPER")
	if env == "" {
		return
	}
	node, workDir, _ := strings.Cut(env, ":")
	cfg := DefaultConfig()
	cfg.Node, cfg.WorkDir = node, workDir
	s, err := New(cfg)
	if err != nil {
		os.Exit(2)
	}
	s.PathTracer(pathtracer.DefaultConfig()).Render(context.Background(), renderer.Task{
		Scene: bundled("cornell.glb"), Frame: 1, Width: 640, Height: 480, Samples: 1 << 20,
	})
	os.Exit(3) // not reached: the test kills this process first
}

// TestReapAfterKill: a node killed with SIGKILL while its container renders
// leaves the container running and its output dir behind; the next start's
// Reap removes both, and only that node's.
func TestReapAfterKill(t *testing.T) {
	cfg := testConfig(t)
	s := newSandbox(t, cfg, "pathtracer")
	other := newSandbox(t, testConfig(t), "pathtracer") // another node on the same engine

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "CONUN_SANDBOX_HELPER="+cfg.Node+":"+cfg.WorkDir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	deadline := time.Now().Add(30 * time.Second)
	for len(containers(t, s)) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the helper node started no container in 30s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	left := containers(t, s)
	entries, _ := os.ReadDir(cfg.WorkDir)
	if len(left) != 1 || len(entries) == 0 {
		t.Fatalf("after SIGKILL: %d containers and %d work dir entries, want the leftovers", len(left), len(entries))
	}
	otherBox := newPathTracer(t, other)

	n, err := s.Reap(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("Reap: %d, %v; want 1 container", n, err)
	}
	if ids := containers(t, s); len(ids) > 0 {
		t.Fatalf("%d containers after Reap", len(ids))
	}
	if entries, _ := os.ReadDir(cfg.WorkDir); len(entries) > 0 {
		t.Fatalf("work dir holds %d entries after Reap", len(entries))
	}
	// The other node's sandbox still works: Reap took only this node's.
	if _, err := otherBox.Render(context.Background(), renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 8, Height: 8, Samples: 1}); err != nil {
		t.Fatal(err)
	}
}

// TestLockdown looks at a container from inside: not root, no
// capabilities, no new privileges, no network but loopback, a read-only
// root, a capped /tmp and the pids limit.
func TestLockdown(t *testing.T) {
	s := newSandbox(t, testConfig(t), "blender")
	b, err := s.start(context.Background(), spec{kind: "blender", image: s.cfg.BlenderImage, cmd: []string{"sh", "-c", `
id -u; grep -E '^(CapEff|CapPrm|NoNewPrivs)' /proc/self/status
ls /sys/class/net
touch /rootfs-write 2>&1
df -k /tmp | tail -1
cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/memory.max`}})
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Join(b.lines(nil), "\n")
	if err := b.Wait(); err != nil {
		t.Fatal(err, out)
	}
	t.Logf("inside the box:\n%s", out)
	for _, want := range []string{"65534\n", "CapPrm:\t0000000000000000", "CapEff:\t0000000000000000", "NoNewPrivs:\t1", "\nlo\n", "Read-only file system", "16384", "\n128\n", "536870912"} {
		if !strings.Contains(out+"\n", want) {
			t.Errorf("inside the box: no %q", want)
		}
	}
}
