package gui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
)

func TestJobCost(t *testing.T) {
	running := api.JobStatus{State: api.JobRunning, Spec: api.JobSpec{Budget: api.MustTokens("3")}}
	done := api.JobStatus{State: api.JobDone, Spec: api.JobSpec{Budget: api.MustTokens("3")}}
	settled := &api.SettlementRecord{Budget: "3", Paid: "1.25", Refund: "1.75", ReclaimAfter: time.Date(2026, 12, 7, 15, 4, 0, 0, time.UTC)}
	tests := []struct {
		name      string
		job       api.JobStatus
		s         *api.SettlementRecord
		fetched   bool
		committed string // "" when unknown
		want      string
	}{
		{"free", api.JobStatus{State: api.JobDone}, nil, true, "", "free"},
		{"settled", done, settled, true, "", "paid 1.25 / 3, 1.75 refundable after 2026-12-07 15:04 UTC"},
		{"settlement failed", done, &api.SettlementRecord{Error: "out of gas"}, true, "", "settlement failed: out of gas"},
		{"never settled", done, nil, true, "", "not settled"},
		{"report not read yet", done, nil, false, "", "…"},
		{"running, committed known", running, nil, false, "0.75", "≈ 0.75 / 3 committed"},
		{"running, nothing accepted", running, nil, false, "0", "≈ 0 / 3 committed"},
		{"running, not followed", running, nil, false, "", costNone},
	}
	for _, tc := range tests {
		var committed *api.Tokens
		if tc.committed != "" {
			c := api.MustTokens(tc.committed)
			committed = &c
		}
		if got := jobCost(tc.job, tc.s, tc.fetched, committed); got != tc.want {
			t.Errorf("%s: cost %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestClaims(t *testing.T) {
	for _, tc := range []struct {
		c    api.WalletClaim
		want string
	}{
		{api.WalletClaim{Claimed: true, Tx: "0xabc"}, "claimed"},
		{api.WalletClaim{}, "pending"},
		{api.WalletClaim{Error: "reverted"}, "failed: reverted"},
		{api.WalletClaim{Claimed: true, PaidBy: api.ClaimPaidByCoordinator}, "paid by the coordinator (no gas to you)"},
		{api.WalletClaim{Waiting: api.ClaimWaitsCoordinator}, "pending: the coordinator will submit it and pay the gas"},
		{api.WalletClaim{Waiting: api.ClaimWaitsGas}, "pending: the coordinator has not submitted it, and this node's key holds no Ether for gas: send the node's address some Ether (conun chain prints funded accounts), or ask the coordinator's owner to submit it"},
	} {
		if got := claimStatus(tc.c); got != tc.want {
			t.Errorf("claimStatus(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
	spec := api.JobSpec{SceneName: "x.glb"}
	if got := claimJob("0x" + strings.ToUpper(spec.Hash())); got != spec.ID() {
		t.Errorf("claimJob = %q, want the job id %q", got, spec.ID())
	}
	if got := claimJob("odd"); got != "odd" {
		t.Errorf("claimJob(odd) = %q", got)
	}
	if got := pendingClaims([]api.WalletClaim{{Claimed: true}, {}, {Error: "x"}}); got != "1" {
		t.Errorf("pending claims %q, want 1", got)
	}
}

func TestSettlementText(t *testing.T) {
	r := api.Report{
		Settlement: &api.SettlementRecord{Tx: "0x" + strings.Repeat("ab", 32), Budget: "3", Paid: "1", Refund: "2",
			Bond: "0.300000", ReclaimAfter: time.Date(2026, 12, 7, 15, 4, 0, 0, time.UTC),
			Payouts: []api.NodePayout{{Node: "node-2", Address: "0x1111111111111111111111111111111111111111", Tasks: 2, Amount: "1"}},
			Slashes: []api.SlashRecord{{Node: "node-3", Address: "0x2222222222222222222222222222222222222222", Amount: "10", Evidence: "0x" + strings.Repeat("cd", 32)}}},
		Convictions: []api.Conviction{{Node: "node-3", Task: 4, Evidence: api.Evidence{Checker: "node-1", Verdict: verifier.Verdict{Outcome: verifier.Fail}}}},
	}
	got := settlementText(r)
	for _, want := range []string{
		"Settled: paid 1 of the 3 budget (tx 0xababab…abab); 2 refundable after 2026-12-07 15:04 UTC",
		"node-2 (0x111111…1111) earned 1 for 2 tile(s)",
		"SLASHED node-3 (0x222222…2222): 10 of its stake burned",
		"until then the unspent budget and the bond (0.300000) pay any receipts the settlement left out",
		"CONVICTED node-3: tile 4 failed a check by node-1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("settlement text\n%s\ndoes not say %q", got, want)
		}
	}
	if got := settlementText(api.Report{}); got != "" {
		t.Errorf("a free job's settlement text is %q, want none", got)
	}
}

func TestProgressChecksAndCost(t *testing.T) {
	spec := api.JobSpec{Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 4, Height: 4},
		Tiles: tiler.Grid{Cols: 2, Rows: 2}, Budget: api.MustTokens("2")}
	p := NewProgress("job", spec)
	seq := 0
	// apply feeds the app an event as the farm sends it; set fills the
	// typed fields clients branch on (verdict, convicted node, reason).
	apply := func(typ api.EventType, task int, node, msg string, set ...func(*api.Event)) string {
		seq++
		e := api.Event{Seq: seq, Type: typ, Task: task, Frame: 1, Node: node, Message: msg, Total: 4, State: api.JobRunning}
		for _, f := range set {
			f(&e)
		}
		p.Apply(e)
		return p.Log[len(p.Log)-1]
	}
	for i, node := range []string{"n1", "n2", "n2", "n3"} {
		apply("leased", i, node, "")
		apply("done", i, node, "")
	}
	if _, ok := p.Committed(); ok {
		t.Error("committed cost known without prices")
	}
	p.Prices = map[string]api.Tokens{"n1": api.MustTokens("0.25"), "n2": api.MustTokens("0.5"), "n3": api.MustTokens("0.125")}
	if cost, ok := p.Committed(); !ok || cost != api.MustTokens("1.375") {
		t.Errorf("committed %v %v, want 1.375", cost, ok)
	}

	// The report says tiles 1 and 2 are being checked; tile 2 has a newer
	// event than the report, so it keeps the event's word.
	asOf := seq
	apply("verdict", 2, "n2", "check by n1 (exact): uncertain: checker failed", func(e *api.Event) { e.Verdict = api.CheckUncertain })
	r := api.Report{Tasks: []api.TaskReport{{Index: 0, Verdict: "trusted"}, {Index: 1, Verdict: "checking"}, {Index: 2, Verdict: "checking"}, {Index: 3, Verdict: "passed"}}}
	if !p.ApplyReport(r, asOf) {
		t.Error("ApplyReport does not see the check in flight")
	}
	want := []TileState{TileDone, TileChecking, TileDone, TileVerified}
	for i, s := range want {
		if p.Tiles[i].State != s {
			t.Errorf("after the report: tile %d %s, want %s", i, p.Tiles[i].State, s)
		}
	}
	if !strings.Contains(p.Summary(), "1 checking") || !strings.Contains(p.Summary(), "≈ 1.375 of 2 tokens committed") {
		t.Errorf("summary %q", p.Summary())
	}

	// A pass verifies; a conviction is logged loudly and the tile fails
	// its check and is rendered again.
	if line := apply("verdict", 1, "n2", "check by n1 (exact): pass: all 1 crops pass", func(e *api.Event) { e.Verdict = api.CheckPass }); p.Tiles[1].State != TileVerified ||
		!strings.Contains(line, markGood+" tile 1 of frame 1 (n2) verified") || logImportance(line) != widget.SuccessImportance {
		t.Errorf("after a pass: tile 1 %s, log %q", p.Tiles[1].State, line)
	}
	line := apply("verdict", 2, "n2", "check by n1 (exact): fail: 3 crops differ; arbiter n3; convicted n2", func(e *api.Event) { e.Verdict, e.Convicted = api.CheckFail, "n2" })
	if !strings.Contains(line, "CONVICTED n2") || logImportance(line) != widget.DangerImportance || len(p.Convicted) != 1 || p.Convicted[0] != "n2" {
		t.Errorf("conviction: log %q, convicted %v", line, p.Convicted)
	}
	line = apply("requeued", 2, "n2", "rejected by a check: rendering again", func(e *api.Event) { e.Reason = api.RequeueRejected })
	if p.Tiles[2].State != TileFailedCheck || p.Tiles[2].State.String() != "failed check, re-queued" || logImportance(line) != widget.DangerImportance {
		t.Errorf("after the rejection: tile 2 %s, log %q", p.Tiles[2].State, line)
	}
	if cost, _ := p.Committed(); cost != api.MustTokens("0.875") {
		t.Errorf("committed after a rejection %v, want 0.875", cost)
	}
	if !strings.Contains(p.Summary(), "CONVICTED: n2") {
		t.Errorf("summary %q does not name the convicted node", p.Summary())
	}
	// A check that convicted its checker (the arbiter sided with the
	// worker) passed the worker's tile: before, the tile showed a failed
	// check that was never rendered again.
	line = apply("verdict", 0, "n1", "check by n3 (exact): fail: 3 crops differ; arbiter n2; convicted n3", func(e *api.Event) { e.Verdict, e.Convicted = api.CheckFail, "n3" })
	if p.Tiles[0].State != TileVerified || !strings.Contains(line, "CONVICTED n3") || len(p.Convicted) != 2 {
		t.Errorf("a lying checker convicted: tile 0 %s, log %q, convicted %v", p.Tiles[0].State, line, p.Convicted)
	}
}

// tok is a test's binary-exact float constant (0.25, 100) as tokens: its
// shortest decimal spelling is exactly what the test wrote.
func tok(f float64) api.Tokens { return api.MustTokens(strconv.FormatFloat(f, 'f', -1, 64)) }

// tokenText writes a test's binary-exact float amount as the node does.
func tokenText(f float64) string { return tok(f).String() }
