// Package farmtest starts in-process clusters of real nodes (real memberlist
// over loopback sockets, real HTTP, the pure-Go path tracer) for tests, the
// way net/http/httptest starts real servers.
package farmtest

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// Renderers returns a fresh set of the backends every test node runs.
func Renderers() []renderer.Renderer {
	return []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig())}
}

// NewRenderers is Renderers for farm.DemoConfig, which asks for an error
// too (a Blender that cannot start).
func NewRenderers() ([]renderer.Renderer, error) { return Renderers(), nil }

// Start starts n nodes as StartNodes does, waits until each sees all n
// (30 s, a second more for every ten nodes past 100), and stops them when
// the test ends. change, if not nil, adjusts each node's config.
func Start(t testing.TB, n int, change func(i int, c *farm.NodeConfig)) []*farm.Node {
	t.Helper()
	nodes := StartNodes(t, n, change)
	wait := 30*time.Second + time.Duration(max(n-100, 0))*time.Second/10
	if err := farm.WaitMembers(context.Background(), nodes, n, wait); err != nil {
		t.Fatal(err)
	}
	return nodes
}

// StartNodes starts n nodes with fast failure detection, each joined
// through a few of those started before it (Seeds), and stops them when the
// test ends; it does not wait for them to see each other. change, if not
// nil, adjusts each node's config; it is called in order, from the test's
// goroutine.
//
// Nodes start in waves that double (1, 1, 2, 4, 8, ... at most startWave
// at once), each wave joining through the waves before it: one after
// another, 200 nodes took most of a minute to start, most of it each
// node's store fsyncing while the CPU idled. They stop all at once for the
// same reason: one at a time, each leave waiting out its broadcast, 200
// took minutes.
func StartNodes(t testing.TB, n int, change func(i int, c *farm.NodeConfig)) []*farm.Node {
	t.Helper()
	dir := t.TempDir() // before the cleanup below, so removed after it
	var mu sync.Mutex
	nodes := make([]*farm.Node, 0, n)
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		var wg sync.WaitGroup
		for _, node := range nodes {
			wg.Go(func() { node.Close() })
		}
		wg.Wait()
	})
	for from := 0; from < n; {
		to := min(n, from+min(max(from, 1), startWave))
		cfgs := make([]farm.NodeConfig, 0, to-from)
		for i := from; i < to; i++ {
			c := farm.DefaultNodeConfig()
			c.Name = fmt.Sprintf("node-%d", i+1)
			c.DataDir = filepath.Join(dir, c.Name)
			c.Renderers = Renderers()
			c.Gossip.Fast = true
			c.Gossip.Crowd = n
			c.Gossip.Join = Seeds(nodes, i)
			if change != nil {
				change(i, &c)
			}
			cfgs = append(cfgs, c)
		}
		started := make([]*farm.Node, len(cfgs))
		errs := make([]error, len(cfgs))
		var wg sync.WaitGroup
		for k, c := range cfgs {
			wg.Go(func() { started[k], errs[k] = farm.StartNode(context.Background(), c) })
		}
		wg.Wait()
		mu.Lock()
		for _, node := range started {
			if node != nil {
				nodes = append(nodes, node)
			}
		}
		mu.Unlock()
		for k, err := range errs {
			if err != nil {
				t.Fatalf("start %s (%d nodes started): %v", cfgs[k].Name, len(nodes), err)
			}
		}
		from = to
	}
	return nodes
}

// startWave bounds how many nodes StartNodes starts at once: enough to
// overlap their stores' fsyncs, few enough that the members they join
// through answer every join's state sync in time.
const startWave = 16

