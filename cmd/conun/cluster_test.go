package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/crypto"
)

// TestThreeNodeProcesses: three `conun node` processes, a job submitted
// with the CLI, frames identical to a local whole-frame render.
func TestThreeNodeProcesses(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	ref := reference(t)
	nodes := startCluster(t, 3)
	out := t.TempDir()
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", nodes[0].url, "--wait", "--json", "--out", out}, job...)...)
	if code != 0 {
		t.Fatalf("submit --wait: exit %d: %s", code, stderr)
	}
	var st struct {
		api.JobStatus
		Files []string
	}
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatalf("--json output %q: %v", stdout, err)
	}
	if st.State != api.JobDone || len(st.Files) != 3 {
		t.Fatalf("job %s: state %s, files %v", st.ID, st.State, st.Files)
	}
	compareFrames(t, ref, out)

	rep, err := api.NewClient(nodes[0].url).Report(context.Background(), st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Nodes) < 2 {
		t.Fatalf("only %d node(s) rendered: %+v", len(rep.Nodes), rep.Nodes)
	}
	if code, _, _ := conun(t, "wait", "--node", nodes[0].url, st.ID); code != 0 {
		t.Fatalf("wait on a done job: exit %d", code)
	}
}

// TestKillWorkerProcess: kill -9 a worker while it holds a lease; the job
// completes with identical frames.
func TestKillWorkerProcess(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	ref := reference(t)
	nodes := startClusterSlowLast(t, 3, true)
	c := api.NewClient(nodes[0].url)
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", nodes[0].url}, job...)...)
	if code != 0 {
		t.Fatalf("submit: exit %d: %s", code, stderr)
	}
	id := strings.TrimSpace(stdout)
	killed := false
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if !killed && e.Type == api.EventLeased && e.Node == nodes[2].name {
			nodes[2].kill9(t)
			killed = true
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: state %s, err %v", id, state, err)
	}
	if !killed {
		t.Fatal("the third node was never leased a task")
	}
	out := t.TempDir()
	if code, _, stderr := conun(t, "fetch", "--node", nodes[0].url, "--out", out, id); code != 0 {
		t.Fatalf("fetch: %s", stderr)
	}
	compareFrames(t, ref, out)
}

// TestKillCoordinatorResumes: kill -9 the coordinator mid-job and restart
// it on the same --data: the job completes, no accepted tile is leased
// again, and the frames are identical. Every tile is checked
// (--verify-rate 1): none stands unchecked for the restart, though some
// were under check when it was killed (before, those did).
func TestKillCoordinatorResumes(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	ref := reference(t)
	data := t.TempDir()
	coord := startNode(t, "--data", data, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	worker := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--join", coord.gossip)
	c := api.NewClient(coord.url)
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", coord.url, "--verify-rate", "1"}, job...)...)
	if code != 0 {
		t.Fatalf("submit: exit %d: %s", code, stderr)
	}
	id := strings.TrimSpace(stdout)

	accepted := map[int]bool{}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	errKilled := context.Canceled
	_, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Type == api.EventDone {
			accepted[e.Task] = true
		}
		if len(accepted) == 10 {
			coord.kill9(t)
			return errKilled
		}
		return nil
	})
	if err != errKilled {
		t.Fatalf("job ended before the coordinator could be killed: %v", err)
	}

	// --listen: the RPC port its --gossip port implies (that port + 1) was
	// never this node's, and another process may hold it (a CI flake).
	coord = startNode(t, "--data", data, "--api", coord.api, "--gossip", coord.gossip, "--listen", "127.0.0.1:0", "--join", worker.gossip)
	var leasedAgain []int
	var before []api.Event // the kept history, up to the restart
	resumed := false
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Type == api.EventSubmitted && e.Message == "resumed after restart" {
			resumed = true
		}
		if !resumed {
			before = append(before, e)
		}
		if resumed && e.Type == api.EventLeased && accepted[e.Task] {
			leasedAgain = append(leasedAgain, e.Task)
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("resumed job %s: state %s, err %v", id, state, err)
	}
	if len(leasedAgain) > 0 {
		t.Fatalf("accepted tasks leased again after restart: %v", leasedAgain)
	}
	t.Logf("kept %d events from before the crash, %d of %d done tasks among them", len(before), keptDone(before, accepted), len(accepted))
	// The events from before the crash are still there: the stream tells
	// the whole job (a crash may cost the last few, written in batches).
	if kept := keptDone(before, accepted); !resumed || len(before) == 0 || before[0].Type != api.EventSubmitted || kept < len(accepted)/2 {
		t.Fatalf("after the restart the stream kept %d events from before it (%+v), %d of the %d tasks seen done; resumed marker: %v",
			len(before), before, kept, len(accepted), resumed)
	}
	code, stdout, stderr = conun(t, "report", "--node", coord.url, "--json", id)
	var rep api.Report
	if err := json.Unmarshal([]byte(stdout), &rep); code != 0 || err != nil {
		t.Fatalf("report: exit %d, %v: %s", code, err, stderr)
	}
	verdicts := map[api.Verdict]int{}
	for _, tr := range rep.Tasks {
		verdicts[tr.Verdict]++
		// Unchecked only by a check that ran and could not finish (its
		// checker failed, the evidence says): a check lost to the kill
		// left none, or no verdict at all.
		if tr.Verdict != api.VerdictPassed && tr.Verdict != api.VerdictTrusted && (tr.Verdict != api.VerdictUnchecked || tr.Evidence == nil) {
			t.Errorf("task %d by %s stands %q (evidence %v): every tile of the job is checked (or the coordinator's own)", tr.Index, tr.Node, tr.Verdict, tr.Evidence != nil)
		}
	}
	t.Logf("verdicts after the restart: %v", verdicts)
	out := t.TempDir()
	if code, _, stderr := conun(t, "fetch", "--node", coord.url, "--out", out, id); code != 0 {
		t.Fatalf("fetch: %s", stderr)
	}
	compareFrames(t, ref, out)
}

