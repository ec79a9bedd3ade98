package farm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"image"
	"log/slog"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestSlashNeedsTheNodesOwnResult: a coordinator on the simulated chain
// convicts, in its job, a staked node that never worked on it: with no
// signed result, with another node's result of the job, with the node's own
// result of another job. None of them takes a wei of its stake, nor does a
// local conviction (a forwarder's, on an unsigned word) of the node that
// did deliver a result; convicted on evidence, that node is slashed with
// its result, and the stake is burned. So is a node convicted as a
// checker, with its own signed check of the job, and no other.
func TestSlashNeedsTheNodesOwnResult(t *testing.T) {
	ctx := context.Background()
	_, bank := simBank(t)
	if _, err := bank.Mint(ctx, bank.Address(), api.MustTokens("100").Wei()); err != nil {
		t.Fatal(err)
	}
	stake := api.MustTokens("5")
	bystander, worker := bank.WithKey(contracts.DevKey(1)), bank.WithKey(contracts.DevKey(2))
	for _, n := range []*contracts.Client{bystander, worker} {
		if _, err := bank.Mint(ctx, n.Address(), stake.Wei()); err != nil {
			t.Fatal(err)
		}
		if _, err := n.Stake(ctx, stake.Wei()); err != nil {
			t.Fatal(err)
		}
	}
	c := &coordinator{chain: bank, log: slog.New(slog.DiscardHandler)}
	spec := func(seed uint64) api.JobSpec {
		return api.JobSpec{
			Renderer: "pathtracer", Scene: strings.Repeat("ab", 32), SceneName: "cornell.glb",
			Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
			Samples: 2, Seed: seed, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Budget: api.MustTokens("10"),
		}
	}
	job, other := spec(1), spec(2)
	for _, s := range []api.JobSpec{job, other} {
		if err := c.openEscrow(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	tile := sha256.Sum256([]byte("a tile"))
	signAt := func(n *contracts.Client, s api.JobSpec, task uint64) *api.SignedResult {
		r, err := n.SignResult(jobHash(s), task, common.Hash(tile))
		if err != nil {
			t.Fatal(err)
		}
		return resultRecord(&r)
	}
	sign := func(n *contracts.Client, s api.JobSpec) *api.SignedResult { return signAt(n, s, 0) }
	// A checker's signed render of two crops of task 0.
	crops := []image.Rectangle{image.Rect(0, 0, 4, 4), image.Rect(8, 4, 12, 8)}
	render := sha256.Sum256([]byte("its render of the crops"))
	signCheck := func(n *contracts.Client, s api.JobSpec, by string) *api.CheckRender {
		chk, err := n.SignCheck(jobHash(s), 0, crops, common.Hash(render))
		if err != nil {
			t.Fatal(err)
		}
		r := checkRender(api.Member{NodeMeta: api.NodeMeta{ID: by, Addr: n.Address().Hex()}}, "pathtracer-1", render, &chk)
		return &r
	}
	tests := []struct {
		name    string
		node    *contracts.Client
		result  *api.SignedResult
		check   *api.CheckRender // convicted as the checker, with this render in the evidence
		local   bool             // a conviction this coordinator alone could check
		wantErr string           // "" for a slash that lands
	}{
		{"no signed result", bystander, nil, nil, false, "no result or check signed by the node"},
		{"another node's result", bystander, sign(worker, job), nil, false, "BadResultSignature"},
		{"its result of another job", bystander, sign(bystander, other), nil, false, "BadResultSignature"},
		{"local, with its own result of the job", worker, sign(worker, job), nil, true, "not slashed"},
		{"its own result of the job", worker, sign(worker, job), nil, false, ""},
		// Convicted as a checker: its render of the crops is the evidence.
		{"a checker's render signed by another", bystander, nil, func() *api.CheckRender {
			r := signCheck(worker, job, "")
			r.Address = bystander.Address().Hex()
			return r
		}(), false, "BadCheckSignature"},
		{"a checker's check of another job", bystander, nil, signCheck(bystander, other, ""), false, "BadCheckSignature"},
		// A finish (task 4, after the 4 tiles): no arbiter could judge it.
		{"its result of a frame's finish", bystander, signAt(bystander, job, 4), nil, false, "convicted over a frame's finish"},
		{"a checker's own check of the job", bystander, nil, signCheck(bystander, job, ""), false, ""}, // the worker was slashed above
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cv := api.Conviction{Node: tc.name, Address: tc.node.Address().Hex(), Task: 0, Result: tc.result, Time: time.Now(), Local: tc.local}
			if tc.result != nil {
				cv.Task = int(tc.result.Task)
			}
			if tc.check != nil {
				cv.Evidence = api.Evidence{Worker: "an honest worker", Checker: tc.name, Crops: crops, Renders: []api.CheckRender{*tc.check}}
			}
			recs := c.slash(ctx, job, []api.Conviction{cv}, nil)
			st, err := bank.StakeOf(ctx, tc.node.Address())
			if err != nil {
				t.Fatal(err)
			}
			if tc.local {
				if len(recs) != 0 || st.Active.Cmp(stake.Wei()) != 0 {
					t.Fatalf("records %+v, stake %v: a local conviction is not slashed", recs, st.Active)
				}
				return
			}
			if len(recs) != 1 {
				t.Fatalf("slash records %+v", recs)
			}
			rec := recs[0]
			if tc.wantErr != "" {
				if !strings.Contains(rec.Error, tc.wantErr) || rec.Tx != "" || st.Active.Cmp(stake.Wei()) != 0 {
					t.Fatalf("record %+v, stake %v: want refused with %q and the stake whole", rec, st.Active, tc.wantErr)
				}
				return
			}
			if rec.Error != "" || rec.Amount != api.FormatTokens(stake.Wei()) || st.Active.Sign() != 0 {
				t.Fatalf("record %+v, stake left %v: want the whole stake slashed", rec, st.Active)
			}
		})
	}
	burned, err := bank.Burned(ctx)
	if err != nil || burned.Cmp(new(big.Int).Mul(stake.Wei(), big.NewInt(2))) != 0 {
		t.Fatalf("burned %v (%v), want the worker's and the lying checker's stakes, %v each", burned, err, stake)
	}
	if bal, _ := bank.Balance(ctx, bank.Address()); bal.Cmp(api.MustTokens("78").Wei()) != 0 {
		t.Fatalf("requester holds %s, want %v: budgets and bonds locked, nothing gained from the slash", api.FormatTokens(bal), 100-2*11)
	}

	// A node convicted over a frame's finish first, then over a tile, is
	// slashed with its tile's result: the first, which no escrow takes,
	// does not shield it. (In the other job: this one's cap is spent.)
	late := bank.WithKey(contracts.DevKey(3))
	if _, err := bank.Mint(ctx, late.Address(), stake.Wei()); err != nil {
		t.Fatal(err)
	}
	if _, err := late.Stake(ctx, stake.Wei()); err != nil {
		t.Fatal(err)
	}
	finish := api.Conviction{Node: "late", Address: late.Address().Hex(), Task: 4, Result: signAt(late, other, 4), Time: time.Now()}
	tileCv := api.Conviction{Node: "late", Address: late.Address().Hex(), Task: 0, Result: signAt(late, other, 0), Time: time.Now()}
	recs := c.slash(ctx, other, []api.Conviction{finish, tileCv}, nil)
	if len(recs) != 1 || recs[0].Tx == "" || recs[0].Error != "" {
		t.Fatalf("slash records %+v: want one, landed with the tile's result", recs)
	}
}

