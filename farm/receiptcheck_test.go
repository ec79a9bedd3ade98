package farm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"image"
	"io"
	"maps"
	"math/big"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestWorkerChecksReceiptsAgainstItsWork: on the simulated chain, a
// coordinator that lies to a worker about its receipts is caught at
// receipt time. The worker renders four real tasks of a funded job (at 1
// token a task); the requester then hands it receipts: one signed for
// another chain (would not redeem: refused), one by another key (refused),
// one that underpays, one that covers a task the worker never rendered, one
// whose task list is not its signed result chain, and one of a job the
// worker never worked in (each kept if largest, but flagged, counted and
// shown), then the honest one, one listing its tasks after a receipt the
// worker never checked (flagged: they could not be checked) and the next
// honest one listing only the task it adds. The requester never settles;
// after the deadline the worker redeems by its receipts exactly what it
// earned.
func TestWorkerChecksReceiptsAgainstItsWork(t *testing.T) {
	ctx := context.Background()
	chain, bank := simBank(t)
	if _, err := bank.Mint(ctx, bank.Address(), api.MustTokens("100").Wei()); err != nil {
		t.Fatal(err)
	}
	now, _ := chain.Now(ctx)
	other := common.HexToHash("0x" + strings.Repeat("cd", 32))
	if _, err := bank.OpenJob(ctx, other, api.MustTokens("10").Wei(), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	me := bank.WithKey(contracts.DevKey(1))
	start := func(name string, key int, c *contracts.Client, join []string) *Node {
		return startNode(t, name, join, func(cfg *NodeConfig) {
			cfg.Identity, cfg.Chain, cfg.Price = rpc.IdentityFromKey(contracts.DevKey(key)), c, api.MustTokens("1")
		})
	}
	req := start("requester", 0, bank, nil)
	w := start("worker", 1, me, []string{req.GossipAddr()})
	if err := WaitMembers(ctx, []*Node{req, w}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	data, _ := scenes.Bytes("cornell.glb")
	scene, err := api.NewClient(req.URL()).Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}

	// The job's escrow id is its spec's hash: a worker on a chain signs
	// only leases that are tasks of the spec they carry.
	spec := api.JobSpec{Scene: scene, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 8}, Samples: 1, Tiles: tiler.Grid{Cols: 4, Rows: 1}, Depth: 8}
	job := jobHash(spec)
	if _, err := bank.OpenJob(ctx, job, api.MustTokens("10").Wei(), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Its pay reserved first, as a coordinator does (reserve.go), the
	// worker renders tasks 0-3 of the job for the requester, for real.
	if _, err := bank.Reserve(ctx, job, []contracts.Reservation{{Worker: me.Address(), Amount: api.MustTokens("4").Wei()}}); err != nil {
		t.Fatal(err)
	}
	results := map[uint64]common.Hash{}
	for task := range uint64(4) {
		r := TaskRequest{
			JobID: job.Hex()[2:18], JobHash: job.Hex(), Escrow: job.Hex(), Task: int(task),
			Renderer: "pathtracer", Scene: scene, SceneName: "cornell.glb", Sources: []string{req.RPCURL()},
			Frame: 1, Width: 32, Height: 8, Samples: 1, Region: image.Rect(8*int(task), 0, 8*int(task)+8, 8),
			Coordinator: bank.Address().Hex(), Recipient: me.Address().Hex(), Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(), Spec: &spec,
		}
		r.Sig, _ = req.cfg.Identity.Sign(r.signedBytes())
		body, _ := json.Marshal(r)
		resp, err := http.Post(w.URL()+"/rpc/v1/render", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		tile, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("render task %d: %s %s", task, resp.Status, tile)
		}
		results[task] = sha256.Sum256(tile)
	}

	token := api.MustTokens("1").Wei()
	tokens := func(s string) *big.Int { return api.MustTokens(s).Wei() }
	// receipt extends base (nil: from the start) by tasks, listing only those.
	receipt := func(id common.Hash, base *workerReceipt, tasks []uint64, hashes map[uint64]common.Hash, amount *big.Int) workerReceipt {
		r := workerReceipt{WorkReceipt: contracts.WorkReceipt{JobID: id, Worker: me.Address()}}
		if base != nil {
			r.WorkReceipt, r.base = base.WorkReceipt, base.WorkReceipt
		}
		for _, task := range tasks {
			r.WorkReceipt = r.Accept(task, hashes[task], token)
			r.tasks = append(r.tasks, api.ReceiptTask{Task: task, ResultHash: hashes[task].Hex()})
		}
		r.Amount = amount
		return r
	}
	signed := func(key int, d contracts.Domain, r workerReceipt) []byte {
		s, err := contracts.SignReceipt(contracts.DevKey(key), d, r.WorkReceipt)
		if err != nil {
			t.Fatal(err)
		}
		r.WorkReceipt = s
		b, _ := json.Marshal(receiptMessage(r))
		return b
	}
	here := bank.Domain()
	elsewhere := contracts.Domain{ChainID: big.NewInt(1), Escrow: here.Escrow}
	forged := map[uint64]common.Hash{0: results[0], 1: results[1], 7: {7}}
	honest := receipt(job, nil, []uint64{0, 1, 2}, results, tokens("3"))
	unseen := receipt(job, nil, []uint64{1, 0}, results, tokens("2")) // never handed over
	shuffled := receipt(job, nil, []uint64{0, 1, 2}, results, tokens("2.95"))
	shuffled.tasks[0], shuffled.tasks[1] = shuffled.tasks[1], shuffled.tasks[0]
	tests := []struct {
		name      string
		body      []byte
		status    int
		wantErr   string
		wantFlag  string
		flaggedBy int64 // the flagged counter's rise
	}{
		{"signed for another chain", signed(0, elsewhere, honest), 400, "would not redeem", "", 0},
		{"signed by another key", signed(2, here, honest), 400, "not signed by the job's requester", "", 0},
		{"underpays", signed(0, here, receipt(job, nil, []uint64{0, 1, 2}, results, tokens("2.5"))), 200, "", "underpays", 1},
		{"covers a task not rendered", signed(0, here, receipt(job, nil, []uint64{0, 1, 7}, forged, tokens("2.9"))), 200, "", "did not sign", 1},
		{"tasks not its result chain", signed(0, here, shuffled), 200, "", "do not give the result chain", 1},
		{"a job never worked in", signed(0, here, receipt(other, nil, []uint64{0}, results, tokens("1"))), 200, "", "signed no result in job", 1},
		{"honest", signed(0, here, honest), 200, "", "", 0},
		// Later receipts list only the tasks after the one the worker holds.
		{"listed after a receipt never checked", signed(0, here, receipt(job, &unseen, []uint64{2, 3}, results, tokens("2.99"))), 200, "", "could not be checked", 1},
		{"the next task, listed alone", signed(0, here, receipt(job, &honest, []uint64{3}, results, tokens("4"))), 200, "", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := w.metrics.receiptsFlagged.Load()
			resp, err := http.Post(w.URL()+"/rpc/v1/receipts", "application/json", bytes.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var answer struct {
				Error string `json:"error"`
				Flag  string `json:"flag"`
			}
			json.NewDecoder(resp.Body).Decode(&answer)
			if resp.StatusCode != tc.status || !strings.Contains(answer.Error, tc.wantErr) || !strings.Contains(answer.Flag, tc.wantFlag) || (tc.wantFlag == "") != (answer.Flag == "") {
				t.Fatalf("got %d %+v, want %d, error containing %q, flag containing %q", resp.StatusCode, answer, tc.status, tc.wantErr, tc.wantFlag)
			}
			if got := w.metrics.receiptsFlagged.Load() - before; got != tc.flaggedBy {
				t.Fatalf("flagged counter rose by %d, want %d", got, tc.flaggedBy)
			}
		})
	}
	wallet, err := api.NewClient(w.URL()).Wallet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	held := map[string]api.WalletReceipt{}
	for _, r := range wallet.Receipts {
		held[r.JobID] = r
	}
	if r := held[job.Hex()]; r.Amount != "4" || r.Tasks != 4 || r.Flag != "" {
		t.Fatalf("the job's receipt %+v, want the honest one: 4 tasks, 4 tokens, unflagged", r)
	}
	if r := held[other.Hex()]; r.Flag == "" {
		t.Fatalf("the other job's receipt %+v is not flagged", r)
	}

	// The requester never settles: after the deadline the worker redeems
	// by its receipts what it earned, to the wei.
	if err := chain.AdjustTime(time.Hour + time.Minute); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		paid, err := bank.Paid(ctx, job, me.Address())
		if err == nil && paid.Cmp(tokens("4")) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker paid %v by its receipts, want %v", paid, tokens("4"))
		}
	}
}

// TestRenderedLogSurvivesRestart: what a worker signed is in its store, so
// a restarted worker still checks receipts of work done before, and the
// memory it keeps stays bounded.
func TestRenderedLogSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "farm.db")
	st, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	job := common.Hash{1}
	l := newRenderedLog(st)
	l.add(job, 3, common.Hash{3})
	l.add(job, 4, common.Hash{4})
	for i := range maxRenderedJobs + 1 {
		l.add(common.Hash{2, byte(i), byte(i >> 8)}, 0, common.Hash{})
	}
	if len(l.jobs) > maxRenderedJobs {
		t.Fatalf("%d jobs in memory, want at most %d", len(l.jobs), maxRenderedJobs)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got := newRenderedLog(st).results(job)
	if want := map[uint64]common.Hash{3: {3}, 4: {4}}; !maps.Equal(got, want) {
		t.Fatalf("after a restart: %v, want %v", got, want)
	}
}
