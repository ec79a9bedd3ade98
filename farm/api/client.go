package api

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Client talks to a node's client API. The CLI, the demo and the GUI all use
// it, so there is one way in.
type Client struct {
	// BaseURL is the node's API, e.g. http://127.0.0.1:8080.
	BaseURL string
	// Token is the node's API token, for nodes whose API is reachable from
	// other machines.
	Token string
	// HTTP is the client used; nil means http.DefaultClient, which has no
	// timeout on purpose: a job's event stream (Events, `conun wait`) is
	// one response that lasts as long as the job, an upload or a frame
	// download as long as its bytes take. Each call is bounded by the
	// context its caller passes.
	HTTP *http.Client
}

// newRequest builds a request to the node with the token attached.
func (c *Client) newRequest(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return nil, err
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	return req, nil
}

// NewClient returns a client for the node at baseURL, an http(s) URL or,
// as conun node's --api takes it, a bare HOST:PORT (plain HTTP).
func NewClient(baseURL string) *Client {
	if !strings.Contains(baseURL, "://") {
		baseURL = "http://" + baseURL
	}
	return &Client{BaseURL: strings.TrimRight(baseURL, "/")}
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

// APIError is an error answer from the node.
type APIError struct {
	Status  int
	Message string
}

func (e *APIError) Error() string { return e.Message }

func (c *Client) do(ctx context.Context, method, path string, body io.Reader, out any) error {
	req, err := c.newRequest(ctx, method, path, body)
	if err != nil {
		return err
	}
	if body != nil || method == http.MethodPost {
		// Every POST says JSON, even without a body (cancel): the node
		// refuses the content types a web page can send cross-site.
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return fmt.Errorf("node %s: %w", c.BaseURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return &APIError{Status: resp.StatusCode, Message: ReadError(resp.Body)}
	}
	if out == nil {
		return nil
	}
	if w, ok := out.(io.Writer); ok {
		_, err = io.Copy(w, resp.Body)
		return err
	}
	// A node's answer is bounded: a hostile or broken node must not make
	// the client hold gigabytes.
	return json.NewDecoder(&boundedReader{r: resp.Body, limit: MaxJSONBytes}).Decode(out)
}

// Upload sends a blob and returns its hash. A connection lost on the way
// costs only the bytes in flight: the upload carries on from what the node
// already holds (see farm/blobstore/upload.go), up to uploadTries times.
func (c *Client) Upload(ctx context.Context, data []byte) (string, error) {
	return c.UploadWith(ctx, data, nil)
}

// UploadWith is Upload telling progress (nil: nobody) how far it is: the
// bytes sent of the blob's total, counted from what the node already
// held, as they go out (a scene of a gigabyte takes minutes on a home
// uplink). After a lost connection it starts again from what the node
// holds, which may be less than it said before. It may be called from
// another goroutine than the caller's, never two calls at once.
func (c *Client) UploadWith(ctx context.Context, data []byte, progress func(sent, total int64)) (string, error) {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	var err error
	for try := range uploadTries {
		if try > 0 {
			select {
			case <-time.After(time.Duration(try) * 500 * time.Millisecond):
			case <-ctx.Done():
				return "", fmt.Errorf("upload scene: %w (after: %w)", ctx.Err(), err)
			}
		}
		var done bool
		if done, err = c.uploadFrom(ctx, h, data, progress); done || !retryable(err) {
			break
		}
	}
	if err != nil {
		return "", fmt.Errorf("upload scene: %w", err)
	}
	return h, nil
}

// uploadTries bounds the attempts of one Upload.
const uploadTries = 5

// uploadFrom asks the node how much of blob h it holds and sends the
// rest, telling progress (nil: nobody) as it goes.
func (c *Client) uploadFrom(ctx context.Context, h string, data []byte, progress func(sent, total int64)) (bool, error) {
	var st UploadState
	if err := c.do(ctx, http.MethodGet, "/v1/uploads/"+h, nil, &st); err != nil {
		return false, err
	}
	total := int64(len(data))
	if st.Complete {
		if progress != nil {
			progress(total, total)
		}
		return true, nil
	}
	if st.Received > total {
		st.Received = 0 // not this blob's bytes: the node refuses, and says so
	}
	body := func() io.Reader {
		var r io.Reader = bytes.NewReader(data[st.Received:])
		if progress != nil {
			progress(st.Received, total)
			r = &progressReader{r: r, sent: st.Received, total: total, progress: progress}
		}
		return r
	}
	req, err := c.newRequest(ctx, http.MethodPut, "/v1/blobs/"+h, body())
	if err != nil {
		return false, err
	}
	// Known only for a bare bytes.Reader; and the transport sends the
	// body again (a kept-alive connection found closed) only with GetBody.
	req.ContentLength = total - st.Received
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(body()), nil }
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set(HeaderUploadOffset, strconv.FormatInt(st.Received, 10))
	req.Header.Set(HeaderUploadLength, strconv.Itoa(len(data)))
	resp, err := c.http().Do(req)
	if err != nil {
		return false, fmt.Errorf("node %s: %w", c.BaseURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return false, &APIError{Status: resp.StatusCode, Message: ReadError(resp.Body)}
	}
	return true, nil
}

// progressReader tells progress of each read from r, counting from sent.
type progressReader struct {
	r           io.Reader
	sent, total int64
	progress    func(sent, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.sent += int64(n)
		p.progress(p.sent, p.total)
	}
	return n, err
}

// retryable reports whether an upload error is worth another try: a lost
// connection or a node's 5xx, or an offset the node corrected (409); not a
// refusal of the content.
func retryable(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status >= 500 || apiErr.Status == http.StatusConflict
	}
	return err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// Submit queues a job and returns its id.
func (c *Client) Submit(ctx context.Context, spec JobSpec) (string, error) {
	s, err := c.SubmitWith(ctx, spec, SubmitOptions{})
	return s.ID, err
}

// Status returns a job's status.
func (c *Client) Status(ctx context.Context, id string) (JobStatus, error) {
	var st JobStatus
	err := c.do(ctx, http.MethodGet, "/v1/jobs/"+id, nil, &st)
	return st, err
}

// Jobs lists the node's jobs.
func (c *Client) Jobs(ctx context.Context) ([]JobStatus, error) {
	out := []JobStatus{} // none is [], not null, in --json output
	for {
		var page []JobStatus
		if err := c.do(ctx, http.MethodGet, fmt.Sprintf("/v1/jobs?offset=%d", len(out)), nil, &page); err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < JobsPage {
			return out, nil
		}
	}
}

// JobsPage is the most jobs GET /v1/jobs answers at once; Jobs pages
// through them all.
const JobsPage = 1000

// Backup writes a consistent copy of the node's store (its jobs, tasks and
// events) to w, taken while the node runs.
func (c *Client) Backup(ctx context.Context, w io.Writer) error {
	return c.do(ctx, http.MethodGet, "/v1/backup", nil, w)
}

// Reclaim returns a settled job's unspent budget and the requester's bond
// to the requester, once the settlement's grace has passed (the node also
// does it by itself); it returns the job's settlement.
func (c *Client) Reclaim(ctx context.Context, id string) (SettlementRecord, error) {
	var st SettlementRecord
	err := c.do(ctx, http.MethodPost, "/v1/jobs/"+id+"/reclaim", nil, &st)
	return st, err
}

// Cancel cancels a job.
func (c *Client) Cancel(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodPost, "/v1/jobs/"+id+"/cancel", nil, nil)
}

// Requeue renders a job's failed frames again, in the same job (same id,
// output folder and escrow); it returns what went back in the queue.
func (c *Client) Requeue(ctx context.Context, id string, req RequeueRequest) (RequeueResult, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return RequeueResult{}, err
	}
	var out RequeueResult
	err = c.do(ctx, http.MethodPost, "/v1/jobs/"+id+"/requeue", bytes.NewReader(b), &out)
	return out, err
}