// TestWorkerRefusesUnfundedJobs: a worker on a chain renders only for jobs
// its coordinator funded in the escrow and that are still open.
func TestWorkerRefusesUnfundedJobs(t *testing.T) {
	ctx := context.Background()
	chain, bank := simBank(t)
	self := bank.WithKey(contracts.DevKey(1)) // the node, and the coordinator asking
	for _, c := range []*contracts.Client{bank, self} {
		if _, err := bank.Mint(ctx, c.Address(), api.MustTokens("100").Wei()); err != nil {
			t.Fatal(err)
		}
	}
	now, _ := chain.Now(ctx)
	open := func(c *contracts.Client, id string, until time.Duration) common.Hash {
		h := common.HexToHash(id)
		if _, err := c.OpenJob(ctx, h, api.MustTokens("1").Wei(), now.Add(until)); err != nil {
			t.Fatal(err)
		}
		return h
	}
	mine, theirs, expiring := open(self, "0x01", time.Hour), open(bank, "0x02", time.Hour), open(self, "0x03", time.Minute)
	if err := chain.AdjustTime(2 * time.Minute); err != nil {
		t.Fatal(err)
	}

	cfg := DefaultNodeConfig()
	cfg.Name, cfg.DataDir, cfg.Gossip.Fast = "w", t.TempDir(), true
	cfg.Identity, cfg.Chain = rpc.IdentityFromKey(contracts.DevKey(1)), self
	cfg.Renderers = []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig())}
	n, err := StartNode(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	pt := func(r *TaskRequest) { r.Renderer = "pathtracer" }
	tests := []struct {
		name    string
		escrow  string
		change  func(*TaskRequest)
		status  int
		wantErr string
	}{
		{"no escrow id", "", nil, 402, "names no escrow job id"},
		{"not in the escrow", common.HexToHash("0x09").Hex(), nil, 402, "not open"},
		{"opened by someone else", theirs.Hex(), nil, 402, "was opened by " + bank.Address().Hex()},
		{"past its deadline", expiring.Hex(), nil, 402, "deadline"},
		{"funded", mine.Hex(), nil, 400, "no \"none\" renderer"}, // past the check, refused for the renderer
		// A check's signed crops can be slashed: the node signs only a
		// check it could defend in a dispute.
		{"a check of no crops", mine.Hex(), func(r *TaskRequest) { pt(r); r.Check = true }, 400, "a check names the crops to render"},
		{"a check without the job's spec", mine.Hex(), func(r *TaskRequest) { pt(r); r.Check, r.Crops = true, []image.Rectangle{image.Rect(0, 0, 4, 4)} }, 400, "the lease carries no job spec"},
		{"a tile without the job's spec", mine.Hex(), pt, 400, "the lease carries no job spec"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			jobID := "j"
			if tc.escrow != "" {
				jobID = tc.escrow[2:10] // a job's id is its spec hash's prefix
			}
			r := TaskRequest{
				JobID: jobID, JobHash: tc.escrow, Task: 1, Renderer: "none", Scene: strings.Repeat("a", 64), SceneName: "s.glb",
				Frame: 1, Width: 8, Height: 8, Samples: 1, Region: image.Rect(0, 0, 8, 8),
				Coordinator: self.Address().Hex(), Recipient: cfg.Identity.Address().Hex(), Escrow: tc.escrow, Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(),
			}
			if tc.change != nil {
				tc.change(&r)
			}
			r.Sig, _ = cfg.Identity.Sign(r.signedBytes())
			body, _ := json.Marshal(r)
			resp, err := http.Post(n.URL()+"/rpc/v1/render", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if msg := api.ReadError(resp.Body); resp.StatusCode != tc.status || !strings.Contains(msg, tc.wantErr) {
				t.Fatalf("got %d %q, want %d containing %q", resp.StatusCode, msg, tc.status, tc.wantErr)
			}
		})
	}
}

