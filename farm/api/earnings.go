package api

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// DayLayout is how a day is written in earnings (UTC): GET
// /v1/earnings?since= and `conun earnings --since` take the same.
const DayLayout = "2006-01-02"

// ErrBadDay is a day that is not written YYYY-MM-DD.
var ErrBadDay = errors.New("bad day")

// ParseDay reads a day as --since and ?since= take it (YYYY-MM-DD, UTC).
func ParseDay(s string) (time.Time, error) {
	d, err := time.Parse(DayLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: since %q: want a day as YYYY-MM-DD, such as 2026-12-01", ErrBadDay, clip(s))
	}
	return d, nil
}

// Earnings is what GET /v1/earnings returns: what this node earned as a
// worker, per job and per day, read from the chain to the wei.
type Earnings struct {
	Connected bool   `json:"connected"`
	Address   string `json:"address"`
	// Since is the first day counted (empty: from the start).
	Since string `json:"since,omitempty"`
	// Stake is the node's stake in the escrow now (active and asked back).
	Stake Tokens `json:"stake"`
	// Total adds up Jobs (and, the same, Days).
	Total EarningsCount `json:"total"`
	Jobs  []JobEarnings `json:"jobs"`
	Days  []DayEarnings `json:"days"`
}

// EarningsCount is what a job, a day or all of them earned. Earned is
// what the escrow paid this node (its leaf and receipts, and any share of
// a requester's bond a receipt brought), Slashed the stake it burned
// (an overturned conviction gave it back and counts nothing): Earned -
// Slashed is what the node's tokens (balance and stake) moved by.
type EarningsCount struct {
	Tasks         int64   `json:"tasks"`
	RenderSeconds float64 `json:"render_seconds"`
	Earned        Tokens  `json:"earned"`
	Slashed       Tokens  `json:"slashed"`
	// ChecksPassed counts tasks a coordinator checked and accepted, as
	// their receipts say; ChecksFailed the convictions on the chain.
	ChecksPassed int `json:"checks_passed"`
	ChecksFailed int `json:"checks_failed"`
	Slashes      int `json:"slashes"`
	// Claims counts jobs by where their payment stands (ClaimPending, ...).
	Claims map[string]int `json:"claims,omitempty"`
}

// Where a job's payment stands (JobEarnings.Claim).
const (
	// ClaimPending: a leaf or receipt is held and not paid yet.
	ClaimPending = "pending"
	// ClaimPaid: the escrow paid the job's leaf or receipts.
	ClaimPaid = "paid"
	// ClaimFailed: the leaf or receipt was refused and nothing was paid.
	ClaimFailed = "failed"
)

// JobEarnings is one job this node rendered for.
type JobEarnings struct {
	Job    string `json:"job"`              // the coordinator's job id
	Escrow string `json:"escrow,omitempty"` // the job's id in the escrow (none off a chain)
	// Day is the day of this node's last task in the job: the day its
	// tokens count for in Days.
	Day string `json:"day"`
	EarningsCount
	// Claim is where the job's payment stands (ClaimPending, ClaimPaid,
	// ClaimFailed; empty when nothing is owed), and ClaimStatus the
	// wallet's words for its leaf (WalletClaim.Status), if one came.
	Claim       string `json:"claim,omitempty"`
	ClaimStatus string `json:"claim_status,omitempty"`
}

// DayEarnings is one UTC day: tasks and render time by the day they were
// rendered, tokens by the day of the job's last task.
type DayEarnings struct {
	Day string `json:"day"`
	EarningsCount
}

// Add adds o to c.
func (c *EarningsCount) Add(o EarningsCount) {
	c.Tasks += o.Tasks
	c.RenderSeconds += o.RenderSeconds
	c.Earned = c.Earned.Add(o.Earned)
	c.Slashed = c.Slashed.Add(o.Slashed)
	c.ChecksPassed += o.ChecksPassed
	c.ChecksFailed += o.ChecksFailed
	c.Slashes += o.Slashes
	for k, v := range o.Claims {
		if c.Claims == nil {
			c.Claims = make(map[string]int)
		}
		c.Claims[k] += v
	}
}

// Earnings returns what the node earned from since on (zero: all).
func (c *Client) Earnings(ctx context.Context, since time.Time) (Earnings, error) {
	path := "/v1/earnings"
	if !since.IsZero() {
		path += "?since=" + url.QueryEscape(since.UTC().Format(DayLayout))
	}
	var e Earnings
	err := c.do(ctx, "GET", path, nil, &e)
	return e, err
}
