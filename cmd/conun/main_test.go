package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// TestMain lets the test binary stand in for the conun binary: with
// CONUN_TEST_MAIN=1 it runs the command line it was given, as os/exec's own
// tests do, so cluster tests run real, separate node processes.
func TestMain(m *testing.M) {
	if os.Getenv("CONUN_TEST_MAIN") == "1" {
		if os.Getenv("CONUN_TEST_INSTANT") == "1" {
			wrapRenderer = func(r renderer.Renderer) renderer.Renderer { return instantRenderer{r} }
		}
		if os.Getenv("CONUN_TEST_SLOW") == "1" {
			wrapRenderer = func(r renderer.Renderer) renderer.Renderer { return slowRenderer{r} }
		}
		if n, err := strconv.Atoi(os.Getenv("CONUN_TEST_REFUSE_FRAME")); err == nil {
			// A node whose renderer fails every task of frame n.
			wrapRenderer = func(r renderer.Renderer) renderer.Renderer { return farmtest.Refusing(r, n) }
		}
		ctx, stop := signalContext()
		stopProfile := cpuProfile(os.Getenv("CONUN_TEST_CPUPROFILE"))
		code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stopProfile()
		stop()
		os.Exit(code)
	}
	code := m.Run()
	if refDir != "" {
		os.RemoveAll(refDir)
	}
	os.Exit(code)
}

// cpuProfile starts writing this process's CPU profile to file (none for
// ""), for a benchmark to see where a node process's time goes, and its
// allocations to file+".allocs" at the stop (the GC's share of the CPU
// follows the bytes allocated); the node must stop gracefully for the
// profiles to be written.
func cpuProfile(file string) (stop func()) {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "cpu profile: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		if a, err := os.Create(file + ".allocs"); err == nil {
			pprof.Lookup("allocs").WriteTo(a, 0)
			a.Close()
		}
	}
}

// conun runs a command in this process and returns its exit code and output.
func conun(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	code := run(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// nodeProc is a `conun node` running in its own OS process.
type nodeProc struct {
	cmd    *exec.Cmd
	name   string
	url    string
	gossip string
	api    string
}

var nodeLine = regexp.MustCompile(`^node (\S+): API (http://(\S+)), gossip (\S+),`)

// startNode starts `conun node` with args and waits for it to report its
// addresses.
func startNode(t testing.TB, args ...string) *nodeProc {
	t.Helper()
	return startNodeEnv(t, nil, args...)
}

// slowRenderer renders honestly after a pause: a node started with
// CONUN_TEST_SLOW=1 surely still holds its lease when a test kills it.
type slowRenderer struct{ renderer.Renderer }

func (s slowRenderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	select {
	case <-time.After(time.Second):
	case <-ctx.Done():
		return renderer.Result{}, ctx.Err()
	}
	return s.Renderer.Render(ctx, t)
}

// startNodeEnv starts `conun node` with extra environment variables.
func startNodeEnv(t testing.TB, env []string, args ...string) *nodeProc {
	t.Helper()
	if !slices.Contains(args, "--sandbox") {
		args = append(args, "--sandbox", "none") // fast; TestSandboxedNode covers docker
	}
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--calibrate") }) {
		// The calibration renders in a task slot at start, and the
		// speeds it gossips decide which member gets a task: tests that
		// count who rendered what run without it (TestCalibProcesses
		// asks for it).
		args = append(args, "--calibrate=false")
	}
	if !slices.Contains(args, "--network") {
		// Tests' small loopback clusters see a killed node dead within
		// seconds; one that names its network gets that network's preset.
		args = append([]string{"--fast-failure"}, args...)
	}
	cmd := exec.Command(os.Args[0], append([]string{"node"}, args...)...)
	cmd.Env = append(append(os.Environ(), "CONUN_TEST_MAIN=1"), env...)
	return startNodeCmd(t, cmd, !slices.Contains(args, "none") || runsBlender(args))
}

// runsBlender reports whether node flags args offer the Blender backend,
// whose work dir (in TMPDIR) only a graceful stop removes.
func runsBlender(args []string) bool {
	i := slices.Index(args, "--renderers")
	return i >= 0 && i+1 < len(args) && strings.Contains(args[i+1], "blender")
}

// startNodeCmd starts a `conun node` command and waits for it to report
// its addresses; it is stopped at cleanup, gracefully when graceful (a
// sandboxed node's containers go too, a Blender node's work dir too).
func startNodeCmd(t testing.TB, cmd *exec.Cmd, graceful bool) *nodeProc {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if cmd.Stderr == nil { // a test reading the node's log sets its own
		cmd.Stderr = &stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if graceful {
			// A graceful stop removes the node's warm containers and
			// its Blender work dir; a SIGKILL leaves the containers for
			// its next start to clear, and the dir in /tmp.
			cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
				return
			case <-time.After(20 * time.Second):
			}
		}
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	select {
	case l := <-lines:
		m := nodeLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("node printed %q", l)
		}
		return &nodeProc{cmd: cmd, name: m[1], url: m[2], api: m[3], gossip: m[4]}
	case <-time.After(60 * time.Second):
		// Its stderr is whole, and read after its writer, once it is gone.
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("node did not start: %s", stderr.String())
	}
	return nil
}

