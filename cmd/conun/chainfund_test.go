package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestFundSubmitCancel is a newcomer's money path on separate processes:
// a node with a fresh key on a `conun chain` cannot lock a budget; `conun
// chain fund` gives its address tokens and gas, after which `submit
// --budget` is accepted; `cancel` then says why the job ended and what
// becomes of the budget, `wait` repeats the reason (never "cancelled: "
// with nothing after it), and the settlement pays nothing for the
// cancelled work and holds the whole budget for the requester. A node
// without a chain refuses the budget and, cancelled, says nothing was
// locked.
func TestFundSubmitCancel(t *testing.T) {
	skipShort(t, "a chain and node processes")
	url := startChain(t)
	onChain := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--chain", url)
	noChain := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	// A job long enough to be cancelled while it runs on this 2-core box.
	job := []string{"anim.glb", "--res", "160x120", "--samples", "128", "--frames", "1-24", "--tiles", "2x2", "--json"}
	submit := func(node *nodeProc, extra ...string) (int, string, string) {
		return conun(t, append(append([]string{"submit", "--node", node.url}, extra...), job...)...)
	}

	if code, _, stderr := submit(onChain, "--budget", "5"); code == 0 || !strings.Contains(stderr, "fund it") {
		t.Fatalf("an unfunded key locked a budget: exit %d, %s", code, stderr)
	}
	addr := walletOf(t, onChain.url).Address
	if code, out, stderr := conun(t, "chain", "fund", "--chain", url, addr, "20"); code != 0 || !strings.Contains(out, "funded "+addr) {
		t.Fatalf("chain fund: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := conun(t, "chain", "fund", "--chain", url, addr, "lots"); code != 2 || !strings.Contains(stderr, `bad token amount: "lots"`) {
		t.Errorf("chain fund with a bad amount: exit %d, %s", code, stderr)
	}
	if code, _, stderr := submit(noChain, "--budget", "5"); code == 0 || !strings.Contains(stderr, "pay nobody") {
		t.Errorf("a node without a chain took a budget: exit %d, %s", code, stderr)
	}

	tests := []struct {
		name   string
		node   *nodeProc
		budget []string
		fate   string // in cancel's output
	}{
		{"funded, on a chain", onChain, []string{"--budget", "5"}, "its budget of 5 tokens is settled next"},
		{"no chain", noChain, nil, "no budget was locked"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := submit(tc.node, tc.budget...)
			if code != 0 {
				t.Fatalf("submit: exit %d\n%s%s", code, out, stderr)
			}
			var sub struct{ IDs []string }
			if err := json.Unmarshal([]byte(out), &sub); err != nil || len(sub.IDs) != 1 {
				t.Fatalf("submit --json printed %q: %v", out, err)
			}
			id := sub.IDs[0]
			code, out, stderr = conun(t, "cancel", "--node", tc.node.url, id)
			if code != 0 || !strings.Contains(out, "job "+id+" cancelled: "+api.CancelledReason) || !strings.Contains(out, tc.fate) {
				t.Fatalf("cancel: exit %d, stdout %q, stderr %q; want the reason and %q", code, out, stderr, tc.fate)
			}
			code, _, stderr = conun(t, "wait", "--node", tc.node.url, id)
			if code != 1 || !strings.Contains(stderr, "job "+id+" cancelled: "+api.CancelledReason) {
				t.Errorf("wait on a cancelled job: exit %d, %q", code, stderr)
			}
			if tc.budget == nil {
				return
			}
			var rep api.Report
			waitFor(t, 30*time.Second, func() bool {
				rep, _ = api.NewClient(tc.node.url).Report(context.Background(), id)
				return rep.Settlement != nil && rep.Settlement.Tx != ""
			})
			if s := rep.Settlement; s.Budget != "5" || s.Paid != "0" || s.Refund != "5" || s.ReclaimAfter.IsZero() {
				t.Errorf("settlement of the cancelled job %+v: want nothing paid and the whole budget held for reclaim", s)
			}
			if _, out, _ := conun(t, "report", "--node", tc.node.url, id); !strings.Contains(out, "paid 0, 5 refundable after ") {
				t.Errorf("report of the cancelled job does not say what was paid and when the rest comes back: %q", out)
			}
			if _, out, _ := conun(t, "cancel", "--node", tc.node.url, id); out != "" {
				t.Errorf("a second cancel printed %q", out)
			}
		})
	}
}