// Report returns a job's report.
func (c *Client) Report(ctx context.Context, id string) (Report, error) {
	var r Report
	err := c.do(ctx, http.MethodGet, "/v1/jobs/"+id+"/report", nil, &r)
	return r, err
}

// Nodes lists the members the node sees.
func (c *Client) Nodes(ctx context.Context) ([]Member, error) {
	var out []Member
	err := c.do(ctx, http.MethodGet, "/v1/nodes", nil, &out)
	return out, err
}

// Wallet returns the node's wallet: balance, stake and claims.
func (c *Client) Wallet(ctx context.Context) (WalletInfo, error) {
	var w WalletInfo
	err := c.do(ctx, http.MethodGet, "/v1/wallet", nil, &w)
	return w, err
}

// Events streams a job's events to fn, from the first, until the job
// finishes, fn returns an error, or ctx ends. It returns the final state.
func (c *Client) Events(ctx context.Context, id string, fn func(Event) error) (JobState, error) {
	return c.events(ctx, id, "", fn)
}

// EventsAfter is Events from the events numbered after seq: a reader
// that saw a job end and requeued its failed frames follows it on from
// the last event it read.
func (c *Client) EventsAfter(ctx context.Context, id string, seq int, fn func(Event) error) (JobState, error) {
	return c.events(ctx, id, "?after="+strconv.Itoa(max(seq, 0)), fn)
}

func (c *Client) events(ctx context.Context, id, query string, fn func(Event) error) (JobState, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/v1/jobs/"+id+"/events"+query, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return "", fmt.Errorf("node %s: %w", c.BaseURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", &APIError{Status: resp.StatusCode, Message: ReadError(resp.Body)}
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var last Event
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var e Event
		if err := json.Unmarshal([]byte(data), &e); err != nil {
			return "", fmt.Errorf("event stream: %w", err)
		}
		last = e
		if fn != nil {
			if err := fn(e); err != nil {
				return e.State, err
			}
		}
		if e.Type == EventFinished {
			return e.State, nil
		}
	}
	if err := sc.Err(); err != nil {
		return last.State, fmt.Errorf("event stream: %w", err)
	}
	return last.State, fmt.Errorf("event stream of job %s ended before the job finished", id)
}

// Headers of a resumable upload (see farm/blobstore/upload.go): the offset the part
// starts at, and the whole blob's length.
const (
	HeaderUploadOffset = "Upload-Offset"
	HeaderUploadLength = "Upload-Length"
)

// ReadError returns the message of a node's error answer: the "error"
// field of its JSON body, or the body itself (bounded).
func ReadError(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, 4096))
	var e struct{ Error string }
	if json.Unmarshal(b, &e) == nil && e.Error != "" {
		return e.Error
	}
	return string(b)
}

// UploadState is GET /v1/uploads/{hash}'s answer.
type UploadState struct {
	Received int64 `json:"received"`
	Complete bool  `json:"complete"`
}
