package gui

import (
	"fmt"
	"strings"

	"github.com/conun/conun/farm/api"
)

// Money as the screens show it. Amounts come from the node already written
// by api.FormatTokens (tokens with exactly the decimals they have); the app
// never rounds them, so what it shows is what the chain holds.

// costNone is the cost of a running job whose committed cost the app cannot
// compute: it does not follow the job's events, or lacks the nodes' prices.
const costNone = "—"

// jobCost is a job's Cost cell: the settlement once the job is settled
// (settlement is nil until then, or for a job that never settles); for a
// running job, the cost committed so far when known (committed != nil), else
// costNone. fetched says the job's report was read, so a missing settlement
// means there is none.
func jobCost(j api.JobStatus, s *api.SettlementRecord, fetched bool, committed *api.Tokens) string {
	switch {
	case s != nil && s.Error != "":
		return "settlement failed: " + s.Error
	case s != nil:
		return fmt.Sprintf("paid %s / %s, %s", s.Paid, s.Budget, s.RefundText())
	case j.Spec.Budget.IsZero():
		return "free"
	case !j.State.Final() && committed != nil:
		return fmt.Sprintf("≈ %s / %s committed", committed, j.Spec.Budget)
	case !j.State.Final():
		return costNone
	case !fetched:
		return "…"
	}
	return "not settled"
}

// claimStatus says where a payment owed to the node stands.
func claimStatus(c api.WalletClaim) string { return c.Status() }

// maxPayoutLines bounds the payouts settlementText lists, so a job spread
// over a large cluster does not push the live view's preview off screen.
const maxPayoutLines = 8

// settlementText describes a finished job's money: who was paid what, the
// refund, and who was convicted of cheating and slashed. It is empty for a
// job with neither a settlement nor convictions.
func settlementText(r api.Report) string {
	var lines []string
	if s := r.Settlement; s != nil {
		if s.Error != "" {
			lines = append(lines, fmt.Sprintf("Settlement failed (%d attempt(s)): %s", max(s.Attempts, 1), s.Error))
		} else {
			lines = append(lines, fmt.Sprintf("Settled: paid %s of the %s budget (tx %s); %s", s.Paid, s.Budget, short(s.Tx), s.RefundText()))
			if s.Reclaimed != "" {
				lines = append(lines, fmt.Sprintf("  returned in tx %s", short(s.ReclaimTx)))
			} else {
				lines = append(lines, "  "+s.HeldText())
			}
		}
		for i, p := range s.Payouts {
			if i == maxPayoutLines {
				lines = append(lines, fmt.Sprintf("  … and %d more node(s): see the job's report", len(s.Payouts)-i))
				break
			}
			lines = append(lines, fmt.Sprintf("  %s (%s) earned %s for %d tile(s)", p.Node, short(p.Address), p.Amount, p.Tasks))
		}
		for _, sl := range s.Slashes {
			line := fmt.Sprintf("  SLASHED %s (%s): %s of its stake burned, evidence %s", sl.Node, short(sl.Address), sl.Amount, short(sl.Evidence))
			if sl.Error != "" {
				line += " — slash failed: " + sl.Error
			}
			lines = append(lines, line)
		}
	}
	for _, c := range r.Convictions {
		lines = append(lines, fmt.Sprintf("CONVICTED %s: tile %d failed a check by %s (%s)", c.Node, c.Task, c.Evidence.Checker, c.Evidence.Verdict.Outcome))
	}
	return strings.Join(lines, "\n")
}

// short abbreviates a hash or an address for a line of text.
func short(hex string) string {
	if len(hex) <= 14 {
		return hex
	}
	return hex[:8] + "…" + hex[len(hex)-4:]
}
