package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Notification is what a node posts to a job's notify URL (submit
// --notify-url) when the job ends, is settled, or is paused or resumed.
// A receiver may get one twice (a node that crashed between the post and
// recording it posts again): ID tells them apart.
type Notification struct {
	ID    string    `json:"id"` // JOB/SEQ: the event's number in the job's log
	Job   string    `json:"job"`
	Event string    `json:"event"` // done, failed, cancelled, settled, paused, resumed
	State JobState  `json:"state"`
	Time  time.Time `json:"time"`
	// Message is the failure's reason, or what the settlement paid.
	Message string `json:"message,omitempty"`
	Done    int    `json:"tasks_done"`
	Total   int    `json:"tasks_total"`
}

// The headers of a notification: the signer's Ethereum address (the
// node's key), the time of signing in Unix milliseconds, and the
// signature (hex, over NotifyMessage of the two).
const (
	HeaderNotifySigner    = "X-Conun-Signer"
	HeaderNotifyTime      = "X-Conun-Time"
	HeaderNotifySignature = "X-Conun-Signature"
)

// NotifyMessage is the message a notification's signature covers: the
// time header and the body, so neither can be swapped (a receiver should
// also refuse a stale time, against replays).
func NotifyMessage(unixMilli string, body []byte) []byte {
	return append([]byte("conun-notify\n"+unixMilli+"\n"), body...)
}

// SubmitOptions are a submission's settings that are not part of the job
// (they do not change its id or its escrow).
type SubmitOptions struct {
	// NotifyURL receives the job's notifications; "" for none.
	NotifyURL string
}

// Submitted is a node's answer to a submission.
type Submitted struct {
	// ID is the job's id.
	ID string `json:"id"`
	// Notes say what the requester should know about how the job will
	// run, such as members of another release that take no work from the
	// node.
	Notes []string `json:"notes,omitempty"`
}

// SubmitWith queues a job as Submit does, with opts, and returns the
// node's notes with the job's id.
func (c *Client) SubmitWith(ctx context.Context, spec JobSpec, opts SubmitOptions) (Submitted, error) {
	b, err := json.Marshal(spec)
	if err != nil {
		return Submitted{}, err
	}
	path := "/v1/jobs"
	if opts.NotifyURL != "" {
		path += "?notify_url=" + url.QueryEscape(opts.NotifyURL)
	}
	var out Submitted
	if err := c.do(ctx, http.MethodPost, path, bytes.NewReader(b), &out); err != nil {
		return Submitted{}, fmt.Errorf("submit: %w", err)
	}
	return out, nil
}