// Restart starts a node again from cfg, the config it ran with (a closed
// node's data dir holds its store), joined through seed, and closes it
// when the test ends: how tests stop and restart a coordinator.
func Restart(t testing.TB, ctx context.Context, cfg farm.NodeConfig, seed *farm.Node) *farm.Node {
	t.Helper()
	cfg.Gossip.Join = []string{seed.GossipAddr()}
	n, err := farm.StartNode(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// Seeds returns the gossip addresses the i-th node (from 0) joins through,
// given the nodes started before it: the last one, one halfway back and
// one picked by i, as a deployment passes a few members to --join.
// Joining every node through the first made that one answer every join's
// full state sync while it gossiped with all the others too: 200 such
// joins timed out.
func Seeds(nodes []*farm.Node, i int) []string {
	var seeds []string
	if len(nodes) == 0 {
		return nil
	}
	last := len(nodes) - 1
	for _, k := range []int{last, last / 2, i * 7919 % len(nodes)} {
		if addr := nodes[k].GossipAddr(); !slices.Contains(seeds, addr) {
			seeds = append(seeds, addr)
		}
	}
	return seeds
}

// DecodePNG reads a PNG file, failing the test if it cannot.
func DecodePNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// SceneFile writes the bundled scene name into the test's temporary
// folder, as a file a renderer reads, and returns its path.
func SceneFile(t testing.TB, name string) string {
	t.Helper()
	data, ok := scenes.Bytes(name)
	if !ok {
		t.Fatalf("no bundled scene %s", name)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// DiffPixels counts the pixels over a's bounds whose colour differs in b
// (compared as 16-bit RGB, whatever the two images' types), and returns the
// first such pixel; a bounds mismatch counts every pixel.
func DiffPixels(a, b image.Image) (n int, first image.Point) {
	r := a.Bounds()
	if r != b.Bounds() {
		return r.Dx() * r.Dy(), r.Min
	}
	first = image.Pt(-1, -1)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				if n == 0 {
					first = image.Pt(x, y)
				}
				n++
			}
		}
	}
	return n, first
}

// Submit uploads a bundled scene (cornell.glb unless change names another)
// and submits a small job of it to the node c talks to: 32x24, 2 samples,
// 4x4 tiles, one frame, the test's name as nonce so each test's job is its
// own. change, if not nil, adjusts the spec first.
func Submit(t testing.TB, c *api.Client, change func(*api.JobSpec)) string {
	t.Helper()
	ctx := context.Background()
	spec := api.JobSpec{
		SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 2, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8, Nonce: t.Name(),
	}
	if change != nil {
		change(&spec)
	}
	data, ok := scenes.Bytes(spec.SceneName)
	if !ok {
		t.Fatalf("no bundled scene %s", spec.SceneName)
	}
	var err error
	if spec.Scene, err = c.Upload(ctx, data); err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// WaitDone follows job id's events until it ends (two minutes at most) and
// returns its report, failing the test unless it ended done.
func WaitDone(t testing.TB, c *api.Client, id string) api.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	state, err := c.Events(ctx, id, nil)
	rep, _ := c.Report(context.Background(), id)
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: state %s, err %v, report error %q", id, state, err, rep.Error)
	}
	return rep
}

// RunJob submits a job as Submit does and waits for it as WaitDone does.
func RunJob(t testing.TB, c *api.Client, change func(*api.JobSpec)) api.Report {
	t.Helper()
	return WaitDone(t, c, Submit(t, c, change))
}

// Until polls cond every 20 ms until it holds, failing the test after a
// minute with what it waited for.
func Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// SimBank starts a simulated chain (sim) with the escrow deployed by the
// first development key, closed when the test ends (after the cleanups of
// nodes started later), and returns it with that key's client.
func SimBank(t testing.TB, sim contracts.SimConfig) (*contracts.Chain, *contracts.Client) {
	t.Helper()
	chain, bank, err := contracts.NewSimulatedEscrow(context.Background(), sim)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chain.Close() })
	return chain, bank
}

// OnChain makes node i of a test cluster settle on bank's chain as the
// chain's development account i: its node key is that account's, so the
// node holds the Ether and tokens the simulated chain gave it.
func OnChain(c *farm.NodeConfig, bank *contracts.Client, i int) {
	c.Identity = rpc.IdentityFromKey(contracts.DevKey(i))
	c.Chain = bank.WithKey(contracts.DevKey(i))
}

// FundedBank is SimBank on the default simulated chain with 100 tokens
// minted to the bank (DevKey(0)): the budget a test job's requester locks.
func FundedBank(t testing.TB) (*contracts.Chain, *contracts.Client) {
	t.Helper()
	chain, bank := SimBank(t, contracts.DefaultSimConfig())
	if _, err := bank.Mint(context.Background(), bank.Address(), api.MustTokens("100").Wei()); err != nil {
		t.Fatal(err)
	}
	return chain, bank
}