// keptDone counts the "done" events of accepted tasks in evs.
func keptDone(evs []api.Event, accepted map[int]bool) int {
	n := 0
	for _, e := range evs {
		if e.Type == api.EventDone && accepted[e.Task] {
			n++
		}
	}
	return n
}

// TestSubmitManifests: two manifests (YAML and JSON) submit two jobs; a
// manifest with a typo is refused before anything is submitted.
func TestSubmitManifests(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.yaml", "scene: cornell\nres: 32x24\nsamples: 2\ntiles: 2x2\n")
	b := write("b.json", `{"scene": "anim", "frames": "2-3", "res": "32x24", "samples": 2, "tiles": "1x2"}`)
	bad := write("bad.yaml", "scene: cornell\nsampels: 2\n")

	code, _, stderr := conun(t, "submit", "--node", node.url, a, bad)
	if code == 0 || !strings.Contains(stderr, "sampels") {
		t.Fatalf("typo manifest: exit %d, %q", code, stderr)
	}
	if code, out, _ := conun(t, "jobs", "--node", node.url, "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("a job was submitted despite the bad manifest: %s", out)
	}

	out := t.TempDir()
	code, stdout, stderr := conun(t, "submit", "--node", node.url, "--wait", "--out", out, a, b)
	if code != 0 {
		t.Fatalf("submit manifests: exit %d: %s\n%s", code, stderr, stdout)
	}
	var jobs []api.JobStatus
	_, js, _ := conun(t, "jobs", "--node", node.url, "--json")
	if err := json.Unmarshal([]byte(js), &jobs); err != nil || len(jobs) != 2 {
		t.Fatalf("jobs: %v %s", err, js)
	}
	for _, j := range jobs {
		if j.State != api.JobDone {
			t.Fatalf("job %s: %s", j.ID, j.State)
		}
		files, _ := filepath.Glob(filepath.Join(out, j.ID, "frame_*.png"))
		if len(files) != len(j.Frames) || len(files) == 0 {
			t.Fatalf("job %s: %d files for frames %v", j.ID, len(files), j.Frames)
		}
	}
}