// kill9 kills the node as a crash would.
func (n *nodeProc) kill9(t *testing.T) {
	t.Helper()
	if err := n.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	n.cmd.Wait()
}

func decodePNG(t *testing.T, path string) image.Image { return farmtest.DecodePNG(t, path) }

func samePNG(t *testing.T, want, got string) {
	t.Helper()
	a, b := decodePNG(t, want), decodePNG(t, got)
	if n, p := farmtest.DiffPixels(a, b); n > 0 {
		t.Fatalf("%s vs %s: %d pixels differ, the first at %v (bounds %v vs %v)", want, got, n, p, a.Bounds(), b.Bounds())
	}
}

// job is the small animated job the process tests submit.
var job = []string{"anim", "--frames", "1-3", "--tiles", "4x4", "--res", "64x48", "--samples", "8", "--seed", "5", "--depth", "16"}

// The reference frames are the same for every test that compares with
// them (the path tracer is deterministic), so they are rendered once per
// test binary; TestMain removes them.
var (
	refOnce sync.Once
	refDir  string
	refErr  error
)

// reference renders job's frames whole with `conun render`, the local path,
// once per test binary, and returns their directory: tests only read it.
func reference(t *testing.T) string {
	t.Helper()
	refOnce.Do(func() {
		if refDir, refErr = os.MkdirTemp("", "conun-cmd-reference-"); refErr != nil {
			return
		}
		for f := 1; f <= 3; f++ {
			out := filepath.Join(refDir, fmt.Sprintf("frame_%04d.png", f))
			code, _, stderr := conun(t, "render", "anim", "--frame", fmt.Sprint(f), "--res", "64x48", "--samples", "8", "--seed", "5", "--depth", "16", "--out", out)
			if code != 0 {
				refErr = fmt.Errorf("render frame %d: exit %d: %s", f, code, stderr)
				return
			}
		}
	})
	if refErr != nil {
		t.Fatalf("reference frames: %v", refErr)
	}
	return refDir
}

func compareFrames(t *testing.T, refDir, dir string) {
	t.Helper()
	for f := 1; f <= 3; f++ {
		name := fmt.Sprintf("frame_%04d.png", f)
		samePNG(t, filepath.Join(refDir, name), filepath.Join(dir, name))
	}
}

// startCluster starts n nodes, each given the node flags args.
func startCluster(t *testing.T, n int, args ...string) []*nodeProc {
	return startClusterSlowLast(t, n, false, args...)
}

// startClusterSlowLast starts n nodes given the node flags args; with
// slowLast the last renders slowly (see slowRenderer), for tests that
// kill or freeze it mid-lease.
func startClusterSlowLast(t *testing.T, n int, slowLast bool, args ...string) []*nodeProc {
	t.Helper()
	first := startNode(t, append([]string{"--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0"}, args...)...)
	nodes := []*nodeProc{first}
	for i := range n - 1 {
		var env []string
		if slowLast && i == n-2 {
			env = []string{"CONUN_TEST_SLOW=1"}
		}
		nodes = append(nodes, startNodeEnv(t, env, append([]string{"--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--join", first.gossip}, args...)...))
	}
	// Every node, not only the first, must see the whole cluster: the
	// others learn of each other through gossip, after the first, and a
	// member refuses a call from one it has not seen yet (TestJobsCluster
	// failed so under load).
	for _, nd := range nodes {
		waitFor(t, 20*time.Second, func() bool {
			code, out, _ := conun(t, "nodes", "--node", nd.url)
			return code == 0 && strings.Count(out, "\n") == n+1
		})
	}
	return nodes
}

func waitFor(t testing.TB, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// skipShort skips a test of the full tier under go test -short, naming what
// it needs that the fast tier leaves out.
func skipShort(t *testing.T, needs string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short: needs %s", needs)
	}
}
