package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// TaskLog is one lease of a task as its coordinator kept it: who rendered
// it with what, how it ended, and what the renderer printed (its output's
// tail, with warning lines kept apart), signed by the worker over the
// lease (GET /v1/jobs/{id}/logs).
type TaskLog struct {
	Task   int  `json:"task"`
	Frame  int  `json:"frame"`
	Finish bool `json:"finish,omitempty"`
	// Rect is the tile, [x0, y0, x1, y1] in frame pixels.
	Rect [4]int `json:"rect"`
	// Lease numbers the task's leases, from 1.
	Lease int    `json:"lease"`
	Node  string `json:"node"`
	// Renderer is the job's renderer and Build the node's release of it
	// as advertised ("blender", "3.4.1+finish").
	Renderer string `json:"renderer"`
	Build    string `json:"build,omitempty"`
	// Started is when the lease was handed out; Seconds how long it took
	// until its answer (or failure), as the coordinator saw it.
	Started time.Time `json:"started"`
	Seconds float64   `json:"seconds"`
	// Exit is LogOK for a result the worker signed, LogFailed otherwise;
	// Error is then why.
	Exit  string `json:"exit"`
	Error string `json:"error,omitempty"`
	// Log is the renderer's output for the task; LogNote says why it is
	// missing or shortened (a worker whose log's signature failed).
	Log     string `json:"log,omitempty"`
	LogNote string `json:"log_note,omitempty"`
}

// TaskLog's Exit values.
const (
	LogOK     = "ok"
	LogFailed = "failed"
)

// LogsQuery picks a job's task logs: one task, one frame's tasks, or (both
// below zero) all of them.
type LogsQuery struct {
	Task  int
	Frame int
}

// AllLogs asks for every task's logs.
var AllLogs = LogsQuery{Task: -1, Frame: -1}

// Logs returns the kept logs of a job's tasks, by task then lease.
func (c *Client) Logs(ctx context.Context, id string, q LogsQuery) ([]TaskLog, error) {
	v := url.Values{}
	if q.Task >= 0 {
		v.Set("task", strconv.Itoa(q.Task))
	}
	if q.Frame >= 0 {
		v.Set("frame", strconv.Itoa(q.Frame))
	}
	path := "/v1/jobs/" + id + "/logs"
	if len(v) > 0 {
		path += "?" + v.Encode()
	}
	var out struct {
		Logs []TaskLog `json:"logs"`
	}
	err := c.do(ctx, http.MethodGet, path, nil, &out)
	return out.Logs, err
}
