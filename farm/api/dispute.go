package api

import (
	"context"
	"net/http"
	"time"
)

// DisputeStatus is a node's view of one job it worked on, for the escrow
// id Escrow: the results it kept (the evidence it can show arbiters) and,
// once it disputed a conviction, where the dispute stands.
type DisputeStatus struct {
	Escrow string `json:"escrow"` // the job's id in the escrow (0x + 64 hex)
	Job    string `json:"job"`    // the farm's short job id
	Tasks  []int  `json:"tasks"`  // tasks whose signed results this node kept
	// Checks are the spot checks this node signed and kept: a checker
	// can be slashed for its render of a check's crops.
	Checks []KeptCheck `json:"checks,omitempty"`
	// Verdict is the conviction's state on chain: none, convicted,
	// disputed, upheld or overturned ("" when not read).
	Verdict string `json:"verdict,omitempty"`
	// Task is the task the node was slashed for; Slashed what was burned.
	// Check says it was slashed as a checker, for its check of Task.
	Task    int    `json:"task,omitempty"`
	Check   bool   `json:"check,omitempty"`
	Slashed string `json:"slashed,omitempty"`
	// Bond is what the dispute posted; Tx its transaction.
	Bond string `json:"bond,omitempty"`
	Tx   string `json:"tx,omitempty"`
	// Arbiters are the drawn arbiters' addresses, with the votes so far;
	// VotingEnds is chain time.
	Arbiters   []string  `json:"arbiters,omitempty"`
	Guilty     int       `json:"guilty,omitempty"`
	Innocent   int       `json:"innocent,omitempty"`
	VotingEnds time.Time `json:"voting_ends,omitzero"`
	// ResolveTx ends the dispute; Error is the last step's failure.
	ResolveTx string `json:"resolve_tx,omitempty"`
	Error     string `json:"error,omitempty"`
}

// KeptCheck is a spot check a node signed: of which task, and the sha256
// of its render of the crops (what its signature and a slash name).
type KeptCheck struct {
	Task   int    `json:"task"`
	Render string `json:"render"`
}

// Disputes lists the jobs the node kept results of, and its disputes.
func (c *Client) Disputes(ctx context.Context) ([]DisputeStatus, error) {
	var out []DisputeStatus
	err := c.do(ctx, http.MethodGet, "/v1/disputes", nil, &out)
	return out, err
}

// Dispute disputes the node's conviction in job (its escrow id or the
// farm's job id), posting the escrow's dispute bond; the node then draws the
// arbiters and resolves the dispute once they voted.
func (c *Client) Dispute(ctx context.Context, job string) (DisputeStatus, error) {
	var out DisputeStatus
	err := c.do(ctx, http.MethodPost, "/v1/disputes/"+job, nil, &out)
	return out, err
}
