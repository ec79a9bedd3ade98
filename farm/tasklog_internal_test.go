package farm

import (
	"encoding/base64"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
)

// TestReadLogRefusesForgeries: a coordinator keeps a task's log only when
// the worker it leased the task to signed it over this lease and this
// answer; a log changed on the way, signed by another node, moved from
// another lease or another result, or too long is refused.
func TestReadLogRefusesForgeries(t *testing.T) {
	worker, _ := rpc.NewIdentity()
	other, _ := rpc.NewIdentity()
	coord, _ := rpc.NewIdentity()
	m := api.Member{NodeMeta: api.NodeMeta{ID: "worker", Addr: worker.Address().Hex()}}
	req := TaskRequest{JobID: "ab12", Task: 3, Nonce: rpc.NewNonce(), Coordinator: coord.Address().Hex(), Recipient: worker.Address().Hex()}
	const result = "5f1e"
	const log = "Fra:1 Mem:10M | Rendering 1 / 4 samples\nSaved: 'tile.png'\n"
	sign := func(id *rpc.Identity, r TaskRequest, resultHash, log string) string {
		sig, err := id.Sign(logMessage(r, resultHash, log))
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	otherLease := req
	otherLease.Nonce = rpc.NewNonce()
	long := strings.Repeat("x", renderer.MaxLogBytes+1000)
	tests := []struct {
		name    string
		sent    string // the log on the answer
		sig     string
		wantErr bool
	}{
		{"the worker's own", log, sign(worker, req, result, log), false},
		{"changed on the way", strings.Replace(log, "4 samples", "400 samples", 1), sign(worker, req, result, log), true},
		{"signed by another node", log, sign(other, req, result, log), true},
		{"from another lease", log, sign(worker, otherLease, result, log), true},
		{"from a failure, not this result", log, sign(worker, req, "", log), true},
		{"no signature", log, "", true},
		{"over the bound", long, sign(worker, req, result, long), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rec.Header().Set(headerLog, base64.StdEncoding.EncodeToString([]byte(tc.sent)))
			rec.Header().Set(headerLogSig, tc.sig)
			got, err := readLog(rec.Header(), req, m, result)
			if tc.wantErr {
				if !errors.Is(err, errBadLog) {
					t.Fatalf("log accepted (%q, %v): want errBadLog", got, err)
				}
				return
			}
			if err != nil || got != tc.sent {
				t.Fatalf("got %q, %v; want the log", got, err)
			}
		})
	}
}

// TestWorkerSignsItsLog: what a worker puts on its answer is what a
// coordinator accepts, a long log cut to its end; a check's answer and an
// empty log carry none.
func TestWorkerSignsItsLog(t *testing.T) {
	id, _ := rpc.NewIdentity()
	coord, _ := rpc.NewIdentity()
	w := &worker{ident: id}
	m := api.Member{NodeMeta: api.NodeMeta{ID: "w", Addr: id.Address().Hex()}}
	req := TaskRequest{JobID: "ab12", Task: 1, Nonce: rpc.NewNonce(), Coordinator: coord.Address().Hex(), Recipient: id.Address().Hex()}
	check := req
	check.Check = true
	huge := "first line\n" + strings.Repeat("y", 3*renderer.MaxLogBytes) + "\nlast line"
	tests := []struct {
		name string
		req  TaskRequest
		log  string
		want func(string) bool
	}{
		{"plain", req, "hello\n", func(s string) bool { return s == "hello\n" }},
		{"huge keeps its end", req, huge, func(s string) bool {
			return len(s) <= renderer.MaxLogBytes && strings.HasSuffix(s, "last line") && !strings.Contains(s, "first line")
		}},
		{"empty", req, "", func(s string) bool { return s == "" }},
		{"check", check, "hello\n", func(s string) bool { return s == "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			w.setLog(rec, tc.req, "ff", tc.log)
			got, err := readLog(rec.Header(), tc.req, m, "ff")
			if err != nil || !tc.want(got) {
				t.Fatalf("read back %d bytes (%.60q...), %v", len(got), got, err)
			}
		})
	}
}

// FuzzReadLog: a log header and signature from a worker are outside
// input: readLog never panics, never returns more than a log may hold, and
// accepts only what the worker signed for this answer.
func FuzzReadLog(f *testing.F) {
	worker, _ := rpc.NewIdentity()
	m := api.Member{NodeMeta: api.NodeMeta{ID: "w", Addr: worker.Address().Hex()}}
	req := TaskRequest{JobID: "ab12", Task: 1, Nonce: "n1", Coordinator: worker.Address().Hex(), Recipient: worker.Address().Hex()}
	good := "Fra:1 | Saved: 'x.png'\n"
	sig, _ := worker.Sign(logMessage(req, "ff", good))
	f.Add(base64.StdEncoding.EncodeToString([]byte(good)), sig)
	f.Add("!!!", sig)
	f.Add("", "")
	f.Add(base64.StdEncoding.EncodeToString([]byte("\xff\xfe")), "00")
	f.Fuzz(func(t *testing.T, enc, sig string) {
		rec := httptest.NewRecorder()
		rec.Header().Set(headerLog, enc)
		rec.Header().Set(headerLogSig, sig)
		got, err := readLog(rec.Header(), req, m, "ff")
		if err != nil {
			return
		}
		if len(got) > renderer.MaxLogBytes+64 {
			t.Fatalf("accepted a %d-byte log", len(got))
		}
		if got != "" && got != good {
			t.Fatalf("accepted a log the worker did not sign: %q", got)
		}
	})
}