// TestLeaseNeedsSignedResult: on a chain, a coordinator accepts a leased
// tile only with the worker's own EIP-712 signature over that job, task
// and tile, and a checker's crops only with its signature over that job,
// task, those crop windows and those bytes; the signature is handed to the
// call that asked. A preview's result, a finish and a finish's check are
// signed in the zero domain, which no deployment takes (answerDomain): in
// the chain's, they are refused.
func TestLeaseNeedsSignedResult(t *testing.T) {
	_, bank := simBank(t)
	worker, other := bank.WithKey(contracts.DevKey(1)), bank.WithKey(contracts.DevKey(2))
	c := &coordinator{chain: bank, metrics: new(metrics)}
	jobID := common.HexToHash("0x0abc")
	tile := sha256.Sum256([]byte("tile"))
	sig := func(n *contracts.Client, job common.Hash, task uint64, h [32]byte) string {
		r, err := n.SignResult(job, task, common.Hash(h))
		if err != nil {
			t.Fatal(err)
		}
		return hex.EncodeToString(r.Signature)
	}
	crops := []image.Rectangle{image.Rect(1, 1, 5, 5), image.Rect(8, 2, 12, 6)}
	checkSig := func(key int, job common.Hash, task uint64, cr []image.Rectangle, h [32]byte) string {
		c, err := contracts.SignCheck(contracts.DevKey(key), bank.Domain(), job, task, cr, common.Hash(h))
		if err != nil {
			t.Fatal(err)
		}
		return hex.EncodeToString(c.Signature)
	}
	zero := func(job common.Hash, task uint64, h [32]byte) string {
		r, err := contracts.SignResult(contracts.DevKey(1), signingDomain(nil), job, task, common.Hash(h))
		if err != nil {
			t.Fatal(err)
		}
		return hex.EncodeToString(r.Signature)
	}
	finishCheck := func(d contracts.Domain) string {
		c, err := contracts.SignCheck(contracts.DevKey(1), d, jobID, 3, nil, common.Hash(tile))
		if err != nil {
			t.Fatal(err)
		}
		return hex.EncodeToString(c.Signature)
	}
	tests := []struct {
		name  string
		check bool
		sig   string
		ok    bool
	}{
		{"preview: in the chain's domain", false, sig(worker, jobID, 3, tile), false},
		{"preview: in the zero domain", false, zero(jobID, 3, tile), true},
		{"finish: in the chain's domain", false, sig(worker, jobID, 3, tile), false},
		{"finish: in the zero domain", false, zero(jobID, 3, tile), true},
		{"finish check: in the chain's domain", true, finishCheck(bank.Domain()), false},
		{"finish check: in the zero domain", true, finishCheck(signingDomain(nil)), true},
		{"missing", false, "", false},
		{"malformed", false, "zz", false},
		{"by another node", false, sig(other, jobID, 3, tile), false},
		{"for another task", false, sig(worker, jobID, 4, tile), false},
		{"for another job", false, sig(worker, common.HexToHash("0x0abd"), 3, tile), false},
		{"for other bytes", false, sig(worker, jobID, 3, sha256.Sum256([]byte("other"))), false},
		{"the worker's own", false, sig(worker, jobID, 3, tile), true},
		{"check: missing", true, "", false},
		{"check: a result signature", true, sig(worker, jobID, 3, tile), false},
		{"check: by another node", true, checkSig(2, jobID, 3, crops, tile), false},
		{"check: other crops", true, checkSig(1, jobID, 3, crops[:1], tile), false},
		{"check: other bytes", true, checkSig(1, jobID, 3, crops, sha256.Sum256([]byte("other"))), false},
		{"check: the checker's own", true, checkSig(1, jobID, 3, crops, tile), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := TaskRequest{JobID: "j", Task: 3, Escrow: jobID.Hex(), JobHash: jobID.Hex(), Nonce: rpc.NewNonce()}
			if tc.check {
				req.Check, req.Crops = true, crops
			}
			switch {
			case strings.HasPrefix(tc.name, "preview"):
				req.Preview = true
			case strings.HasPrefix(tc.name, "finish"):
				req.Crops, req.FinishTiles = nil, []FinishTile{{Hash: "ab", Rect: image.Rect(0, 0, 8, 8)}}
			}
			err := c.checkSignedResult(req, api.Member{NodeMeta: api.NodeMeta{ID: "w", Addr: worker.Address().Hex()}}, tc.sig, tile)
			_, handed := c.results.LoadAndDelete(req.Nonce)
			if (err == nil) != tc.ok || handed != tc.ok {
				t.Fatalf("err %v, handed %v; want accepted %v", err, handed, tc.ok)
			}
			if err != nil && !errors.Is(err, rpc.ErrBadSignature) {
				t.Fatalf("err %v does not wrap ErrBadSignature", err)
			}
		})
	}
}