// TestJoinMidJob: a node that joins while a job runs is given some of it.
// The job is paused (conun pause) while the node starts and joins: without
// -race, the first node rendered all 128 tasks in under a second, before
// the second had joined.
func TestJoinMidJob(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	first := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	c := api.NewClient(first.url)
	code, stdout, stderr := conun(t, "submit", "--node", first.url, "anim", "--frames", "1-2", "--tiles", "8x8", "--res", "256x192", "--samples", "16")
	if code != 0 {
		t.Fatalf("submit: %s", stderr)
	}
	id := strings.TrimSpace(stdout)
	var late *nodeProc
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if late != nil || e.Type != api.EventDone {
			return nil
		}
		if code, _, stderr := conun(t, "pause", "--node", first.url, id); code != 0 {
			t.Fatalf("pause: %s", stderr)
		}
		late = startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--join", first.gossip)
		for {
			if ms, err := c.Nodes(ctx); err == nil && len(ms) == 2 {
				break
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s never saw %s join", first.name, late.name)
			case <-time.After(50 * time.Millisecond):
			}
		}
		if code, _, stderr := conun(t, "resume", "--node", first.url, id); code != 0 {
			t.Fatalf("resume: %s", stderr)
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("job: %s %v", state, err)
	}
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range rep.Nodes {
		if n.Node == late.name && n.Tasks > 0 {
			return
		}
	}
	t.Fatalf("the late node %s got no tasks: %+v", late.name, rep.Nodes)
}

// TestPartitionedWorker: a worker frozen (SIGSTOP: no gossip, no RPC
// answers) while it holds a lease is declared dead, its task moves
// elsewhere, and when it thaws its late answer is ignored; the frames are
// identical to a local render.
func TestPartitionedWorker(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	ref := reference(t)
	nodes := startClusterSlowLast(t, 3, true)
	frozen := nodes[2]
	c := api.NewClient(nodes[0].url)
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", nodes[0].url}, job...)...)
	if code != 0 {
		t.Fatalf("submit: %s", stderr)
	}
	id := strings.TrimSpace(stdout)
	stopped, declaredDead := false, false
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if !stopped && e.Type == api.EventLeased && e.Node == frozen.name {
			freeze(t, frozen.cmd.Process)
			stopped = true
		}
		if e.Type == api.EventRequeued && e.Node == frozen.name && strings.Contains(e.Message, "left the cluster") {
			declaredDead = true
		}
		return nil
	})
	thaw(frozen.cmd.Process)
	if err != nil || state != api.JobDone {
		t.Fatalf("job: %s %v", state, err)
	}
	if !stopped {
		t.Fatal("the third node was never leased a task")
	}
	if !declaredDead {
		t.Fatal("the frozen node's lease was not taken back by failure detection")
	}
	rep, _ := c.Report(ctx, id)
	for _, tr := range rep.Tasks {
		if tr.State != api.TaskDone {
			t.Fatalf("task %d: %+v", tr.Index, tr)
		}
	}
	out := t.TempDir()
	if code, _, stderr := conun(t, "fetch", "--node", nodes[0].url, "--out", out, id); code != 0 {
		t.Fatalf("fetch: %s", stderr)
	}
	compareFrames(t, ref, out)
	// Thawed, the node refutes its death and is a member again (it
	// hears of its death at the next full state sync, every 3 s).
	waitFor(t, 30*time.Second, func() bool {
		_, out, _ := conun(t, "nodes", "--node", nodes[0].url)
		return strings.Contains(out, frozen.name)
	})
}

