package api

import (
	"fmt"
	"math/big"
	"time"
)

// FormatTokens writes wei as tokens with exactly the decimals it has
// ("0.03", not 0.030000 or 0.029999...); a negative amount (a shortfall)
// gets a minus sign.
func FormatTokens(wei *big.Int) string {
	if wei == nil {
		return "0"
	}
	if wei.Sign() < 0 {
		return "-" + formatWei(new(big.Int).Neg(wei).String())
	}
	return formatWei(wei.String())
}

// SettlementRecord is what a job's settlement paid, kept with the job and
// shown in its report.
type SettlementRecord struct {
	Tx     string `json:"tx"`
	Root   string `json:"root"`
	Budget string `json:"budget"`
	Paid   string `json:"paid"`
	Refund string `json:"refund"`
	// RefundLater is the part of Refund that reservations hold beyond the
	// work (leases that failed or were cancelled, a convicted worker's):
	// it comes back when the escrow's claim window closes, not with the
	// rest after the grace.
	RefundLater string        `json:"refund_later,omitempty"`
	Payouts     []NodePayout  `json:"payouts"`
	Slashes     []SlashRecord `json:"slashes,omitempty"`
	Error       string        `json:"error,omitempty"`
	Attempts    int           `json:"attempts,omitempty"`
	// Bond is the requester's bond locked with the budget. Reclaimed is
	// what Reclaim returned once the grace had passed (the budget outside
	// the tree less receipts paid, and the bond), with ReclaimTx; until
	// then ReclaimAfter is the chain time it may, and ReclaimError the
	// last attempt's error.
	Bond         string    `json:"bond,omitempty"`
	Reclaimed    string    `json:"reclaimed,omitempty"`
	ReclaimTx    string    `json:"reclaim_tx,omitempty"`
	ReclaimAfter time.Time `json:"reclaim_after,omitzero"`
	ReclaimError string    `json:"reclaim_error,omitempty"`
	// ClaimsTx are the coordinator's transactions that paid the workers'
	// leaves on their behalf (claimFor); ClaimsError the last failed try.
	ClaimsTx    []string `json:"claims_tx,omitempty"`
	ClaimsError string   `json:"claims_error,omitempty"`
}

// RefundText says what becomes of a settled job's unspent budget, in the
// words the app and the CLI share: it is not refunded at settlement but
// held in the escrow for the workers' receipts until the grace ends, then
// returned to the requester (with the bond).
func (s SettlementRecord) RefundText() string {
	later := ""
	if s.RefundLater != "" {
		later = " (" + s.RefundLater + " of it, reserved for leases that did not pay, when the escrow's claim window closes)"
	}
	switch {
	case s.Reclaimed != "" && s.RefundLater != "":
		return s.Reclaimed + " returned to you (unspent budget and bond); " + s.RefundLater + " more, reserved for leases that did not pay, when the escrow's claim window closes"
	case s.Reclaimed != "":
		return s.Reclaimed + " returned to you (unspent budget and bond)"
	case !s.ReclaimAfter.IsZero():
		return fmt.Sprintf("%s refundable after %s%s", s.Refund, s.ReclaimAfter.UTC().Format("2006-01-02 15:04 UTC"), later)
	}
	return s.Refund + " refundable once the escrow's grace ends" + later
}

// HeldText is the line that goes with RefundText while the refund is
// held ("" once it was returned): why, and that the bond waits with it.
func (s SettlementRecord) HeldText() string {
	if s.Reclaimed != "" {
		return ""
	}
	bond := ""
	if s.Bond != "" {
		bond = fmt.Sprintf(" and the bond (%s)", s.Bond)
	}
	return fmt.Sprintf("until then the unspent budget%s pay any receipts the settlement left out", bond)
}

// NodePayout is one worker's share of a settlement.
type NodePayout struct {
	Node    string `json:"node"`
	Address string `json:"address"`
	Tasks   int    `json:"tasks"`
	Amount  string `json:"amount"`
}

// SlashRecord is one convicted node's penalty in a settlement.
type SlashRecord struct {
	Node     string `json:"node"`
	Address  string `json:"address"`
	Amount   string `json:"amount"`
	Evidence string `json:"evidence"` // sha256 of the check's evidence, as on chain
	Tx       string `json:"tx,omitempty"`
	Error    string `json:"error,omitempty"`
}

// SignedResult is a worker's EIP-712 signature over its result of one task
// (contracts.SignedResult without the job id, which is the job's spec
// hash): the evidence a slash of that worker needs on a chain, and what
// holds it to its tile anywhere (off a chain it is signed in the zero
// domain).
type SignedResult struct {
	Task       uint64 `json:"task"`
	ResultHash string `json:"result_hash"` // 0x sha256 of the tile's bytes
	Signature  string `json:"signature"`   // 0x, 65 bytes, v = 27 or 28
}

