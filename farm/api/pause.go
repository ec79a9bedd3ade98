package api

import (
	"context"
	"net/http"
	"time"
)

// PauseStatus is what pausing or resuming a job answers.
type PauseStatus struct {
	ID    string   `json:"id"`
	State JobState `json:"state"`
	// InFlight counts the leases still out: they finish and are paid
	// even while the job is paused.
	InFlight int `json:"leases_in_flight"`
	// EscrowDeadline, on a chain, is when the job's escrow expires: it
	// keeps running while the job is paused. EscrowLeftSeconds is the
	// time left before it by the chain's clock (<= 0: passed).
	EscrowDeadline    time.Time `json:"escrow_deadline,omitzero"`
	EscrowLeftSeconds int64     `json:"escrow_left_seconds,omitempty"`
}

// Pause stops a job's new leases; leases in flight finish.
func (c *Client) Pause(ctx context.Context, id string) (PauseStatus, error) {
	var st PauseStatus
	err := c.do(ctx, http.MethodPost, "/v1/jobs/"+id+"/pause", nil, &st)
	return st, err
}

// Resume lets a paused job's tasks be leased again.
func (c *Client) Resume(ctx context.Context, id string) (PauseStatus, error) {
	var st PauseStatus
	err := c.do(ctx, http.MethodPost, "/v1/jobs/"+id+"/resume", nil, &st)
	return st, err
}