// FuzzReceipt: the worker's decoder of a handed receipt never panics, and
// what it accepts survives a round trip.
func FuzzReceipt(f *testing.F) {
	f.Add([]byte(`{"job":"0x` + strings.Repeat("1", 64) + `","worker":"0x` + strings.Repeat("2", 40) + `","amount":"5","tasks":1,"results":"0x` + strings.Repeat("3", 64) + `","signature":"0x` + strings.Repeat("4", 130) + `"}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m api.Receipt
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if dec.Decode(&m) != nil {
			return
		}
		r, err := workReceipt(m)
		if err != nil {
			return
		}
		back, err := workReceipt(receiptMessage(workerReceipt{WorkReceipt: r}))
		if err != nil || back.Amount.Cmp(r.Amount) != 0 || back.JobID != r.JobID || !bytes.Equal(back.Signature, r.Signature) {
			t.Fatalf("round trip of %+v: %+v, %v", r, back, err)
		}
	})
}

// TestWorkerChecksReceipts: a worker keeps a receipt only when it is for
// its own address and signed by the job's requester as the escrow records
// it, and keeps the latest (largest) per job.
func TestWorkerChecksReceipts(t *testing.T) {
	ctx := context.Background()
	chain, bank := simBank(t)
	if _, err := bank.Mint(ctx, bank.Address(), api.MustTokens("100").Wei()); err != nil {
		t.Fatal(err)
	}
	now, _ := chain.Now(ctx)
	jobID := common.HexToHash("0x01")
	if _, err := bank.OpenJob(ctx, jobID, api.MustTokens("10").Wei(), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	me, stranger := bank.WithKey(contracts.DevKey(1)), bank.WithKey(contracts.DevKey(2))
	cfg := DefaultNodeConfig()
	cfg.Name, cfg.DataDir, cfg.Gossip.Fast = "w", t.TempDir(), true
	cfg.Identity, cfg.Chain = rpc.IdentityFromKey(contracts.DevKey(1)), me
	n, err := StartNode(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()

	first := contracts.WorkReceipt{JobID: jobID, Worker: me.Address()}.Accept(0, common.HexToHash("0xaa"), api.MustTokens("1").Wei())
	second := first.Accept(1, common.HexToHash("0xbb"), api.MustTokens("1").Wei())
	signed := func(by *contracts.Client, r contracts.WorkReceipt) []byte {
		r, err := by.SignReceipt(r)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(receiptMessage(workerReceipt{WorkReceipt: r}))
		return b
	}
	tests := []struct {
		name    string
		body    []byte
		status  int
		wantErr string
	}{
		{"signed by someone else", signed(stranger, second), 400, "not signed by the job's requester"},
		{"for another worker", signed(bank, contracts.WorkReceipt{JobID: jobID, Worker: stranger.Address()}.Accept(0, common.Hash{}, big.NewInt(1))), 400, "not this node's"},
		{"job not in the escrow", signed(bank, contracts.WorkReceipt{JobID: common.HexToHash("0x02"), Worker: me.Address()}.Accept(0, common.Hash{}, big.NewInt(1))), 400, "not in the escrow"},
		{"malformed", []byte(`{"job":"0x01"}`), 400, "receipt"},
		{"the latest", signed(bank, second), 200, ""},
		{"an older one, late", signed(bank, first), 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(n.URL()+"/rpc/v1/receipts", "application/json", bytes.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			msg := ""
			if resp.StatusCode != 200 {
				msg = api.ReadError(resp.Body)
			}
			if resp.StatusCode != tc.status || !strings.Contains(msg, tc.wantErr) {
				t.Fatalf("got %d %q, want %d containing %q", resp.StatusCode, msg, tc.status, tc.wantErr)
			}
		})
	}
	w, err := api.NewClient(n.URL()).Wallet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Receipts) != 1 || w.Receipts[0].Tasks != 2 || w.Receipts[0].Amount != "2" {
		t.Fatalf("wallet receipts %+v, want the latest: 2 tasks, 2 tokens", w.Receipts)
	}
}

// TestOpenNeedsBudgetAndBond: a requester holding the budget but not the
// 10% bond on top is refused with the sum it needs, and nothing is locked.
func TestOpenNeedsBudgetAndBond(t *testing.T) {
	ctx := context.Background()
	_, bank := simBank(t)
	if _, err := bank.Mint(ctx, bank.Address(), api.MustTokens("10").Wei()); err != nil {
		t.Fatal(err)
	}
	c := &coordinator{chain: bank}
	spec := api.JobSpec{Renderer: "pathtracer", Scene: strings.Repeat("ab", 32), Budget: api.MustTokens("10")}
	err := c.openEscrow(ctx, spec)
	if !errors.Is(err, ErrEscrow) || !strings.Contains(err.Error(), "locks 11 tokens with the requester bond (1)") {
		t.Fatalf("open with budget 10 and 10 tokens: %v", err)
	}
	if bal, _ := bank.Balance(ctx, bank.Address()); bal.Cmp(api.MustTokens("10").Wei()) != 0 {
		t.Fatalf("requester holds %s after the refusal, want 10", api.FormatTokens(bal))
	}
	spec.Budget = api.MustTokens("9")
	if err := c.openEscrow(ctx, spec); err != nil {
		t.Fatalf("budget 9 and bond 0.9 out of 10 tokens: %v", err)
	}
}

// simBank starts a simulated chain with the escrow deployed by the first
// development account, closed when the test ends.
func simBank(t *testing.T) (*contracts.Chain, *contracts.Client) {
	t.Helper()
	chain, bank, err := contracts.NewSimulatedEscrow(context.Background(), contracts.DefaultSimConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chain.Close() })
	return chain, bank
}