// Receipt is a coordinator's signed, cumulative acceptance of a worker's
// tasks in one job (contracts.WorkReceipt): the worker can redeem it from
// the escrow alone. Amount is wei in decimal; hashes and the signature 0x hex.
type Receipt struct {
	JobID     string `json:"job"`
	Worker    string `json:"worker"`
	Amount    string `json:"amount"`
	Tasks     uint64 `json:"tasks"`
	Results   string `json:"results"`
	Signature string `json:"signature"`
	// Accepted lists tasks the receipt covers, in the order its Results
	// chain adds them, after its first Since tasks (whose chain is
	// SinceResults): those added since the last receipt the worker took,
	// so a receipt stays small however many tasks it covers. Not signed
	// (the signature covers Results), but what lets the worker see that
	// the receipt pays for its work.
	Accepted     []ReceiptTask `json:"accepted,omitempty"`
	Since        uint64        `json:"since,omitempty"`
	SinceResults string        `json:"since_results,omitempty"`
}

// ReceiptTask is one accepted task in a Receipt: its index and the hash of
// the result the worker signed for it (0x and 64 hex digits). Checked
// says the coordinator spot-checked the task and the check passed: not
// signed, it is what lets a worker count its passed checks (conun
// earnings).
type ReceiptTask struct {
	Task       uint64 `json:"task"`
	ResultHash string `json:"result_hash"`
	Checked    bool   `json:"checked,omitempty"`
}

// WalletReceipt is the latest receipt a node holds for one job, as GET
// /v1/wallet shows it.
type WalletReceipt struct {
	JobID  string `json:"job"`
	Amount string `json:"amount"` // tokens
	Tasks  uint64 `json:"tasks"`
	// Paid is what the job has paid this node so far, by its leaf and its
	// receipts together; Redeemed is set once the receipt was claimed.
	Paid     string `json:"paid,omitempty"`
	Redeemed bool   `json:"redeemed,omitempty"`
	Tx       string `json:"tx,omitempty"`
	Error    string `json:"error,omitempty"`
	// Flag says why the receipt looked wrong when it came (it pays less
	// than this node's tasks in it earned at its price, covers tasks it
	// never rendered, ...): it is kept all the same when it is the
	// largest, since it is what the chain will pay.
	Flag string `json:"flag,omitempty"`
}

// WalletClaim is one payment owed to this node.
type WalletClaim struct {
	JobID   string `json:"job"`
	Amount  string `json:"amount"`
	Claimed bool   `json:"claimed"`
	Tx      string `json:"tx,omitempty"`
	Error   string `json:"error,omitempty"`
	// Waiting says why an unpaid claim is not paid yet (ClaimWaits...);
	// PaidBy who paid a paid one (ClaimPaidBy...).
	Waiting string `json:"waiting,omitempty"`
	PaidBy  string `json:"paid_by,omitempty"`
}

// Status says where the claim stands and, while it is unpaid, why, in the
// words the CLI and the app share.
func (c WalletClaim) Status() string {
	switch {
	case c.Claimed && c.PaidBy == ClaimPaidByCoordinator:
		return "paid by the coordinator (no gas to you)"
	case c.Claimed:
		return "claimed"
	case c.Error != "":
		return "failed: " + c.Error
	case c.Waiting == ClaimWaitsCoordinator:
		return "pending: the coordinator will submit it and pay the gas"
	case c.Waiting == ClaimWaitsGas:
		return "pending: the coordinator has not submitted it, and this node's key holds no Ether for gas: " +
			"send the node's address some Ether (conun chain prints funded accounts), or ask the coordinator's owner to submit it"
	}
	return "pending"
}

// Why a claim waits, and who paid it (WalletClaim.Waiting, .PaidBy).
const (
	// ClaimWaitsCoordinator: the coordinator said it submits the claim
	// and pays its gas; the worker leaves it time to.
	ClaimWaitsCoordinator = "coordinator"
	// ClaimWaitsGas: the coordinator has not submitted the claim, and the
	// worker's key holds no Ether to pay the gas of its own claim.
	ClaimWaitsGas = "gas"
	// ClaimPaidByCoordinator: the leaf was paid by someone else's
	// transaction (the coordinator's claimFor), at no gas to the worker.
	ClaimPaidByCoordinator = "coordinator"
	// ClaimPaidBySelf: the worker's own claim paid it (Tx).
	ClaimPaidBySelf = "self"
)

// WalletInfo is what GET /v1/wallet returns.
type WalletInfo struct {
	Connected bool   `json:"connected"`
	Address   string `json:"address"`
	Balance   string `json:"balance,omitempty"`
	Stake     string `json:"stake,omitempty"`
	// Ether is the key's Ether for gas, in ether; PendingStake is stake
	// asked back (unstake), withdrawable by reclaim from UnlockAt.
	Ether        string        `json:"ether,omitempty"`
	PendingStake string        `json:"pending_stake,omitempty"`
	UnlockAt     time.Time     `json:"unlock_at,omitzero"`
	Claims       []WalletClaim `json:"claims"`
	// Receipts are the latest receipt per job (absent when none).
	Receipts []WalletReceipt `json:"receipts,omitempty"`
}
