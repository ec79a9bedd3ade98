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
	"github.com/ethereum/go-ethereum/common"
)

// TestReadLogRefusesForgeries: a coordinator keeps a task's log only when
// the worker it leased the task to signed or sealed it over this lease and
// this answer; a log changed on the way, signed or sealed by another node
// (under its own key or naming the worker's), sealed for another
// coordinator or as something else, moved from another lease or another
// result, or too long is refused.
func TestReadLogRefusesForgeries(t *testing.T) {
	worker, _ := rpc.NewIdentity()
	other, _ := rpc.NewIdentity()
	coord, _ := rpc.NewIdentity()
	workerS, otherS, coordS := rpc.NewSessions(worker), rpc.NewSessions(other), rpc.NewSessions(coord)
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
	// sealFor is s's seal over log for purpose, made for the coordinator
	// to (its public key, its address).
	sealFor := func(s *rpc.Sessions, to string, toAddr common.Address, purpose string, r TaskRequest, resultHash, log string) string {
		seal, err := s.Seal(to, toAddr, purpose, logMessage(r, resultHash, log))
		if err != nil {
			t.Fatal(err)
		}
		return seal
	}
	seal := func(s *rpc.Sessions, r TaskRequest, resultHash, log string) string {
		return sealFor(s, coordS.PublicKey(), coord.Address(), sealLog, r, resultHash, log)
	}
	otherLease := req
	otherLease.Nonce = rpc.NewNonce()
	long := strings.Repeat("x", renderer.MaxLogBytes+1000)
	changed := strings.Replace(log, "4 samples", "400 samples", 1)
	tests := []struct {
		name      string
		sent      string // the log on the answer
		sig       string
		seal, key string // a seal instead, and the sealer's key
		wantErr   bool
	}{
		{"the worker's own", log, sign(worker, req, result, log), "", "", false},
		{"changed on the way", changed, sign(worker, req, result, log), "", "", true},
		{"signed by another node", log, sign(other, req, result, log), "", "", true},
		{"from another lease", log, sign(worker, otherLease, result, log), "", "", true},
		{"from a failure, not this result", log, sign(worker, req, "", log), "", "", true},
		{"no signature", log, "", "", "", true},
		{"over the bound", long, sign(worker, req, result, long), "", "", true},
		{"sealed by the worker", log, "", seal(workerS, req, result, log), workerS.PublicKey(), false},
		{"sealed, changed on the way", changed, "", seal(workerS, req, result, log), workerS.PublicKey(), true},
		{"sealed by another node", log, "", seal(otherS, req, result, log), otherS.PublicKey(), true},
		{"sealed by another node naming the worker's key", log, "", seal(otherS, req, result, log), workerS.PublicKey(), true},
		{"sealed for another coordinator", log, "", sealFor(workerS, otherS.PublicKey(), other.Address(), sealLog, req, result, log), workerS.PublicKey(), true},
		{"a result's seal passed off as the log's", log, "", sealFor(workerS, coordS.PublicKey(), coord.Address(), sealResult, req, result, log), workerS.PublicKey(), true},
		{"sealed, from another lease", log, "", seal(workerS, otherLease, result, log), workerS.PublicKey(), true},
		{"a seal under a key that is no key", log, "", seal(workerS, req, result, log), "02" + strings.Repeat("ff", 32), true},
		{"a seal with the worker's signature beside it", changed, sign(worker, req, result, changed), seal(otherS, req, result, changed), workerS.PublicKey(), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rec.Header().Set(headerLog, base64.StdEncoding.EncodeToString([]byte(tc.sent)))
			rec.Header().Set(headerLogSig, tc.sig)
			if tc.seal != "" {
				rec.Header().Set(headerLogSeal, tc.seal)
				rec.Header().Set(headerKey, tc.key)
			}
			got, err := readLog(rec.Header(), coordS, req, m, result)
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
// empty log carry none. A lease that carries its coordinator's key gets
// the log sealed, one without it signed.
func TestWorkerSignsItsLog(t *testing.T) {
	id, _ := rpc.NewIdentity()
	coord, _ := rpc.NewIdentity()
	coordS := rpc.NewSessions(coord)
	w := &worker{ident: id, sessions: rpc.NewSessions(id)}
	m := api.Member{NodeMeta: api.NodeMeta{ID: "w", Addr: id.Address().Hex()}}
	req := TaskRequest{JobID: "ab12", Task: 1, Nonce: rpc.NewNonce(), Coordinator: coord.Address().Hex(), Recipient: id.Address().Hex()}
	check := req
	check.Check = true
	keyed := req
	keyed.Key = coordS.PublicKey()
	huge := "first line\n" + strings.Repeat("y", 3*renderer.MaxLogBytes) + "\nlast line"
	tests := []struct {
		name   string
		req    TaskRequest
		log    string
		want   func(string) bool
		sealed bool
	}{
		{"plain", req, "hello\n", func(s string) bool { return s == "hello\n" }, false},
		{"huge keeps its end", req, huge, func(s string) bool {
			return len(s) <= renderer.MaxLogBytes && strings.HasSuffix(s, "last line") && !strings.Contains(s, "first line")
		}, false},
		{"empty", req, "", func(s string) bool { return s == "" }, false},
		{"check", check, "hello\n", func(s string) bool { return s == "" }, false},
		{"sealed to the coordinator's key", keyed, "hello\n", func(s string) bool { return s == "hello\n" }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			w.setLog(rec, tc.req, "ff", tc.log)
			got, err := readLog(rec.Header(), coordS, tc.req, m, "ff")
			if err != nil || !tc.want(got) {
				t.Fatalf("read back %d bytes (%.60q...), %v", len(got), got, err)
			}
			if sealed := rec.Header().Get(headerLogSeal) != ""; tc.log != "" && !tc.req.Check && sealed != tc.sealed {
				t.Errorf("log sealed: %v, want %v (headers %v)", sealed, tc.sealed, rec.Header())
			}
		})
	}
}

// FuzzReadLog: a log header, signature, seal and key from a worker are
// outside input: readLog never panics, never returns more than a log may
// hold, and accepts only what the worker signed or sealed for this answer.
func FuzzReadLog(f *testing.F) {
	worker, _ := rpc.NewIdentity()
	coord, _ := rpc.NewIdentity()
	workerS, coordS := rpc.NewSessions(worker), rpc.NewSessions(coord)
	m := api.Member{NodeMeta: api.NodeMeta{ID: "w", Addr: worker.Address().Hex()}}
	req := TaskRequest{JobID: "ab12", Task: 1, Nonce: "n1", Coordinator: coord.Address().Hex(), Recipient: worker.Address().Hex()}
	good := "Fra:1 | Saved: 'x.png'\n"
	enc := base64.StdEncoding.EncodeToString([]byte(good))
	sig, _ := worker.Sign(logMessage(req, "ff", good))
	seal, _ := workerS.Seal(coordS.PublicKey(), coord.Address(), sealLog, logMessage(req, "ff", good))
	f.Add(enc, sig, "", "")
	f.Add(enc, "", seal, workerS.PublicKey())
	f.Add(enc, "", seal, coordS.PublicKey())
	f.Add(enc, "", seal[:10], workerS.PublicKey())
	f.Add(enc, "", seal, workerS.PublicKey()[:40])
	f.Add("!!!", sig, "", "")
	f.Add("", "", "", "")
	f.Add(base64.StdEncoding.EncodeToString([]byte("\xff\xfe")), "00", "zz", "02")
	f.Fuzz(func(t *testing.T, enc, sig, seal, key string) {
		rec := httptest.NewRecorder()
		rec.Header().Set(headerLog, enc)
		rec.Header().Set(headerLogSig, sig)
		rec.Header().Set(headerLogSeal, seal)
		rec.Header().Set(headerKey, key)
		got, err := readLog(rec.Header(), coordS, req, m, "ff")
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
