package farm_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestCrossSiteRefused: what a web page in the user's browser can send to
// the loopback API (a text/plain or form-encoded submit with its own Origin,
// a bodyless cancel, a request under a rebound DNS name) is refused with a
// clear 4xx, no job is created or cancelled, no answer carries a CORS
// header, and the client the CLI and the app use keeps working.
func TestCrossSiteRefused(t *testing.T) {
	n := farmtest.Start(t, 1, nil)[0]
	base := n.URL()
	port := base[strings.LastIndex(base, ":")+1:]
	c := api.NewClient(base)
	ctx := context.Background()
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := demoSpec()
	spec.Scene, spec.SceneName, spec.Frames, spec.Nonce = hash, "cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1}, "guard"
	specJSON, _ := json.Marshal(spec)
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	spec.Nonce = "another"
	other, _ := json.Marshal(spec)
	form := url.Values{string(other): {""}}.Encode() // a form field whose name is the JSON

	tests := []struct {
		name, method, path, ctype, origin, host, body string
		status                                        int
		wantErr                                       string
	}{
		{"text/plain submit cross-site", "POST", "/v1/jobs", "text/plain", "http://evil.example", "", string(other), 403, `origin "http://evil.example"`},
		{"form submit cross-site", "POST", "/v1/jobs", "application/x-www-form-urlencoded", "http://evil.example", "", form, 403, "cross-site"},
		{"text/plain submit, no origin", "POST", "/v1/jobs", "text/plain;charset=UTF-8", "", "", string(other), 415, "needs Content-Type: application/json"},
		{"form submit, no origin", "POST", "/v1/jobs", "application/x-www-form-urlencoded", "", "", form, 415, "needs Content-Type: application/json"},
		{"multipart submit", "POST", "/v1/jobs", "multipart/form-data; boundary=x", "", "", string(other), 415, "needs Content-Type"},
		{"bodyless cancel", "POST", "/v1/jobs/" + id + "/cancel", "", "", "", "", 415, "needs Content-Type: application/json"},
		{"cancel with null origin", "POST", "/v1/jobs/" + id + "/cancel", "application/json", "null", "", "", 403, "cross-site"},
		{"rebound host", "GET", "/v1/jobs", "", "", "evil.example", "", 403, `host "evil.example" is not this node's API`},
		{"rebound host with our port", "POST", "/v1/jobs", "application/json", "", "evil.example:" + port, string(other), 403, "DNS rebinding"},
		{"text/plain blob", "PUT", "/v1/blobs/" + hash, "text/plain", "", "", string(data), 415, "needs Content-Type: application/octet-stream"},
		{"overflowing step", "POST", "/v1/jobs", "application/json", "", "", strings.Replace(string(other), `"step":1`, `"step":9223372036854775807`, 1), 400, "step must be between 1 and 100000"},
		{"events after a word", "GET", "/v1/jobs/" + id + "/events?after=nine", "", "", "", "", 400, `after "nine"`},
		{"events after -1", "GET", "/v1/jobs/" + id + "/events?after=-1", "", "", "", "", 400, "want an event number >= 0"},
		{"own origin, localhost", "GET", "/v1/jobs/" + id, "", "http://localhost:" + port, "localhost:" + port, "", 200, id},
		{"json submit as [::1]", "POST", "/v1/jobs", "application/json; charset=utf-8", "", "[::1]:" + port, string(specJSON), 201, id},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, base+tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			if tc.host != "" {
				req.Host = tc.host
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			msg := api.ReadError(resp.Body) // the message, unquoted
			if resp.StatusCode != tc.status || !strings.Contains(msg, tc.wantErr) {
				t.Fatalf("got %d %s, want %d containing %q", resp.StatusCode, msg, tc.status, tc.wantErr)
			}
			for h := range resp.Header {
				if strings.HasPrefix(h, "Access-Control-") {
					t.Fatalf("answer carries CORS header %s", h)
				}
			}
		})
	}
	// A browser's preflight gets no CORS header, so it never sends the
	// request it asked about.
	req, _ := http.NewRequest(http.MethodOptions, base+"/v1/jobs", nil)
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 == 2 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("preflight answered %s %v", resp.Status, resp.Header)
	}

	// Nothing the page sent took effect: one job (the client's own), not
	// cancelled; and the client still submits and cancels.
	jobs, err := c.Jobs(ctx)
	if err != nil || len(jobs) != 1 || jobs[0].ID != id {
		t.Fatalf("jobs after the refusals: %v %v; want only %s", jobs, err, id)
	}
	if jobs[0].State == api.JobCancelled {
		t.Fatal("a cross-site cancel took effect")
	}
	// The tiny job may have finished already: then the cancel is refused
	// for that (409), but it reached the job, past the guard.
	var apiErr *api.APIError
	if err := c.Cancel(ctx, id); err != nil && !(errors.As(err, &apiErr) && apiErr.Status == http.StatusConflict) {
		t.Fatalf("the client's own cancel: %v", err)
	}
	if _, err := c.Submit(ctx, spec); err != nil {
		t.Fatalf("the client's own submit: %v", err)
	}
}

// TestEventsOfFinishedJob: asking a finished job for its events after a
// number it never reached answers at once with its final event and ends
// the stream, instead of waiting forever for an event that cannot come.
func TestEventsOfFinishedJob(t *testing.T) {
	n := farmtest.Start(t, 1, nil)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := api.NewClient(n.URL())
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := demoSpec()
	spec.Scene, spec.SceneName, spec.Frames = hash, "cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	var all []api.Event
	state, err := c.Events(ctx, id, func(e api.Event) error { all = append(all, e); return nil })
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	last := all[len(all)-1]
	tests := []struct {
		name  string
		after int
		want  []int // the seqs streamed
	}{
		{"far past the end", 900, []int{last.Seq}},
		{"at the end", last.Seq, []int{last.Seq}},
		{"before the last", last.Seq - 1, []int{last.Seq}},
		{"from the start", 0, nil}, // every event: checked by length below
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The deadline is a bound on a hang, not a timing assertion.
			rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(rctx, http.MethodGet, n.URL()+"/v1/jobs/"+id+"/events?after="+strconv.Itoa(tc.after), nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var seqs []int
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
					var e api.Event
					if err := json.Unmarshal([]byte(d), &e); err != nil {
						t.Fatal(err)
					}
					seqs = append(seqs, e.Seq)
				}
			}
			if err := sc.Err(); err != nil {
				t.Fatalf("stream did not end: %v", err)
			}
			if tc.want == nil {
				if len(seqs) != len(all) {
					t.Fatalf("streamed %d events, want all %d", len(seqs), len(all))
				}
				return
			}
			if len(seqs) != len(tc.want) || seqs[0] != tc.want[0] {
				t.Fatalf("streamed %v, want %v", seqs, tc.want)
			}
		})
	}
}
