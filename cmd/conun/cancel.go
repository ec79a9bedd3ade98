package main

import (
	"fmt"

	"github.com/conun/conun/farm/api"
)

// budgetFate says what a cancel (or any end) does to a job's money, so a
// requester is not left guessing whether the budget is lost: accepted
// tasks are paid at settlement, and the rest is held in the escrow for the
// workers' receipts until the grace ends, then returned with the bond.
func budgetFate(rep api.Report) string {
	if rep.Spec.Budget.IsZero() {
		return "no budget was locked for it, so nothing is paid or held"
	}
	if s := rep.Settlement; s != nil && s.Tx != "" {
		return fmt.Sprintf("its settlement paid %s of the %s budget for the tasks accepted before the cancel; %s (`conun reclaim %s` then, or the node does it by itself)",
			s.Paid, s.Budget, s.RefundText(), rep.JobID)
	}
	return fmt.Sprintf("its budget of %s tokens is settled next: tasks accepted before the cancel are paid, and the rest stays in the escrow for the workers' receipts until the grace ends (3 days on the default chain), then comes back to you with the bond (`conun report %s` shows when; `conun reclaim %s` then, or the node does it by itself)",
		rep.Spec.Budget, rep.JobID, rep.JobID)
}

// endedLine is the line wait prints for a job that did not end done: its
// state, and its reason when it has one (never a dangling colon).
func endedLine(id string, state api.JobState, reason string) string {
	line := fmt.Sprintf("job %s %s", id, state)
	if reason != "" {
		line += ": " + reason
	}
	return line
}
