package farm

import (
	"bytes"
	"encoding/json"
	"image"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// TestSignForBody: a coordinator signs its first request to a worker and
// seals the ones after it has met the worker's key; either way the body
// it sends is the request itself, signature or seal included, as the
// worker decodes it (unknown fields refused), and it opens there.
func TestSignForBody(t *testing.T) {
	coordID, _ := rpc.NewIdentity()
	workerID, _ := rpc.NewIdentity()
	c := &coordinator{ident: coordID, sessions: rpc.NewSessions(coordID)}
	ws := rpc.NewSessions(workerID)
	m := api.Member{NodeMeta: api.NodeMeta{ID: "w", Addr: workerID.Address().Hex()}}
	base := TaskRequest{
		JobID: "ab12", Task: 7, Renderer: "pathtracer", Scene: "5f", SceneName: "a \"quoted\" <scene>.glb", Frame: 2,
		Width: 64, Height: 48, Samples: 4, Region: image.Rect(16, 0, 32, 16), Sources: []string{"http://10.0.0.1:7947"},
		Coordinator: coordID.Address().Hex(), Time: 1733400000000, Nonce: rpc.NewNonce(), JobHash: "0xab12",
	}
	for _, sealed := range []bool{false, true} {
		if sealed {
			// What meeting the worker does: its first sealed answer.
			seal, _ := ws.Seal(c.sessions.PublicKey(), coordID.Address(), sealResult, []byte("m"))
			if _, err := c.sessions.Open(ws.PublicKey(), func(a common.Address) bool { return a == workerID.Address() }, sealResult, []byte("m"), seal); err != nil {
				t.Fatal(err)
			}
		}
		req := base
		if err := c.signFor(&req, m); err != nil {
			t.Fatal(err)
		}
		if got := req.Seal != ""; got != sealed || (req.Sig != "") == sealed {
			t.Fatalf("sealed %v: request has sig %q, seal %q", sealed, req.Sig, req.Seal)
		}
		var sent TaskRequest
		dec := json.NewDecoder(bytes.NewReader(req.body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&sent); err != nil {
			t.Fatalf("sealed %v: body %s: %v", sealed, req.body, err)
		}
		want, _ := json.Marshal(req)
		if got, _ := json.Marshal(sent); !bytes.Equal(got, want) {
			t.Fatalf("sealed %v: the body decodes to\n%s\nwant\n%s", sealed, got, want)
		}
		var from [20]byte
		var err error
		if sealed {
			from, err = ws.Open(sent.Key, func(a common.Address) bool { return a == coordID.Address() }, sealLease, sent.signedBytes(), sent.Seal)
		} else {
			from, err = rpc.Signer(sent.signedBytes(), sent.Sig)
		}
		if err != nil || from != coordID.Address() {
			t.Fatalf("sealed %v: the worker reads it as from %x, %v", sealed, from, err)
		}
	}
}