// TestChainProcesses: `conun chain` serves a development chain; two node
// processes settle on it; a job submitted with a budget pays the worker,
// which claims on its own, as `conun wallet` shows. Amounts are exact end
// to end: the worker's --price 0.03 is 30000000000000000 wei a task on the
// chain (a float64 made it 29999999999999999), and the --budget 7.03 is
// locked and reported as 7.03.
func TestChainProcesses(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	url := startChain(t)
	// Development keys 0 and 1 are funded with Ether and tokens.
	dir0, dir1 := t.TempDir(), t.TempDir()
	for i, d := range []string{dir0, dir1} {
		key := hex.EncodeToString(crypto.FromECDSA(contracts.DevKey(i)))
		os.WriteFile(filepath.Join(d, "node.key"), []byte(key), 0o600)
	}
	coord := startNode(t, "--data", dir0, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--chain", url, "--price", "0.5")
	worker := startNode(t, "--data", dir1, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--chain", url, "--price", "0.03", "--stake", "1", "--join", coord.gossip)
	waitFor(t, 20*time.Second, func() bool {
		_, out, _ := conun(t, "nodes", "--node", coord.url)
		return strings.Count(out, "\n") == 3
	})
	before := walletOf(t, worker.url)
	code, out, stderr := conun(t, "submit", "--node", coord.url, "cornell", "--res", "32x24", "--samples", "2", "--tiles", "4x2", "--budget", "7.03", "--wait", "--json", "--out", t.TempDir())
	if code != 0 {
		t.Fatalf("submit: %s\n%s", stderr, out)
	}
	var st api.JobStatus
	json.Unmarshal([]byte(out), &st)
	rep, err := api.NewClient(coord.url).Report(context.Background(), st.ID)
	if err != nil || rep.Settlement == nil || rep.Settlement.Error != "" {
		t.Fatalf("report settlement %+v, err %v", rep.Settlement, err)
	}
	if rep.Spec.Budget != api.MustTokens("7.03") || rep.Settlement.Budget != "7.03" {
		t.Errorf("budget in the spec %s, settled %s; want exactly 7.03", rep.Spec.Budget, rep.Settlement.Budget)
	}
	workerTasks := 0
	for _, tr := range rep.Tasks {
		if tr.Node == worker.name {
			workerTasks++
		}
	}
	if workerTasks == 0 {
		t.Fatal("the worker rendered nothing")
	}
	var w api.WalletInfo
	waitFor(t, 30*time.Second, func() bool {
		w = walletOf(t, worker.url)
		return len(w.Claims) == 1 && w.Claims[0].Claimed
	})
	got := new(big.Int).Sub(api.MustTokens(w.Balance).Wei(), api.MustTokens(before.Balance).Wei())
	if want := new(big.Int).Mul(big.NewInt(30000000000000000), big.NewInt(int64(workerTasks))); got.Cmp(want) != 0 {
		t.Fatalf("worker earned %v wei for %d tasks, want %v (0.03 tokens a task, to the wei)", got, workerTasks, want)
	}
	// The coordinator paid the worker's claim and its gas (--pay-claims).
	if code, out, _ := conun(t, "wallet", "--node", worker.url); code != 0 || !strings.Contains(out, "balance "+w.Balance+"\n") || !strings.Contains(out, "paid by the coordinator (no gas to you)") {
		t.Fatalf("conun wallet: %d %s", code, out)
	}
	// The worker kept what it signed, and has nothing to dispute.
	if code, out, _ := conun(t, "dispute", "--list", "--node", worker.url); code != 0 || !strings.Contains(out, "job "+st.ID) {
		t.Fatalf("conun dispute --list: %d %s", code, out)
	}
	if code, _, stderr := conun(t, "dispute", st.ID, "--node", worker.url); code == 0 || !strings.Contains(stderr, "was never convicted in it") {
		t.Fatalf("conun dispute of a job without a conviction: exit %d, %s", code, stderr)
	}
}
func walletOf(t *testing.T, url string) api.WalletInfo {
	t.Helper()
	w, err := api.NewClient(url).Wallet(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestRestartedSeedRejoins: the seed node, which the others joined through
// and which itself joined nobody, is killed and restarted as its owner
// would, without --join: it finds the cluster again from the members it
// remembered (it used to form a cluster of one).
func TestRestartedSeedRejoins(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	nodes := startCluster(t, 3)
	seed := nodes[0]
	data := seedData(t, seed)
	// The seed writes down the members it sees within a couple of seconds.
	waitFor(t, 20*time.Second, func() bool {
		b, err := os.ReadFile(filepath.Join(data, "members.json"))
		return err == nil && strings.Count(string(b), ":") == 2
	})
	seed.kill9(t)
	// Once the others have declared it dead they never call it again:
	// only the seed itself can bring them back together.
	waitFor(t, 30*time.Second, func() bool {
		code, out, _ := conun(t, "nodes", "--node", nodes[1].url)
		return code == 0 && strings.Count(out, "\n") == 3
	})
	again := startNode(t, "--data", data, "--api", "127.0.0.1:0", "--gossip", seed.gossip, "--listen", "127.0.0.1:0") // its gossip port + 1 was never its own
	waitFor(t, 30*time.Second, func() bool {
		code, out, _ := conun(t, "nodes", "--node", again.url)
		return code == 0 && strings.Count(out, "\n") == 4
	})
}

// seedData is the data folder a node process was started with.
func seedData(t *testing.T, n *nodeProc) string {
	t.Helper()
	for i, a := range n.cmd.Args {
		if a == "--data" && i+1 < len(n.cmd.Args) {
			return n.cmd.Args[i+1]
		}
	}
	t.Fatal("node started without --data")
	return ""
}
